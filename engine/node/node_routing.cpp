// ROUTING: the periodic list of nodes we can reach with their outside-visible addresses, sized to
// fit one datagram, and the bounded table of routes learned from our peers' lists.
#include <algorithm>

#include "engine/node/ids.hpp"
#include "engine/node/node_state.hpp"

namespace ptplab::engine {
namespace {

// Bytes one entry adds to the encoded ROUTING: {"node_id":"…","address":"…"}, plus a comma.
std::size_t entry_bytes(const wire::RoutingEntry& e) { return e.node_id.size() + e.address.size() + 28; }

}  // namespace

void NodeState::send_routing(TimeNs now, Output& out) {
  std::vector<Address> targets;
  for (const auto& p : peers)
    if (live(p, now) && p.verified) targets.push_back(p.address);
  if (targets.empty()) return;
  wire::Routing r;
  r.node_id = node_id;
  std::size_t size = 64 + node_id.size();
  auto add = [&](std::string_view id, const Address& a) {
    wire::RoutingEntry e{std::string(id), a.to_string()};
    if (size + entry_bytes(e) > params.max_datagram_bytes) return false;
    size += entry_bytes(e);
    r.nodes.push_back(std::move(e));
    return true;
  };
  // Direct peers first (each recipient learns how we see it), then learned routes.
  bool room = true;
  for (const auto& p : peers)
    if (room && live(p, now) && !p.node_id.empty()) room = add(p.node_id, p.address);
  for (const auto& route : routes)
    if (room) room = add(route.node_id, route.address);
  auto bytes = make_bytes(wire::encode(r));
  while (bytes->size() > params.max_datagram_bytes && !r.nodes.empty()) {
    r.nodes.pop_back();
    bytes = make_bytes(wire::encode(r));
  }
  for (const auto& to : targets) send(to, bytes, wire::Verb::kRouting, out);
}

void NodeState::on_routing(TimeNs now, const Address& from, const wire::Routing& m, Output& out) {
  Peer* sender = find_peer(from);
  // Routes are only taken from live neighbours: a stranger cannot poison the table.
  if (!sender || !live(*sender, now)) return dropped(out, from, "ROUTING", "not_a_peer");
  bool named_us = false;
  for (const auto& entry : m.nodes) {
    const auto address = Address::parse(entry.address);
    if (!address || entry.node_id.empty()) continue;
    if (entry.node_id == node_id) {
      // The sender lists its own peers first: the first entry naming us is its own view of us;
      // later ones are routes it learned from others, who see other ports behind some NATs.
      if (!named_us) sender->sees_us = *address;
      named_us = true;
      continue;
    }
    const bool direct = std::any_of(peers.begin(), peers.end(), [&](const Peer& p) {
      return p.node_id == entry.node_id && live(p, now);
    });
    if (direct) continue;
    const std::uint64_t id_hash = fnv1a64(entry.node_id);
    auto it = std::find_if(routes.begin(), routes.end(), [&](const Route& r) {
      return r.id_hash == id_hash && r.node_id == entry.node_id;
    });
    if (it == routes.end()) {
      if (over(routes.size(), params.routing_entries_max)) {
        const auto oldest =
            std::min_element(routes.begin(), routes.end(),
                             [](const Route& a, const Route& b) { return a.updated < b.updated; });
        routes.erase(oldest);
      }
      routes.push_back(Route{entry.node_id, id_hash, *address, from, now});
    } else {
      it->address = *address;
      it->via = from;
      it->updated = now;
    }
  }
}

std::optional<Address> NodeState::next_hop(std::string_view id, TimeNs now) const {
  for (const auto& p : peers)
    if (p.node_id == id && live(p, now)) return p.address;
  for (const auto& r : routes) {
    if (r.node_id != id) continue;
    const Peer* via = find_peer(r.via);
    if (via && live(*via, now)) return r.via;
  }
  return std::nullopt;
}

}  // namespace ptplab::engine
