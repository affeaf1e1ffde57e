// A calendar queue (Brown 1988) with a self-sizing window: a row of fixed-width time buckets
// covering the near future, a small heap for the bucket being drained, and an unsorted list for
// events beyond the window. Bucket contents are chains of records in one pool (linked through
// EventRecord::link), so pushing allocates nothing in the steady state. Pushing and popping are
// O(1) on average, so unlike a heap it keeps its rate with a million timers pending. It is the
// kernel's queue (see the kernel benchmark).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/event_record.hpp"

namespace ptplab::sim {

// Monotone priority queue of events: push() must not go below the time of the last pop(),
// which a discrete-event kernel guarantees (it never schedules into the past), and event times
// must be in [0, kTimeLimit).
class CalendarQueue {
 public:
  // Upper bound on the number of buckets of a window (8M events per window at ~2 per bucket).
  static constexpr std::size_t kBucketsMax = std::size_t{1} << 22;

  void push(const EventRecord& e);
  [[nodiscard]] EventRecord pop();  // precondition: !empty()
  // The earliest event; not const because it may have to open the next bucket.
  [[nodiscard]] const EventRecord& top();  // precondition: !empty()
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  static constexpr std::uint32_t kNil = UINT32_MAX;
  static constexpr TimeNs kMinTime = INT64_MIN;

  void load_next_bucket();  // makes current_ non-empty; precondition: size_ > 0
  void rebase();            // opens a new window at the earliest far event
  void add_to_bucket(std::size_t bucket, const EventRecord& e);

  std::vector<EventRecord> pool_;     // bucket chain nodes
  std::uint32_t free_ = kNil;         // free chain through pool_
  std::vector<std::uint32_t> heads_;  // per bucket: first node of its chain
  std::vector<EventRecord> current_;  // min-heap of the events before current_end_
  std::vector<EventRecord> far_;      // events at or after window_end_, unsorted
  TimeNs base_ = 0;                   // start of bucket 0 of the window
  TimeNs width_ = 1;                  // bucket width in ns
  TimeNs current_end_ = kMinTime;     // events before this go to current_
  TimeNs window_end_ = kMinTime;      // events at or after this go to far_
  std::size_t next_bucket_ = 0;       // the bucket load_next_bucket() takes next
  std::size_t window_count_ = 0;      // events held in bucket chains
  std::size_t size_ = 0;
};

}  // namespace ptplab::sim
