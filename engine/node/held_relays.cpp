// Held relays (held_relays.hpp): a vector in arrival order; nodes hold few at a time.
#include "engine/node/held_relays.hpp"

#include <algorithm>
#include <iterator>

namespace ptplab::engine {

std::optional<HeldRelay> HeldRelays::hold(HeldRelay relay, std::size_t max) {
  held_.push_back(std::move(relay));
  if (max == 0 || held_.size() <= max) return std::nullopt;
  HeldRelay oldest = std::move(held_.front());
  held_.erase(held_.begin());
  return oldest;
}

std::vector<HeldRelay> HeldRelays::take(const Address& to) {
  std::vector<HeldRelay> taken;
  const auto keep =
      std::stable_partition(held_.begin(), held_.end(), [&](const HeldRelay& r) { return !(r.to == to); });
  std::move(keep, held_.end(), std::back_inserter(taken));
  held_.erase(keep, held_.end());
  if (held_.empty()) held_.shrink_to_fit();
  return taken;
}

}  // namespace ptplab::engine
