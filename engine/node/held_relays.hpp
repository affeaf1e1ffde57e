// Held relays: JOIN, LEAVE and CHANNEL relays that the anti-amplification budget (PROTOCOL.md
// "Node: peers", R31) refused to a peer whose address is not proved yet, kept until it proves it
// (held_relays_max; RFC 9000 §8.1: a server at the limit waits for validation rather than
// discarding). Pure bookkeeping: sending and events are the Node's (node_propagation.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/verb.hpp"

namespace ptplab::engine {

// One refused relay: the datagram (shared with every other copy of it) and where it was going.
struct HeldRelay {
  Address to;
  SharedBytes bytes;
  Verb verb;
};

// Why: at set-up a channel's discovery flood reaches most peers before they proved their
// address, and a relay refused then is never repeated (reports/BENCHMARKS.md, "[P] session 15").
// Bounded: at most `max` relays across all peers, in arrival order.
class HeldRelays {
 public:
  // Holds `relay`; when that makes more than `max` (> 0), the oldest is returned, no longer held.
  [[nodiscard]] std::optional<HeldRelay> hold(HeldRelay relay, std::size_t max);
  // Removes and returns every relay held for `to`, oldest first.
  [[nodiscard]] std::vector<HeldRelay> take(const Address& to);
  [[nodiscard]] std::size_t size() const { return held_.size(); }

 private:
  std::vector<HeldRelay> held_;
};

}  // namespace ptplab::engine
