// The Node's internal timers: a flat binary min-heap of (time, kind, key). Entries are never
// cancelled; the handler of a fired entry checks whether it is still wanted (lazy deletion),
// which keeps each entry at 16 bytes and every operation O(log n).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/time.hpp"

namespace ptplab::engine {

// What a timer entry is for.
enum class TimerKind : std::uint8_t {
  kHello,         // key: peer serial — send a HELLO, check the peer's timeout
  kRetransmit,    // key: pending serial — resend or give up
  kHousekeeping,  // key: 0 — expiries, channel refresh, key requests, connect timeouts
  kRouting,       // key: 0 — send ROUTING to the peers
};

// Why: one compact deadline structure instead of a map of callbacks per node.
class TimerQueue {
 public:
  // One scheduled wake-up.
  struct Entry {
    TimeNs at = 0;
    std::uint32_t key = 0;
    TimerKind kind{};
  };

  void push(TimeNs at, TimerKind kind, std::uint32_t key) {
    // Grows by 4 entries up to 64, not by doubling: at a node's start-up peak (~20 timers: its
    // peers' HELLOs and a retransmission timer per probe and answer) doubling left 16 -> 32
    // entries of 16 bytes, most unused (reports/BENCHMARKS.md, "[P] idle memory, session 15").
    if (heap_.size() == heap_.capacity())
      heap_.reserve(heap_.capacity() < kLinearUpTo ? heap_.capacity() + kGrowBy : heap_.capacity() * 3 / 2);
    heap_.push_back({at, key, kind});
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  [[nodiscard]] TimeNs next() const { return heap_.empty() ? kNever : heap_.front().at; }
  [[nodiscard]] bool due(TimeNs now) const { return !heap_.empty() && heap_.front().at <= now; }
  Entry pop() {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const Entry e = heap_.back();
    heap_.pop_back();
    // A node's start-up burst (a retransmission timer per probe and answer) leaves it 32 slots
    // for its ~10 steady timers: give the slack back once a quarter is used. The order of the
    // heap, and so of equal deadlines, is unchanged (reports/BENCHMARKS.md, "[P] idle memory,
    // session 13").
    if (heap_.capacity() > kShrinkAbove && heap_.size() <= heap_.capacity() / 4) heap_.shrink_to_fit();
    return e;
  }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  // Entries the heap's storage holds room for (see pop: a burst's slack is given back).
  [[nodiscard]] std::size_t capacity() const { return heap_.capacity(); }
  void clear() { heap_.clear(); }

 private:
  static constexpr std::size_t kShrinkAbove = 16;  // capacities up to this are kept
  static constexpr std::size_t kGrowBy = 4;        // entries added at a time below kLinearUpTo
  static constexpr std::size_t kLinearUpTo = 64;
  static bool later(const Entry& a, const Entry& b) { return a.at > b.at; }
  std::vector<Entry> heap_;
};

}  // namespace ptplab::engine
