// The sans-I/O contract between anything that speaks UDP (a ptpchat Node, a raw test endpoint,
// an adversary) and whatever hosts it (the simulator, a real socket, the conformance harness).
// Bytes and time go in; datagrams, one wake-up request and events come out, appended to an
// Output buffer the host drains after the call returns (output.hpp).
#pragma once

#include <functional>

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/output.hpp"
#include "engine/core/time.hpp"

namespace ptplab {

// Called with one address (see Endpoint::visit_remembered).
using AddressVisitor = std::function<void(const Address& address)>;

// A sans-I/O UDP endpoint. It never reads a clock or touches a socket; every call appends what
// it wants done to `out` and returns.
class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // Called once when the host brings the endpoint up (and again after a restart).
  virtual void start(TimeNs now, Output& out) = 0;
  // A datagram arrived from `from` (the source as observed: after NAT, possibly spoofed).
  virtual void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) = 0;
  // The wake-up requested through Output::wake_at is due.
  virtual void on_timer(TimeNs now, Output& out) = 0;
  // Calls `visit` with every address the endpoint holds state keyed by (peers, the sources it
  // accounts, pending sends, routes, waiting messages...; an address may come more than once) and
  // returns true; returns false when it cannot tell (this default), and then a host must assume
  // it remembers every address. A host that maps real addresses onto Addresses (UdpHost's IPv6
  // stand-ins) hands an Address to another source only when it was not visited, so that the
  // newcomer never inherits what the endpoint knew of the old one (PROTOCOL.md "IPv6 stand-ins").
  [[nodiscard]] virtual bool visit_remembered(const AddressVisitor& visit) const {
    (void)visit;
    return false;
  }
};

}  // namespace ptplab
