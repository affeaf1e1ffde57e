// Learning, looking up and expiring routes.
#include "engine/node/route_table.hpp"

#include <algorithm>

#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

RouteTable::~RouteTable() {
  if (!t_) return;
  for (const NodeIdRef id : t_->ids) ids_->release(id);
}

NodeIdInterner& RouteTable::ids() {
  if (!ids_) {
    own_ids_ = std::make_unique<NodeIdInterner>();
    ids_ = own_ids_.get();
  }
  return *ids_;
}

NodeIdRef RouteTable::find_id(std::string_view node_id) const { return ids_ ? ids_->find(node_id) : 0; }

std::size_t RouteTable::find(NodeIdRef id, std::size_t from) const {
  if (!t_) return 0;
  if (id == 0) return t_->order.size();
  const auto& ids = t_->ids;
  for (std::size_t i = from; i < ids.size(); ++i)
    if (ids[i] == id) return i;
  return ids.size();
}

void RouteTable::drop(std::size_t i) {
  Storage& t = *t_;
  Route& r = t.slots[t.order[i]];
  ids_->release(r.id);
  r.id = 0;
  r.node_id = {};
  t.free.push_back(t.order[i]);
  t.order.erase(t.order.begin() + static_cast<std::ptrdiff_t>(i));
  t.ids.erase(t.ids.begin() + static_cast<std::ptrdiff_t>(i));
  t.updated.erase(t.updated.begin() + static_cast<std::ptrdiff_t>(i));
  t.addresses.erase(t.addresses.begin() + static_cast<std::ptrdiff_t>(i));
}

std::size_t RouteTable::count_address(const Address& address) const {
  if (!t_) return 0;
  return static_cast<std::size_t>(std::count(t_->addresses.begin(), t_->addresses.end(), address));
}

bool RouteTable::learn(TimeNs now, std::string_view node_id, const Address& address, const Address& via,
                       std::size_t max, std::size_t per_address_max) {
  return learn(now, node_id, ids().find(node_id), address, via, max, per_address_max);
}

bool RouteTable::learn(TimeNs now, std::string_view node_id, NodeIdRef known, const Address& address,
                       const Address& via, std::size_t max, std::size_t per_address_max) {
  if (!t_) t_ = std::make_unique<Storage>();
  Storage& t = *t_;
  NodeIdInterner& interner = ids();
  if (const std::size_t i = find(known); i < t.order.size()) {
    // Moving to an address that already holds its share is refused like a new route there.
    if (per_address_max != 0 && t.addresses[i] != address &&
        at_bound(count_address(address), per_address_max))
      return false;
    Route& r = at(i);
    r.address = address;
    r.via = via;
    r.updated = now;
    t.updated[i] = now;
    t.addresses[i] = address;
    return true;
  }
  if (per_address_max != 0 && at_bound(count_address(address), per_address_max)) return false;
  // Acquired before the eviction below releases anything: `node_id` may view a text it frees.
  const NodeIdRef id = known != 0 ? known : interner.acquire(node_id);
  interner.add_reference(known);
  // The least recently updated goes (the first of equals, as min_element finds it).
  if (at_bound(t.order.size(), max))
    drop(static_cast<std::size_t>(std::min_element(t.updated.begin(), t.updated.end()) - t.updated.begin()));
  std::uint32_t slot = 0;
  if (t.free.empty()) {
    slot = static_cast<std::uint32_t>(t.slots.size());
    t.slots.emplace_back();
  } else {
    slot = t.free.back();
    t.free.pop_back();
  }
  Route& r = t.slots[slot];
  r.id = id;
  r.node_id = interner.text(id);
  r.address = address;
  r.via = via;
  r.updated = now;
  r.greetings = 0;
  r.greeted = 0;
  t.order.push_back(slot);
  t.ids.push_back(id);
  t.updated.push_back(now);
  t.addresses.push_back(address);
  return true;
}

std::optional<Address> RouteTable::address_of(std::string_view node_id) const {
  const std::size_t i = find(find_id(node_id));
  if (i == size()) return std::nullopt;
  return at(i).address;
}

std::vector<Address> RouteTable::vias(std::string_view node_id) const { return vias(find_id(node_id)); }

std::vector<Address> RouteTable::vias(NodeIdRef id) const {
  std::vector<Address> out;
  for (std::size_t i = find(id); i < size(); i = find(id, i + 1)) out.push_back(at(i).via);
  return out;
}

void RouteTable::expire(TimeNs now, TimeNs timeout_ns) {
  if (!t_) return;
  Storage& t = *t_;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < t.order.size(); ++i) {
    if (now - t.updated[i] >= timeout_ns) {
      Route& r = t.slots[t.order[i]];
      ids_->release(r.id);
      r.id = 0;
      r.node_id = {};
      t.free.push_back(t.order[i]);
      continue;
    }
    t.order[kept] = t.order[i];
    t.ids[kept] = t.ids[i];
    t.updated[kept] = t.updated[i];
    t.addresses[kept] = t.addresses[i];
    ++kept;
  }
  t.order.resize(kept);
  t.ids.resize(kept);
  t.updated.resize(kept);
  t.addresses.resize(kept);
}

}  // namespace ptplab::engine
