// What the source guard remembers of the sources it forgot: a fixed array of token-bucket
// records indexed by a hash of the address, so that evicting a source from the bounded table
// (or expiring it) never hands it a fresh allowance when it comes back. Two addresses that hash
// to one slot share the poorer of their records: a returning source never starts richer than it
// left, and a new one that collides starts poorer, refilling at the configured rate.
// PROTOCOL.md "abuse mitigations" states the rule; SourceGuard applies it.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/time.hpp"
#include "engine/node/node_params.hpp"
#include "engine/node/token_bucket.hpp"

namespace ptplab::engine {

// The three per-source buckets of the source guard (units: datagrams, bytes, CERTIFICATE answers).
struct SourceBuckets {
  TokenBucket datagrams;
  TokenBucket bytes;
  TokenBucket certificate_answers;

  // All three full at `now`: what a source never seen before starts with.
  [[nodiscard]] static SourceBuckets full(TimeNs now, const NodeParams& params);
  // Whether every bucket, refilled to `now`, is at its burst (then there is nothing to remember).
  [[nodiscard]] bool is_full(TimeNs now, const NodeParams& params) const;
  // Per bucket the poorer of this and `other` at `now`.
  [[nodiscard]] SourceBuckets poorer(const SourceBuckets& other, TimeNs now, const NodeParams& params) const;
};

// Why: a bounded table that forgets its least recently seen entry lets k + 1 sources in
// round-robin reset each other's buckets forever (issue 15: 5 sources against a table of 4 got
// 0 of 250 datagrams limited); remembering every address instead would be unbounded.
class EvictedSources {
 public:
  // Records the buckets of the forgotten source `a` at `now` in its slot (merged with the poorer
  // record already there). `slots` (>= 1) sizes the array on first use; a full record is skipped.
  void remember(TimeNs now, const Address& a, const SourceBuckets& buckets, const NodeParams& params,
                std::size_t slots);
  // The buckets a source at `a` starts with at `now`: its slot's record, else full.
  [[nodiscard]] SourceBuckets recall(TimeNs now, const Address& a, const NodeParams& params) const;

  [[nodiscard]] std::size_t slot_count() const { return slots_.size(); }

 private:
  [[nodiscard]] std::size_t slot_of(const Address& a) const;

  std::vector<std::optional<SourceBuckets>> slots_;  // empty until the first eviction
};

}  // namespace ptplab::engine
