// A bounded cache of decoded datagrams, shared by all the nodes of one simulation (NodeShared).
// A node sends one buffer to many receivers (its HELLO to every peer, each time; its ROUTING to
// every live peer; a relayed MESSAGE or a flooded listing to its peers), and wire::decode is a
// pure function of the bytes and the limits, so every receiver after the first can take the
// first one's result. perf, 10k.json at main ff57f4c: the JSON decode of HELLO and ROUTING was
// the largest share of the run (reports/BENCHMARKS.md, "[P] session 9").
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/bytes.hpp"
#include "engine/core/expected.hpp"
#include "engine/wire/codec.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// Why: turns the N decodes of a datagram handed to N receivers into one. Keyed by the identity
// of the buffer (the SharedBytes object), not its content: a slot holds its buffer, so the
// address cannot be freed and reused while the slot answers for it, and buffers are immutable,
// so the same address means the same bytes. Equal bytes in different buffers are decoded
// separately (still exact, merely a miss). Direct-mapped: its size is fixed at construction and a
// collision merely evicts. Not thread-safe.
class DecodeCache {
 public:
  using Result = Expected<wire::Message, wire::DecodeError>;

  // A table of 2^log2_entries entries (clamped to [0, 20]).
  explicit DecodeCache(unsigned log2_entries = 14);

  // wire::decode(*bytes, limits) (an empty view when bytes is null): the result decoded earlier
  // from this very buffer under the same limits when the slot still holds it. Never null.
  [[nodiscard]] std::shared_ptr<const Result> decode(const SharedBytes& bytes,
                                                     const wire::DecodeLimits& limits);

  [[nodiscard]] std::uint64_t hits() const { return hits_; }
  [[nodiscard]] std::uint64_t misses() const { return misses_; }
  [[nodiscard]] std::size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    SharedBytes bytes;  // null: empty slot
    wire::DecodeLimits limits;
    std::shared_ptr<const Result> result;
  };
  std::vector<Slot> slots_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

// wire::decode of `bytes` under `limits`, through `cache` when it is not null.
[[nodiscard]] std::shared_ptr<const DecodeCache::Result> decode_shared(DecodeCache* cache,
                                                                       const SharedBytes& bytes,
                                                                       const wire::DecodeLimits& limits);

}  // namespace ptplab::engine
