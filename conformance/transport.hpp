// How the harness reaches a target: it opens peers (one socket each), sends datagrams from
// them and waits, with a deadline, for what arrives. Over real UDP time is the steady clock;
// in-process it is virtual and the wait advances it.
#pragma once

#include <string>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/event.hpp"
#include "engine/core/expected.hpp"
#include "engine/core/time.hpp"

namespace ptplab::conformance {

// One datagram received by one of the harness's peers.
struct Arrival {
  TimeNs at = 0;
  int peer = 0;  // index of the receiving peer
  Address from;
  std::string bytes;
};

// The harness's side of the network for one case. Not thread-safe: one case, one thread.
class Transport {
 public:
  virtual ~Transport() = default;
  // Opens a new peer socket; returns its index.
  [[nodiscard]] virtual Expected<int, std::string> open_peer() = 0;
  // The address the target sees for peer `peer`.
  [[nodiscard]] virtual Address peer_address(int peer) const = 0;
  // The target's address.
  [[nodiscard]] virtual Address target() const = 0;
  // Sends `bytes` from peer `peer` to `to`.
  virtual void send(int peer, const Address& to, const std::string& bytes) = 0;
  // The current time (steady clock or virtual).
  [[nodiscard]] virtual TimeNs now() const = 0;
  // Milliseconds since the Unix epoch, what MESSAGE timestamps carry (PROTOCOL.md W10): the
  // system clock over UDP; virtual time (the in-process Node's epoch offset is 0) in process.
  [[nodiscard]] virtual std::int64_t epoch_ms() const { return now() / kMillisecond; }
  // Waits until at least one datagram has arrived or `deadline` passed; appends the arrivals.
  virtual void poll_until(TimeNs deadline, std::vector<Arrival>& arrivals) = 0;
  // Events the target reported since the last call (in-process targets only; evidence).
  [[nodiscard]] virtual std::vector<std::string> drain_target_events() { return {}; }
};

}  // namespace ptplab::conformance
