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

// The late-arrivals heap keeps its storage once empty only up to this many records (beyond,
// it was a burst).
constexpr std::size_t kKeptCapacity = LadderQueue::kBottomMax;

// Whether all of `events` (not empty) have one time: no rung can split them (a flood wave over
// constant-latency links), so they go to Bottom whole instead of being copied down every rung.
bool one_time(const EventChunks& events) {
  return events.all_of([t = events.front().time](const EventRecord& e) { return e.time == t; });
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

std::size_t LadderQueue::capacity() const {
  std::size_t n = top_.capacity() + bottom_.capacity() + late_.capacity();
  for (const Rung& r : rungs_) {
    for (const EventChunks& b : r.buckets) n += b.capacity();
  }
  return n;
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
    if (late_.empty() && late_.capacity() > kKeptCapacity) std::vector<EventRecord>().swap(late_);
    return e;
  }
  const EventRecord e = bottom_.back();
  bottom_.pop_back();
  return e;
}

void LadderQueue::spread(Rung& rung, TimeNs start, TimeNs span, EventChunks& events) {
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
  // Counted first, so that each bucket gets one block of its size.
  std::vector<std::uint32_t> counts(fanout, 0);
  events.for_each([&](const EventRecord& e) { ++counts[index(e)]; });
  // All in one (empty) bucket, as a flood wave over constant-latency links: the run itself
  // becomes the bucket, no copy (the copy of a 252,379-event wave was the 8,000-node flood-1k
  // run's peak, heaptrack).
  const std::size_t first = index(events.front());
  if (counts[first] == events.size() && rung.buckets[first].empty()) {
    rung.buckets[first].swap(events);
    events.clear();
    return;
  }
  for (std::size_t i = 0; i < fanout; ++i) {
    if (counts[i] != 0) rung.buckets[i].reserve_next(counts[i]);
  }
  // Each block of `events` is freed once distributed: the copy never holds the run twice.
  events.consume([&](const EventRecord& e) { rung.buckets[index(e)].push_back(e); });
}

void LadderQueue::take_to_bottom(EventChunks& bucket) {
  bucket.consume([&](const EventRecord& e) { bottom_.push_back(e); });  // frees each block once copied
  bottom_.sort(Later{});
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
    EventChunks& bucket = r.buckets[r.next];
    const TimeNs bucket_start = r.start + static_cast<TimeNs>(r.next) * r.width;
    ++r.next;
    if (bucket.size() <= kBottomMax || r.width == 1 || active_ == kRungsMax || one_time(bucket)) {
      take_to_bottom(bucket);
      continue;
    }
    spread(rungs_[active_], bucket_start, r.width, bucket);
    ++active_;
  }
}

}  // namespace ptplab::sim
