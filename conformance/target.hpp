// The implementation under test, as the runner sees it: something that hands each case a fresh
// Transport. Real UDP targets are shared by every case of a run; an in-process target is built
// anew for each case.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "conformance/inprocess_transport.hpp"
#include "conformance/transport.hpp"

namespace ptplab::conformance {

// Where the cases of a run are played.
class Target {
 public:
  virtual ~Target() = default;
  // The transport for one case; `seed` seeds an in-process target.
  [[nodiscard]] virtual std::unique_ptr<Transport> open(std::uint64_t seed) = 0;
  // Whether independent cases may run at the same time (each with its own sockets).
  [[nodiscard]] virtual bool concurrent() const = 0;
  // "127.0.0.1:9001", "in-process engine", ...
  [[nodiscard]] virtual std::string describe() const = 0;
};

// A running implementation at a UDP address.
class UdpTarget final : public Target {
 public:
  explicit UdpTarget(Address address) : address_(address) {}
  [[nodiscard]] std::unique_ptr<Transport> open(std::uint64_t seed) override;
  [[nodiscard]] bool concurrent() const override { return true; }
  [[nodiscard]] std::string describe() const override { return address_.to_string(); }

 private:
  Address address_;
};

// An endpoint built in this process for every case, run in virtual time.
class InProcessTarget final : public Target {
 public:
  InProcessTarget(EndpointFactory factory, std::string name)
      : factory_(std::move(factory)), name_(std::move(name)) {}
  [[nodiscard]] std::unique_ptr<Transport> open(std::uint64_t seed) override;
  [[nodiscard]] bool concurrent() const override { return false; }
  [[nodiscard]] std::string describe() const override { return name_; }

 private:
  EndpointFactory factory_;
  std::string name_;
};

// The readiness probe: whether `address` sends anything back within `wait_ns` after a HELLO
// from `node_id` (a fresh id per probe: a target that already knows an id at another port may
// keep answering the old one). One socket for the whole wait, the HELLO repeated every
// `retry_ns`, so that a target that answers only on its own periodic timer (HELLO-4: it greets
// the nodes it knows every 0.5-2 s) is seen too. A refused port (ICMP) ends the probe at once
// when `refused_is_final`; else (a target still starting) the probe goes on. The error says
// what happened.
struct ProbeOptions {
  TimeNs wait_ns = 5 * kSecond;
  TimeNs retry_ns = 200 * kMillisecond;
  bool refused_is_final = true;
  // Asked before each retry; a non-empty answer ends the probe with that error (--exec: the
  // child exited).
  std::function<std::string()> give_up;
};
[[nodiscard]] Expected<std::monostate, std::string> probe_reachable(const Address& address,
                                                                    const std::string& node_id,
                                                                    const ProbeOptions& options);

}  // namespace ptplab::conformance
