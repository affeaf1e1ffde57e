// The implementation under test, as the runner sees it: something that hands each case a fresh
// Transport. Real UDP targets are shared by every case of a run; an in-process target is built
// anew for each case.
#pragma once

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

// Whether a HELLO sent to `address` is answered within `timeout_ns` (retrying every
// `retry_ns`). A refused port (ICMP) ends the probe at once. The error says what happened.
[[nodiscard]] Expected<std::monostate, std::string> probe_reachable(const Address& address, TimeNs timeout_ns,
                                                                    TimeNs retry_ns);

}  // namespace ptplab::conformance
