// The target as a sans-I/O Endpoint hosted in this process, in virtual time: a tiny event loop
// (datagram deliveries and the endpoint's single wake-up) that advances only while the harness
// waits. Cases run in microseconds of real time, deterministically.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "conformance/transport.hpp"
#include "engine/core/endpoint.hpp"

namespace ptplab::conformance {

// Builds a fresh target endpoint for one case (seeded per case).
using EndpointFactory = std::function<std::unique_ptr<Endpoint>(std::uint64_t seed)>;

// The target lives in this process; peers are plain addresses in a private network.
class InProcessTransport final : public Transport {
 public:
  InProcessTransport(const EndpointFactory& factory, std::uint64_t seed);

  [[nodiscard]] Expected<int, std::string> open_peer() override;
  [[nodiscard]] Address peer_address(int peer) const override { return peers_.at(peer); }
  [[nodiscard]] Address target() const override { return kTargetAddress; }
  void send(int peer, const Address& to, const std::string& bytes) override;
  [[nodiscard]] TimeNs now() const override { return now_; }
  void poll_until(TimeNs deadline, std::vector<Arrival>& arrivals) override;
  [[nodiscard]] std::vector<std::string> drain_target_events() override;

  static constexpr Address kTargetAddress{0x0a000001, 9000};  // 10.0.0.1:9000
  static constexpr TimeNs kStartTime = kSecond;               // virtual time when the target starts
  static constexpr TimeNs kLatency = kMillisecond;            // harness to target (the way back is instant)
  static constexpr std::size_t kEventsMax = 10000;            // evidence kept per case

 private:
  // Carries out what the endpoint asked for in its last call: datagrams to the peers they name
  // (spoofing is not honoured), events as evidence lines, the wake-up; then clears `out_`.
  void drain();
  void deliver_to_peer(const Address& to, const SharedBytes& bytes);
  void record(const Event& e);

  std::unique_ptr<Endpoint> endpoint_;
  Output out_;  // the endpoint's outputs, reused across calls (drain() calls no endpoint)
  TimeNs now_ = kStartTime;
  TimeNs wake_ = kNever;
  std::uint64_t sequence_ = 0;
  // Datagrams in flight to the target, by (delivery time, sequence).
  std::map<std::tuple<TimeNs, std::uint64_t>, std::pair<Address, SharedBytes>> to_target_;
  std::vector<Address> peers_;
  std::vector<Arrival> from_target_;
  std::vector<std::string> events_;
};

}  // namespace ptplab::conformance
