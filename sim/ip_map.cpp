// Probing and growth of the IP map.
#include "sim/ip_map.hpp"

namespace ptplab::sim {

std::size_t IpMap::hash(std::uint32_t ip) {
  return static_cast<std::size_t>((static_cast<std::uint64_t>(ip) * 0x9e3779b97f4a7c15ULL) >> 32);
}

bool IpMap::insert(std::uint32_t ip, std::uint32_t value) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash(ip) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.used) {
      s = Slot{ip, value, true};
      ++size_;
      return true;
    }
    if (s.ip == ip) return false;
  }
}

std::optional<std::uint32_t> IpMap::find(std::uint32_t ip) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash(ip) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.used) return std::nullopt;
    if (s.ip == ip) return s.value;
  }
}

void IpMap::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  size_ = 0;
  for (const Slot& s : old) {
    if (s.used) insert(s.ip, s.value);
  }
}

}  // namespace ptplab::sim
