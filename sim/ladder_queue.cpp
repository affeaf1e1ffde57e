// Placement of pushed events, the refill of Bottom and the splitting of crowded buckets.
#include "sim/ladder_queue.hpp"

#include <algorithm>
#include <bit>

namespace ptplab::sim {
namespace {

// Orders events latest first: std heaps then keep the earliest on top, and a vector sorted
// with it keeps the earliest at the back. A function object, so that it is inlined.
struct Later {
  bool operator()(const EventRecord& a, const EventRecord& b) const { return event_before(b, a); }
};

// Events per bucket a new rung aims at.
constexpr std::size_t kEventsPerBucket = 16;

// A drained buffer keeps its storage for the next events only up to this many records: beyond
// it the storage is returned. Buffers otherwise keep the capacity of the largest burst they ever
// held, and thousands of buckets over eight rungs then held ~15x the pending events (93 MB for
// the 8,000-node flood-1k run; heaptrack). At 4 x kBottomMax they still held 15 MB while the
// 8,000-node run's MESSAGE flood had 3.6 MB of events pending (massif, peak snapshot): the
// capacity left over from its JOIN floods (252,379 events pending). A bucket small enough to go
// to Bottom whole keeps its storage; a larger one was a burst.
constexpr std::size_t kKeptCapacity = LadderQueue::kBottomMax;

// Whether all of `events` (not empty) have one time: no rung can split them (a flood wave over
// constant-latency links), so they go to Bottom whole instead of being copied down every rung.
bool one_time(const std::vector<EventRecord>& events) {
  return std::all_of(events.begin(), events.end(),
                     [t = events.front().time](const EventRecord& e) { return e.time == t; });
}

void drain(std::vector<EventRecord>& v) {
  if (v.capacity() > kKeptCapacity) {
    std::vector<EventRecord>().swap(v);
  } else {
    v.clear();
  }
}

}  // namespace

void LadderQueue::push(const EventRecord& e) {
  ++size_;
  if (active_ == 0 || e.time >= top_start_) {
    top_.push_back(e);
    top_min_ = std::min(top_min_, e.time);
    top_max_ = std::max(top_max_, e.time);
    return;
  }
  for (std::size_t i = 0; i < active_; ++i) {
    Rung& r = rungs_[i];
    if (e.time >= r.remaining_start()) {
      r.buckets[static_cast<std::uint64_t>(e.time - r.start) / static_cast<std::uint64_t>(r.width)].push_back(
          e);
      return;
    }
  }
  late_.push_back(e);
  std::push_heap(late_.begin(), late_.end(), Later{});
}

bool LadderQueue::late_first() const {
  return !late_.empty() && (bottom_.empty() || event_before(late_.front(), bottom_.back()));
}

const EventRecord& LadderQueue::top() {
  if (bottom_.empty() && late_.empty()) refill();
  return late_first() ? late_.front() : bottom_.back();
}

EventRecord LadderQueue::pop() {
  if (bottom_.empty() && late_.empty()) refill();
  --size_;
  if (late_first()) {
    std::pop_heap(late_.begin(), late_.end(), Later{});
    const EventRecord e = late_.back();
    late_.pop_back();
    if (late_.empty()) drain(late_);
    return e;
  }
  const EventRecord e = bottom_.back();
  bottom_.pop_back();
  return e;
}

void LadderQueue::spread(Rung& rung, TimeNs start, TimeNs span, std::vector<EventRecord>& events) {
  const std::size_t fanout =
      std::clamp<std::size_t>(std::bit_ceil(events.size() / kEventsPerBucket + 1), kFanoutMin, kFanoutMax);
  rung.start = start;
  rung.width =
      std::max<TimeNs>(1, span / static_cast<TimeNs>(fanout) + (span % static_cast<TimeNs>(fanout) != 0));
  rung.fanout = fanout;
  rung.next = 0;
  if (rung.buckets.size() < fanout) rung.buckets.resize(fanout);
  const auto index = [&](const EventRecord& e) {
    return static_cast<std::uint64_t>(e.time - start) / static_cast<std::uint64_t>(rung.width);
  };
  // Counted first, so that each bucket is allocated once at its size: grown by doubling, the
  // buckets of a flood wave held up to twice its events, plus the copy of each reallocation.
  std::vector<std::uint32_t> counts(fanout, 0);
  for (const EventRecord& e : events) ++counts[index(e)];
  // All in one (empty) bucket, as a flood wave over constant-latency links: the vector itself
  // becomes the bucket, no copy (the copy of a 252,379-event wave was the 8,000-node flood-1k
  // run's peak, heaptrack).
  const std::size_t first = index(events.front());
  if (counts[first] == events.size() && rung.buckets[first].empty()) {
    rung.buckets[first].swap(events);
    drain(events);
    return;
  }
  for (std::size_t i = 0; i < fanout; ++i) {
    if (counts[i] != 0) rung.buckets[i].reserve(rung.buckets[i].size() + counts[i]);
  }
  for (const EventRecord& e : events) rung.buckets[index(e)].push_back(e);
  drain(events);
}

void LadderQueue::refill() {
  while (bottom_.empty()) {
    if (active_ == 0) {
      // Open the first rung over everything in Top.
      const TimeNs span = top_max_ - top_min_ + 1;
      spread(rungs_[0], top_min_, span, top_);
      active_ = 1;
      top_start_ = rungs_[0].start + rungs_[0].width * static_cast<TimeNs>(rungs_[0].fanout);
      top_min_ = INT64_MAX;
      top_max_ = INT64_MIN;
      continue;
    }
    Rung& r = rungs_[active_ - 1];
    while (r.next < r.fanout && r.buckets[r.next].empty()) ++r.next;
    if (r.next == r.fanout) {
      --active_;  // this rung is used up; its parent resumes after the bucket it split
      continue;
    }
    std::vector<EventRecord>& bucket = r.buckets[r.next];
    const TimeNs bucket_start = r.start + static_cast<TimeNs>(r.next) * r.width;
    ++r.next;
    if (bucket.size() <= kBottomMax || r.width == 1 || active_ == kRungsMax || one_time(bucket)) {
      bottom_.swap(bucket);
      drain(bucket);  // Bottom's previous, empty storage
      std::sort(bottom_.begin(), bottom_.end(), Later{});
      continue;
    }
    spread(rungs_[active_], bucket_start, r.width, bucket);
    ++active_;
  }
}

}  // namespace ptplab::sim
