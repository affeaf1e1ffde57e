// ROUTING: the periodic list of nodes we can reach with their outside-visible addresses, sized
// to fit one datagram, and learning routes from our peers' lists (spec ####ROUTING), over the
// peer table and the route table.
#include <algorithm>

#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

// Bytes one entry adds to the encoded ROUTING: {"node_id":"…","address":"…"}, plus a comma.
std::size_t entry_bytes(const wire::RoutingEntry& e) { return e.node_id.size() + e.address.size() + 28; }

// The learned routes this round's ROUTING lists, as positions in s.routes: every one under
// routing_advert "full" (the spec), else at most routing_sample_max drawn uniformly without
// replacement from the node's own RNG stream (partial Fisher-Yates; "bounded-routing" preset).
std::vector<std::size_t> advertised_routes(NodeState& s) {
  std::vector<std::size_t> picked(s.routes.size());
  for (std::size_t i = 0; i < picked.size(); ++i) picked[i] = i;
  if (s.params->routing_advert == RoutingAdvert::kFull) return picked;
  const std::size_t k = std::min<std::size_t>(s.params->routing_sample_max, picked.size());
  for (std::size_t i = 0; i < k; ++i) std::swap(picked[i], picked[i + s.rng.below(picked.size() - i)]);
  picked.resize(k);
  return picked;
}

// Our ROUTING: direct peers first (each recipient learns how we see it), then learned routes
// (all, or a sample: advertised_routes), as many as fit max_datagram_bytes; addresses that are
// not announceable (IPv6 stand-ins) left out.
SharedBytes routing_datagram(NodeState& s, TimeNs now) {
  wire::Routing r;
  r.node_id = s.node_id;
  std::size_t size = 64 + s.node_id.size();
  auto add = [&](std::string_view id, const Address& a) {
    if (!a.announceable()) return true;
    wire::RoutingEntry e{std::string(id), a.to_string()};
    if (size + entry_bytes(e) > s.params->max_datagram_bytes) return false;
    size += entry_bytes(e);
    r.nodes.push_back(std::move(e));
    return true;
  };
  bool room = true;
  for (const auto& p : s.peers.all())
    if (room && s.live(p, now) && !p.node_id.empty()) room = add(p.node_id, p.address);
  for (const std::size_t i : advertised_routes(s))
    if (room) room = add(s.routes.at(i).node_id, s.routes.at(i).address);
  auto bytes = make_bytes(wire::encode(r));
  while (bytes->size() > s.params->max_datagram_bytes && !r.nodes.empty()) {
    r.nodes.pop_back();
    bytes = make_bytes(wire::encode(r));
  }
  return bytes;
}

}  // namespace

void send_routing(NodeState& s, TimeNs now, Output& out) {
  std::vector<Address> targets;
  for (const auto& p : s.peers.all())
    if (s.live(p, now) && p.verified) targets.push_back(p.address);
  if (targets.empty()) return;
  const auto bytes = routing_datagram(s, now);
  for (const auto& to : targets) s.send(to, bytes, wire::Verb::kRouting, out);
}

void tell_peer_its_address(NodeState& s, const Peer& p, Output& out) {
  if (!s.params->routing_enabled || !s.params->routing_to_new_peer || p.node_id.empty() ||
      !p.address.announceable())
    return;
  wire::Routing r;
  r.node_id = s.node_id;
  r.nodes.push_back(wire::RoutingEntry{std::string(p.node_id), p.address.to_string()});
  s.send(p.address, make_bytes(wire::encode(r)), wire::Verb::kRouting, out);
}

void greet_routes(NodeState& s, TimeNs now, Output& out) {
  std::uint32_t budget = s.params->routing_greetings_max;
  for (std::size_t i = 0; i < s.routes.size(); ++i) {
    if (budget == 0) return;
    Route& r = s.routes.at(i);
    if (r.greetings >= 2 || s.peers.heard_address(r.node_id)) continue;
    if (r.greetings == 0) {
      if (!s.peers.find(r.address)) add_peer(s, now, r.address, true, 0, out);
      r.greetings = 1;
      r.greeted = now;
      --budget;
    } else if (now - r.greeted >= 2 * s.params->hello_interval_max_ns) {
      const Peer* via = s.peers.find(r.via);
      if (via && s.live(*via, now)) connect(s, now, r.via, r.node_id, out);
      r.greetings = 2;
      --budget;
    }
  }
}

void on_routing(NodeState& s, TimeNs now, const Inbound& in, const wire::Routing& m, Output& out) {
  Peer* sender = s.peers.find(in.from);
  // Routes are only taken from live neighbours: a stranger cannot poison the table.
  if (!sender || !s.live(*sender, now))
    return s.dropped(out, in.from, wire::Verb::kRouting, Reason::kNotAPeer, in.size());
  bool named_us = false;
  std::size_t refused = 0;
  for (const auto& entry : m.nodes) {
    const auto address = Address::parse(entry.address);
    // A 240/4 address is another host's IPv6 stand-in: here it would alias one of our own.
    if (!address || !address->announceable() || entry.node_id.empty()) continue;
    // Interned: 0 when no peer, route or node of this process holds the id (then it is neither
    // us nor a peer), compared as numbers instead of 36-byte strings (reports/BENCHMARKS.md
    // "[P] session 14").
    const NodeIdRef id = s.ids->find(entry.node_id);
    if (id != 0 && id == s.node_ref) {
      // The sender lists its own peers first: the first entry naming us is its own view of us;
      // later ones are routes it learned from others, who see other ports behind some NATs.
      if (!named_us) sender->sees_us = *address;
      named_us = true;
      continue;
    }
    if (s.peers.live_address(id, now, s.params->peer_timeout_ns)) continue;
    refused +=
        !s.routes.learn(now, entry.node_id, id, *address, in.from, s.bound(s.params->routing_entries_max),
                        s.bound(s.params->routes_per_address_max));
  }
  // One event per ROUTING, not per entry: a flood of 16,000 entries must not become 16,000 events.
  if (refused > 0) s.dropped(out, in.from, wire::Verb::kRouting, Reason::kRoutesPerAddress, in.size());
}

}  // namespace ptplab::engine
