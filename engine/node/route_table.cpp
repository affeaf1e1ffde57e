// Learning, looking up and expiring routes.
#include "engine/node/route_table.hpp"

#include <algorithm>

#include "engine/node/ids.hpp"
#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

std::size_t RouteTable::find(std::string_view node_id, std::uint64_t hash, std::size_t from) const {
  for (std::size_t i = from; i < hashes_.size(); ++i)
    if (hashes_[i] == hash && routes_[i].node_id == node_id) return i;
  return routes_.size();
}

void RouteTable::learn(TimeNs now, std::string_view node_id, const Address& address, const Address& via,
                       std::size_t max) {
  const std::uint64_t hash = fnv1a64(node_id);
  if (const std::size_t i = find(node_id, hash); i < routes_.size()) {
    Route& r = routes_[i];
    r.address = address;
    r.via = via;
    r.updated = now;
    return;
  }
  if (at_bound(routes_.size(), max)) {
    const auto oldest = std::min_element(
        routes_.begin(), routes_.end(), [](const Route& a, const Route& b) { return a.updated < b.updated; });
    hashes_.erase(hashes_.begin() + (oldest - routes_.begin()));
    routes_.erase(oldest);
  }
  routes_.push_back(Route{std::string(node_id), address, via, now});
  hashes_.push_back(hash);
}

std::optional<Address> RouteTable::address_of(std::string_view node_id) const {
  const std::size_t i = find(node_id, fnv1a64(node_id));
  if (i == routes_.size()) return std::nullopt;
  return routes_[i].address;
}

std::vector<Address> RouteTable::vias(std::string_view node_id) const {
  std::vector<Address> out;
  const std::uint64_t hash = fnv1a64(node_id);
  for (std::size_t i = find(node_id, hash); i < routes_.size(); i = find(node_id, hash, i + 1))
    out.push_back(routes_[i].via);
  return out;
}

void RouteTable::expire(TimeNs now, TimeNs timeout_ns) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (now - routes_[i].updated >= timeout_ns) continue;
    if (kept != i) {
      routes_[kept] = std::move(routes_[i]);
      hashes_[kept] = hashes_[i];
    }
    ++kept;
  }
  routes_.resize(kept);
  hashes_.resize(kept);
}

}  // namespace ptplab::engine
