// A bounded cache of relayed MESSAGE datagrams, shared by all nodes of one simulation. A relay
// re-encodes the MESSAGE it received with `hops` one higher (node_delivery.cpp), and wire::encode
// is a function of the decoded message: every node relaying one MESSAGE at the same hop count
// produces the same bytes. One encoding then serves them all, and the un-ACKed copies that each
// relay keeps for retransmission (ReliableSender) are one buffer instead of one per node
// (heaptrack, flood-1k at 8,000 nodes: 11.4 MB of relayed copies, 1.4 KB per node).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/bytes.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// Why: turns the N identical encodings of a flooded MESSAGE into about one per hop count.
// Exact: an entry answers only a message equal to the one it was encoded from (all fields,
// hops included). Direct-mapped, so its size is fixed at construction and a collision merely
// evicts. Not thread-safe.
class RelayCache {
 public:
  // A table of 2^log2_entries entries (clamped to [0, 16]).
  explicit RelayCache(unsigned log2_entries = 8);

  // wire::encode(m) as shared bytes: the cached buffer when an equal message was encoded before.
  [[nodiscard]] SharedBytes encode(const wire::ChatMessage& m);

  [[nodiscard]] std::uint64_t hits() const { return hits_; }
  [[nodiscard]] std::uint64_t misses() const { return misses_; }
  [[nodiscard]] std::size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    std::uint64_t key = 0;
    wire::ChatMessage message;
    SharedBytes bytes;  // null: empty slot
  };
  std::vector<Slot> slots_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

// wire::encode(m) as shared bytes, through `cache` when it is not null.
[[nodiscard]] SharedBytes encode_relayed(RelayCache* cache, const wire::ChatMessage& m);

}  // namespace ptplab::engine
