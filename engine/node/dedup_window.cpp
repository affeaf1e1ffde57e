// The de-dup window; see dedup_window.hpp.
#include "engine/node/dedup_window.hpp"

#include "engine/node/ids.hpp"

namespace ptplab::engine {

std::optional<std::uint64_t> DedupWindow::find(std::string_view msg_id) const {
  const auto it = entries_.find(fnv1a64(msg_id));
  if (it == entries_.end()) return std::nullopt;
  return it->second.digest;
}

void DedupWindow::insert(std::string_view msg_id, std::uint64_t digest, TimeNs now, std::size_t entries_max) {
  const std::uint64_t key = fnv1a64(msg_id);
  entries_[key] = Entry{digest, now};
  order_.emplace_back(key, now);
  while (entries_max != 0 && entries_.size() > entries_max && head_ < order_.size()) {
    const auto [old_key, old_seen] = order_[head_++];
    const auto it = entries_.find(old_key);
    if (it != entries_.end() && it->second.seen == old_seen) entries_.erase(it);
  }
  compact();
}

void DedupWindow::erase(std::string_view msg_id) { entries_.erase(fnv1a64(msg_id)); }

void DedupWindow::expire(TimeNs now, TimeNs window_ns) {
  while (head_ < order_.size() && order_[head_].second + window_ns <= now) {
    const auto [key, seen] = order_[head_++];
    const auto it = entries_.find(key);
    if (it != entries_.end() && it->second.seen == seen) entries_.erase(it);
  }
  compact();
}

void DedupWindow::compact() {
  if (head_ == order_.size()) {
    order_.clear();
    head_ = 0;
  } else if (head_ >= 64 && 2 * head_ >= order_.size()) {
    order_.erase(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
}

}  // namespace ptplab::engine
