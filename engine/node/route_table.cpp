// Learning, looking up and expiring routes.
#include "engine/node/route_table.hpp"

#include <algorithm>

#include "engine/node/ids.hpp"
#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

std::size_t RouteTable::find(std::string_view node_id, std::uint64_t hash, std::size_t from) const {
  for (std::size_t i = from; i < hashes_.size(); ++i)
    if (hashes_[i] == hash && slots_[order_[i]].node_id == node_id) return i;
  return order_.size();
}

void RouteTable::drop(std::size_t i) {
  free_.push_back(order_[i]);
  order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(i));
  hashes_.erase(hashes_.begin() + static_cast<std::ptrdiff_t>(i));
  updated_.erase(updated_.begin() + static_cast<std::ptrdiff_t>(i));
  addresses_.erase(addresses_.begin() + static_cast<std::ptrdiff_t>(i));
}

std::size_t RouteTable::count_address(const Address& address) const {
  return static_cast<std::size_t>(std::count(addresses_.begin(), addresses_.end(), address));
}

bool RouteTable::learn(TimeNs now, std::string_view node_id, const Address& address, const Address& via,
                       std::size_t max, std::size_t per_address_max) {
  const std::uint64_t hash = fnv1a64(node_id);
  if (const std::size_t i = find(node_id, hash); i < order_.size()) {
    // Moving to an address that already holds its share is refused like a new route there.
    if (per_address_max != 0 && addresses_[i] != address && at_bound(count_address(address), per_address_max))
      return false;
    Route& r = at(i);
    r.address = address;
    r.via = via;
    r.updated = now;
    updated_[i] = now;
    addresses_[i] = address;
    return true;
  }
  if (per_address_max != 0 && at_bound(count_address(address), per_address_max)) return false;
  // The least recently updated goes (the first of equals, as min_element finds it).
  if (at_bound(order_.size(), max))
    drop(static_cast<std::size_t>(std::min_element(updated_.begin(), updated_.end()) - updated_.begin()));
  std::uint32_t slot = 0;
  if (free_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_.back();
    free_.pop_back();
  }
  Route& r = slots_[slot];
  r.node_id.assign(node_id);  // reuses the slot's string storage
  r.address = address;
  r.via = via;
  r.updated = now;
  r.greetings = 0;
  r.greeted = 0;
  order_.push_back(slot);
  hashes_.push_back(hash);
  updated_.push_back(now);
  addresses_.push_back(address);
  return true;
}

std::optional<Address> RouteTable::address_of(std::string_view node_id) const {
  const std::size_t i = find(node_id, fnv1a64(node_id));
  if (i == order_.size()) return std::nullopt;
  return at(i).address;
}

std::vector<Address> RouteTable::vias(std::string_view node_id) const {
  std::vector<Address> out;
  const std::uint64_t hash = fnv1a64(node_id);
  for (std::size_t i = find(node_id, hash); i < order_.size(); i = find(node_id, hash, i + 1))
    out.push_back(at(i).via);
  return out;
}

void RouteTable::expire(TimeNs now, TimeNs timeout_ns) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < order_.size(); ++i) {
    if (now - updated_[i] >= timeout_ns) {
      free_.push_back(order_[i]);
      continue;
    }
    order_[kept] = order_[i];
    hashes_[kept] = hashes_[i];
    updated_[kept] = updated_[i];
    addresses_[kept] = addresses_[i];
    ++kept;
  }
  order_.resize(kept);
  hashes_.resize(kept);
  updated_.resize(kept);
  addresses_.resize(kept);
}

}  // namespace ptplab::engine
