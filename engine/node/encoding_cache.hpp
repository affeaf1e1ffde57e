// Bounded caches of datagrams that many nodes of one simulation encode identically, shared by
// all of them (NodeShared). wire::encode is a function of the decoded message, so:
// - a relay re-encodes the MESSAGE it received with `hops` one higher (node_delivery.cpp):
//   every node relaying one MESSAGE at the same hop count produces the same bytes, and the
//   un-ACKed copies each relay keeps for retransmission (ReliableSender) become one buffer
//   instead of one per node (heaptrack, flood-1k at 8,000 nodes: 11.4 MB of relayed copies,
//   1.4 KB per node);
// - every receiver of a flooded MESSAGE ACKs its msg_id with the same ACK (massif, same run:
//   4.9 MB of ACKs in flight at the peak, encoded once per receiver).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/bytes.hpp"
#include "engine/wire/codec.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// Why: turns the N identical encodings of a flooded datagram into about one. Exact: an entry
// answers only a message equal to the one it was encoded from (all fields). Direct-mapped, so
// its size is fixed at construction and a collision merely evicts. Not thread-safe.
template <typename M>
class EncodingCache {
 public:
  // A table of 2^log2_entries entries (clamped to [0, 16]).
  explicit EncodingCache(unsigned log2_entries = 8);

  // wire::encode(m) as shared bytes: the cached buffer when an equal message was encoded before.
  [[nodiscard]] SharedBytes encode(const M& m);

  [[nodiscard]] std::uint64_t hits() const { return hits_; }
  [[nodiscard]] std::uint64_t misses() const { return misses_; }
  [[nodiscard]] std::size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    std::uint64_t key = 0;
    M message;
    SharedBytes bytes;  // null: empty slot
  };
  std::vector<Slot> slots_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

// Relayed MESSAGEs (keyed by envelope, msg_id and hops) and ACKs (keyed by msg_id).
using RelayCache = EncodingCache<wire::ChatMessage>;
using AckCache = EncodingCache<wire::Ack>;
extern template class EncodingCache<wire::ChatMessage>;
extern template class EncodingCache<wire::Ack>;

// wire::encode(m) as shared bytes, through `cache` when it is not null.
template <typename M>
[[nodiscard]] SharedBytes encode_shared(EncodingCache<M>* cache, const M& m) {
  return cache ? cache->encode(m) : make_bytes(wire::encode(m));
}

}  // namespace ptplab::engine
