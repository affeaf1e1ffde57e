// A ladder queue (Tang, Goh and Thng, 2005): an unsorted Top for the far future, rungs of
// time buckets that split crowded buckets into finer rungs on demand, and a small Bottom heap
// from which events pop (a sorted bucket plus a heap of late arrivals). Every push is an append to one of a
// few thousand buffers and every event is moved a couple of times by streaming passes, so its rate barely
// drops when a million events are pending and the records no longer fit in the caches. It is the kernel's
// queue (see bench_kernel).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/event_blocks.hpp"
#include "sim/event_chunks.hpp"
#include "sim/event_record.hpp"

namespace ptplab::sim {

// Monotone priority queue of events: push() must not go below the time of the last pop(),
// which a discrete-event kernel guarantees (it never schedules into the past), and event times
// must be in [0, kTimeLimit).
class LadderQueue {
 public:
  // A bucket with at most this many events goes to Bottom instead of being split.
  static constexpr std::size_t kBottomMax = 64;
  // Bounds on the buckets of one rung (the fan-out grows with the events being spread).
  static constexpr std::size_t kFanoutMin = 16;
  static constexpr std::size_t kFanoutMax = 4096;
  // Rungs deeper than this are not created; a crowded bucket then goes to Bottom whole.
  static constexpr std::size_t kRungsMax = 8;

  void push(const EventRecord& e);
  [[nodiscard]] EventRecord pop();  // precondition: !empty()
  // The earliest event; not const because it may have to refill Bottom.
  [[nodiscard]] const EventRecord& top();  // precondition: !empty()
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  // Records the queue's storage holds room for now, used or not (for tests and memory figures).
  [[nodiscard]] std::size_t capacity() const;

 private:
  // Buckets of equal width from `start`; those before `next` have been consumed.
  struct Rung {
    TimeNs start = 0;
    TimeNs width = 1;
    std::size_t fanout = 0;
    std::size_t next = 0;
    std::vector<EventChunks> buckets;
    [[nodiscard]] TimeNs remaining_start() const { return start + static_cast<TimeNs>(next) * width; }
  };

  void refill();                          // makes Bottom non-empty; precondition: size_ > 0
  [[nodiscard]] bool late_first() const;  // the earliest event of Bottom is in late_
  void spread(Rung& rung, TimeNs start, TimeNs span, EventChunks& events);
  void take_to_bottom(EventChunks& bucket);

  EventChunks top_;  // events at or after top_start_, unsorted
  TimeNs top_start_ = 0;
  TimeNs top_min_ = INT64_MAX;
  TimeNs top_max_ = INT64_MIN;
  std::array<Rung, kRungsMax> rungs_;  // rungs_[0..active_) are in use, deeper = finer
  std::size_t active_ = 0;
  // Bottom: the events before every rung's remaining range, as the bucket taken from the
  // deepest rung (copied into equal blocks, freeing the bucket's as it goes, and sorted, earliest
  // at the back) plus a heap of events pushed into that range since.
  EventBlocks bottom_;
  std::vector<EventRecord> late_;
  std::size_t size_ = 0;
};

}  // namespace ptplab::sim
