// What the simulated network reports: every send, drop (with its reason), delivery, endpoint
// event and host up/down. The metrics layer implements Observer; the simulator writes no files.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/event.hpp"
#include "engine/core/time.hpp"
#include "sim/drop_reason.hpp"
#include "sim/host_id.hpp"

namespace ptplab::sim {

// A datagram as observed at one point of its path. Valid only during the callback.
struct DatagramView {
  TimeNs sent_ns = 0;                  // when the source host sent it
  HostId src_host = kNoHost;           // the sending host (the real one, even when spoofed)
  HostId dst_host = kNoHost;           // the receiving host, once routing has found it
  Address from{};                      // source address as seen at this point (after NAT, or spoofed)
  Address to{};                        // destination address as seen at this point
  const SharedBytes* bytes = nullptr;  // the payload (shared, never copied)
  [[nodiscard]] std::size_t size() const { return bytes && *bytes ? (*bytes)->size() : 0; }
};

// What an endpoint was handling when it reported an event. The host drains an endpoint's
// events after the call, so it names the input itself instead of leaving observers to guess
// from whatever they saw last.
enum class CauseKind : std::uint8_t {
  kStart,     // the host (re)started the endpoint
  kDatagram,  // a datagram was delivered to it: EventCause::datagram
  kTimer,     // its wake-up was due
  kAction,    // a user action (join, send, connect ...) through Network::act
};

// The input behind an event. Valid only during the callback.
struct EventCause {
  CauseKind kind = CauseKind::kAction;
  const DatagramView* datagram = nullptr;  // for kDatagram: the datagram being handled, else null
};

// Receives everything observable about a run. Every callback has a no-op default.
class Observer {
 public:
  virtual ~Observer() = default;
  // A host's endpoint sent a datagram (before any model acts on it).
  virtual void on_send(TimeNs now, const DatagramView& d) {
    (void)now;
    (void)d;
  }
  // The network dropped a datagram.
  virtual void on_drop(TimeNs now, const DatagramView& d, DropReason reason) {
    (void)now;
    (void)d;
    (void)reason;
  }
  // A datagram reached its destination endpoint at `now` (d.sent_ns: when it was sent).
  virtual void on_delivery(TimeNs now, const DatagramView& d) {
    (void)now;
    (void)d;
  }
  // An endpoint reported an event while handling `cause`; called after that call returned and
  // its datagrams were sent (events of one call in the order the endpoint reported them).
  virtual void on_event(TimeNs now, HostId host, const Event& e, const EventCause& cause) {
    (void)now;
    (void)host;
    (void)e;
    (void)cause;
  }
  // A host came up (start, restart, churn join) or went down (crash, churn leave).
  virtual void on_host_state(TimeNs now, HostId host, bool up) {
    (void)now;
    (void)host;
    (void)up;
  }
};

}  // namespace ptplab::sim
