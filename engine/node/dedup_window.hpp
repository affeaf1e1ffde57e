// The de-dup window: which msg_ids this node has seen recently, each with a small digest of the
// content so that a msg_id reused for different content is reported as a collision.
// Bounded in entries (oldest evicted first) and in time.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/time.hpp"

namespace ptplab::engine {

// Whether a MESSAGE timestamp `timestamp_ms` (ms since the Unix epoch, the sender's clock) lies
// more than `window_ms` before or after our epoch time `now_ms`: past the window a replay would
// no longer be in the de-dup window, and a timestamp far ahead would stay "fresh" beyond it.
// Exact for every int64 timestamp (INT64_MIN and INT64_MAX included): no subtraction overflows.
// `now_ms` and `window_ms` are times a host can hold (|now_ms|, window_ms < 2^62).
[[nodiscard]] constexpr bool outside_time_window(std::int64_t now_ms, std::int64_t timestamp_ms,
                                                 std::int64_t window_ms) {
  return timestamp_ms < now_ms - window_ms || timestamp_ms > now_ms + window_ms;
}

// Why: delivery exactly once per (node, msg_id) needs memory of what was seen, and that memory
// must stay bounded under floods.
class DedupWindow {
 public:
  // The content digest recorded for `msg_id`, if it is in the window.
  [[nodiscard]] std::optional<std::uint64_t> find(std::string_view msg_id) const;
  // Records `msg_id` (seen at `now` with `digest`); evicts the oldest entry beyond `entries_max`
  // (0: unbounded).
  void insert(std::string_view msg_id, std::uint64_t digest, TimeNs now, std::size_t entries_max);
  // Forgets `msg_id` (a copy that failed verification must not shadow the genuine one).
  void erase(std::string_view msg_id);
  // Forgets entries older than `window_ns`.
  void expire(TimeNs now, TimeNs window_ns);
  [[nodiscard]] std::size_t size() const { return count_; }
  // Insertion-order records the storage holds room for (grown by 4 below 64): for tests.
  [[nodiscard]] std::size_t order_capacity() const { return order_.capacity(); }

 private:
  // One slot of the open-addressing table (linear probing, power-of-two size, at most 3/4 full).
  // 24 bytes: an empty slot is marked by `seen` (no entry is seen at INT64_MIN), not by a flag
  // that padded it to 32 (each of 8,000 nodes holds 8-16 slots; reports/BENCHMARKS.md, session 11).
  struct Slot {
    static constexpr TimeNs kEmpty = INT64_MIN;
    std::uint64_t key = 0;  // fnv1a64(msg_id)
    std::uint64_t digest = 0;
    TimeNs seen = kEmpty;
    [[nodiscard]] bool used() const { return seen != kEmpty; }
  };
  static_assert(sizeof(Slot) == 24);
  // The slot holding `key`, or the empty slot where it would go; precondition: slots_ not empty.
  [[nodiscard]] std::size_t slot_of(std::uint64_t key) const;
  // Empties slot i, shifting later entries of its probe run back (no tombstones).
  void remove(std::size_t i);
  // Forgets `key` if it is still the entry recorded at `seen`.
  void forget(std::uint64_t key, TimeNs seen);
  void grow();
  // Drops order_[0..head_) once they are at least half of order_ (amortised O(1) per entry).
  void compact();

  // A flat table rather than std::unordered_map: one probe instead of a division and a bucket
  // chain walk (perf, 10k.json at 3,000 nodes: DedupWindow::find 16% of the CPU, in the chain walk).
  std::vector<Slot> slots_;
  // 32-bit counts (8 bytes of every node's NodeState): a window holds far fewer than 2^32
  // entries (each costs 40 bytes).
  std::uint32_t count_ = 0;
  std::uint32_t head_ = 0;
  // Insertion order, for eviction: order_[head_..] are live. A vector, not a std::deque: an empty
  // deque already holds 576 bytes (heaptrack: 4.6 MB of 8,000 idle nodes' NodeState).
  std::vector<std::pair<std::uint64_t, TimeNs>> order_;
};

}  // namespace ptplab::engine
