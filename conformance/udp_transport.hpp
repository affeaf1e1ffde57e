// The harness's peers as real UDP sockets on the loopback (or any local) interface, with
// Boost.Asio: each peer is one socket bound to an ephemeral port. Only udp_transport.cpp
// includes Asio: the io_context and sockets live behind a pointer (pimpl).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "conformance/transport.hpp"

namespace ptplab::conformance {

// Real sockets against a target at a fixed address; time is the steady clock.
class UdpTransport final : public Transport {
 public:
  explicit UdpTransport(Address target);
  ~UdpTransport() override;

  [[nodiscard]] Expected<int, std::string> open_peer() override;
  [[nodiscard]] Address peer_address(int peer) const override;
  [[nodiscard]] Address target() const override { return target_; }
  void send(int peer, const Address& to, const std::string& bytes) override;
  [[nodiscard]] TimeNs now() const override;
  [[nodiscard]] std::int64_t epoch_ms() const override;
  void poll_until(TimeNs deadline, std::vector<Arrival>& arrivals) override;

 private:
  static constexpr std::size_t kReceiveBytesMax = 65536;
  static constexpr int kPeersMax = 64;
  struct Sockets;  // the io_context and one Asio socket per peer (udp_transport.cpp)
  void receive(int peer);

  Address target_;
  std::unique_ptr<Sockets> asio_;
  std::vector<Arrival>* sink_ = nullptr;
  std::vector<Arrival> early_;  // arrivals completed while nobody polled
};

// The steady clock in nanoseconds: the time base of real-UDP runs.
[[nodiscard]] TimeNs steady_now();

}  // namespace ptplab::conformance
