// The IPv6 stand-in table.
#include "engine/io/stand_in_table.hpp"

namespace ptplab::engine {

namespace {
constexpr std::uint32_t kStandInTableBase = Address::kReservedBase;  // 240.0.0.0/4
constexpr std::uint32_t kStandInTableMask = Address::kReservedMask;
}  // namespace

std::optional<std::size_t> StandInTable::index_of(std::uint32_t stand_in) const {
  if ((stand_in & kStandInTableMask) != kStandInTableBase || stand_in == kStandInTableBase)
    return std::nullopt;
  const std::size_t index = stand_in - kStandInTableBase - 1;
  if (index >= entries_.size() || !entries_[index].used) return std::nullopt;
  return index;
}

std::optional<std::uint32_t> StandInTable::take(const Ipv6& ip, TimeNs now, const Remembered& remembered) {
  if (const auto it = by_ip_.find(ip); it != by_ip_.end()) return kStandInTableBase + it->second + 1;
  if (free_.empty() && entries_.size() >= max_ && now >= next_sweep_) {
    const std::size_t freed = sweep(remembered);
    next_sweep_ = freed < max_ / 8 + 1 ? now + kSweepPauseNs : now;
  }
  std::uint32_t index = 0;
  if (!free_.empty()) {
    index = free_.front();
    free_.pop_front();
  } else if (entries_.size() < max_) {
    index = static_cast<std::uint32_t>(entries_.size());
    entries_.emplace_back();
  } else {
    return std::nullopt;
  }
  entries_[index] = Entry{ip, true, false};
  by_ip_.emplace(ip, index);
  return kStandInTableBase + index + 1;
}

void StandInTable::pin(std::uint32_t stand_in) {
  if (const auto index = index_of(stand_in)) entries_[*index].pinned = true;
}

std::optional<StandInTable::Ipv6> StandInTable::stood_in(std::uint32_t stand_in) const {
  if (const auto index = index_of(stand_in)) return entries_[*index].ip;
  return std::nullopt;
}

std::size_t StandInTable::sweep(const Remembered& remembered) {
  std::vector<bool> kept(entries_.size(), false);
  const bool told = remembered && remembered([&](const Address& a) {
                      if (const auto index = index_of(a.ip)) kept[*index] = true;
                    });
  if (!told) return 0;  // the endpoint cannot tell what it remembers: keep everything
  std::size_t freed = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    if (!e.used || e.pinned || kept[i]) continue;
    by_ip_.erase(e.ip);
    e = Entry{};
    free_.push_back(static_cast<std::uint32_t>(i));
    ++freed;
  }
  reclaimed_ += freed;
  return freed;
}

}  // namespace ptplab::engine
