// The sans-I/O contract between anything that speaks UDP (a ptpchat Node, a raw test endpoint,
// an adversary) and whatever hosts it (the simulator, a real socket, the conformance harness).
// Bytes and time go in; datagrams, one wake-up request and events come out.
#pragma once

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/event.hpp"
#include "engine/core/time.hpp"

namespace ptplab {

// Where an endpoint's outputs go. The host implements it.
class Output {
 public:
  virtual ~Output() = default;
  // Send `bytes` to `to` from the endpoint's own address.
  virtual void send(const Address& to, const SharedBytes& bytes) = 0;
  // Send with a forged source address. Hosts honour it only for endpoints marked as
  // adversaries; for everyone else it is a plain send from the real address.
  virtual void send_spoofed(const Address& from, const Address& to, const SharedBytes& bytes) {
    (void)from;
    send(to, bytes);
  }
  // Ask for on_timer at time `t`. The latest request replaces any earlier pending one, so an
  // endpoint states its next deadline at the end of every call (kNever: no wake-up needed).
  virtual void wake_at(TimeNs t) = 0;
  // Report an observable event.
  virtual void event(const Event& e) = 0;
};

// A sans-I/O UDP endpoint. It never reads a clock or touches a socket.
class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // Called once when the host brings the endpoint up (and again after a restart).
  virtual void start(TimeNs now, Output& out) = 0;
  // A datagram arrived from `from` (the source as observed: after NAT, possibly spoofed).
  virtual void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) = 0;
  // The wake-up requested through Output::wake_at is due.
  virtual void on_timer(TimeNs now, Output& out) = 0;
};

}  // namespace ptplab
