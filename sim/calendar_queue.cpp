// Bucket placement, draining and the window re-sizing of the calendar queue.
#include "sim/calendar_queue.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace ptplab::sim {
namespace {

// std heap functions build max-heaps; this makes the earliest event the top.
bool later(const EventRecord& a, const EventRecord& b) { return event_before(b, a); }

// How many event times rebase() samples to estimate the spread of the pending events.
constexpr std::size_t kWidthSamples = 64;

}  // namespace

void CalendarQueue::add_to_bucket(std::size_t bucket, const EventRecord& e) {
  std::uint32_t node = free_;
  if (node == kNil) {
    node = static_cast<std::uint32_t>(pool_.size());
    pool_.push_back(e);
  } else {
    free_ = pool_[node].link;
    pool_[node] = e;
  }
  pool_[node].link = heads_[bucket];
  heads_[bucket] = node;
  ++window_count_;
}

void CalendarQueue::push(const EventRecord& e) {
  ++size_;
  if (e.time < current_end_) {
    current_.push_back(e);
    std::push_heap(current_.begin(), current_.end(), later);
  } else if (e.time < window_end_) {
    add_to_bucket(static_cast<std::uint64_t>(e.time - base_) / static_cast<std::uint64_t>(width_), e);
  } else {
    far_.push_back(e);
  }
}

const EventRecord& CalendarQueue::top() {
  if (current_.empty()) load_next_bucket();
  return current_.front();
}

EventRecord CalendarQueue::pop() {
  if (current_.empty()) load_next_bucket();
  std::pop_heap(current_.begin(), current_.end(), later);
  const EventRecord top = current_.back();
  current_.pop_back();
  --size_;
  return top;
}

void CalendarQueue::load_next_bucket() {
  while (current_.empty()) {
    if (window_count_ == 0) {
      rebase();
      continue;
    }
    std::uint32_t node = heads_[next_bucket_];
    heads_[next_bucket_] = kNil;
    ++next_bucket_;
    current_end_ = base_ + static_cast<TimeNs>(next_bucket_) * width_;
    while (node != kNil) {
      const std::uint32_t next = pool_[node].link;
      current_.push_back(pool_[node]);
      pool_[node].link = free_;
      free_ = node;
      node = next;
    }
    window_count_ -= current_.size();
    if (current_.size() > 1) std::make_heap(current_.begin(), current_.end(), later);
  }
}

void CalendarQueue::rebase() {
  const std::size_t n = far_.size();
  TimeNs lo = far_.front().time;
  TimeNs hi = lo;
  for (const auto& e : far_) {
    lo = std::min(lo, e.time);
    hi = std::max(hi, e.time);
  }
  // The window spans about twice the distance to the median pending time, so most events
  // land in it and those far out (long timers) wait in far_ without being touched.
  std::array<TimeNs, kWidthSamples> sample{};
  const std::size_t samples = std::min(n, kWidthSamples);
  for (std::size_t i = 0; i < samples; ++i) sample[i] = far_[i * (n / samples)].time;
  std::nth_element(sample.begin(), sample.begin() + samples / 2, sample.begin() + samples);
  TimeNs reach = sample[samples / 2];
  if (reach <= lo) reach = hi;
  const std::size_t buckets = std::clamp<std::size_t>(std::bit_ceil(n / 2 + 1), 1, kBucketsMax);
  const auto span = static_cast<std::uint64_t>(reach - lo);
  const std::uint64_t width = std::max<std::uint64_t>(1, span / buckets * 2 + (span % buckets ? 2 : 0));
  base_ = lo;
  width_ = static_cast<TimeNs>(std::min<std::uint64_t>(width, INT64_MAX / 2 / buckets));
  window_end_ = base_ + width_ * static_cast<TimeNs>(buckets);  // < 2^62 + 2^62: no overflow
  current_end_ = base_;
  next_bucket_ = 0;
  if (heads_.size() < buckets) heads_.resize(buckets, kNil);
  std::size_t kept = 0;
  for (const auto& e : far_) {
    if (e.time < window_end_) {
      add_to_bucket(static_cast<std::uint64_t>(e.time - base_) / static_cast<std::uint64_t>(width_), e);
    } else {
      far_[kept++] = e;
    }
  }
  far_.resize(kept);
}

}  // namespace ptplab::sim
