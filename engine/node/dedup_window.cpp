// The de-dup window; see dedup_window.hpp.
#include "engine/node/dedup_window.hpp"

#include <algorithm>

#include "engine/node/ids.hpp"

namespace ptplab::engine {

std::size_t DedupWindow::slot_of(std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(key) & mask;
  while (slots_[i].used() && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

void DedupWindow::remove(std::size_t i) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t hole = i;
  for (std::size_t j = (i + 1) & mask; slots_[j].used(); j = (j + 1) & mask) {
    const std::size_t home = static_cast<std::size_t>(slots_[j].key) & mask;
    // Move j into the hole unless its home lies cyclically in (hole, j].
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = Slot{};
  --count_;
}

void DedupWindow::forget(std::uint64_t key, TimeNs seen) {
  if (slots_.empty()) return;
  const std::size_t i = slot_of(key);
  if (slots_[i].used() && slots_[i].seen == seen) remove(i);
}

void DedupWindow::grow() {
  std::vector<Slot> old(std::max<std::size_t>(8, 2 * slots_.size()));
  old.swap(slots_);
  for (const Slot& e : old)
    if (e.used()) slots_[slot_of(e.key)] = e;
}

std::optional<std::uint64_t> DedupWindow::find(std::string_view msg_id) const {
  if (slots_.empty()) return std::nullopt;
  const Slot& e = slots_[slot_of(fnv1a64(msg_id))];
  if (!e.used()) return std::nullopt;
  return e.digest;
}

void DedupWindow::insert(std::string_view msg_id, std::uint64_t digest, TimeNs now, std::size_t entries_max) {
  const std::uint64_t key = fnv1a64(msg_id);
  if (4 * (std::size_t{count_} + 1) > 3 * slots_.size()) grow();
  Slot& e = slots_[slot_of(key)];
  if (!e.used()) ++count_;
  e = Slot{key, digest, now};
  // The insertion order grows by 4 records below 64, not by doubling: at flood-1k's peak a node
  // holds ~10 (8 JOINs and a MESSAGE), which doubling gave room for 16 (reports/BENCHMARKS.md,
  // "[P] idle memory, session 15").
  if (order_.size() == order_.capacity())
    order_.reserve(order_.capacity() < 64 ? order_.capacity() + 4 : order_.capacity() * 3 / 2);
  order_.emplace_back(key, now);
  while (entries_max != 0 && count_ > entries_max && head_ < order_.size()) {
    const auto [old_key, old_seen] = order_[head_++];
    forget(old_key, old_seen);
  }
  compact();
}

void DedupWindow::erase(std::string_view msg_id) {
  if (slots_.empty()) return;
  const std::size_t i = slot_of(fnv1a64(msg_id));
  if (slots_[i].used()) remove(i);
}

void DedupWindow::expire(TimeNs now, TimeNs window_ns) {
  while (head_ < order_.size() && order_[head_].second + window_ns <= now) {
    const auto [key, seen] = order_[head_++];
    forget(key, seen);
  }
  compact();
}

void DedupWindow::compact() {
  if (head_ == order_.size()) {
    order_.clear();
    head_ = 0;
  } else if (head_ >= 64 && 2 * std::size_t{head_} >= order_.size()) {
    order_.erase(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
}

}  // namespace ptplab::engine
