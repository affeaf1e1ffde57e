// Learning, looking up and expiring routes.
#include "engine/node/route_table.hpp"

#include <algorithm>

#include "engine/node/ids.hpp"
#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

void RouteTable::learn(TimeNs now, std::string_view node_id, const Address& address, const Address& via,
                       std::size_t max) {
  const std::uint64_t id_hash = fnv1a64(node_id);
  const auto it = std::find_if(routes_.begin(), routes_.end(),
                               [&](const Route& r) { return r.id_hash == id_hash && r.node_id == node_id; });
  if (it != routes_.end()) {
    it->address = address;
    it->via = via;
    it->updated = now;
    return;
  }
  if (at_bound(routes_.size(), max)) {
    const auto oldest = std::min_element(
        routes_.begin(), routes_.end(), [](const Route& a, const Route& b) { return a.updated < b.updated; });
    routes_.erase(oldest);
  }
  routes_.push_back(Route{std::string(node_id), id_hash, address, via, now});
}

std::optional<Address> RouteTable::address_of(std::string_view node_id) const {
  for (const auto& r : routes_)
    if (r.node_id == node_id) return r.address;
  return std::nullopt;
}

std::vector<Address> RouteTable::vias(std::string_view node_id) const {
  std::vector<Address> out;
  for (const auto& r : routes_)
    if (r.node_id == node_id) out.push_back(r.via);
  return out;
}

void RouteTable::expire(TimeNs now, TimeNs timeout_ns) {
  std::erase_if(routes_, [&](const Route& r) { return now - r.updated >= timeout_ns; });
}

}  // namespace ptplab::engine
