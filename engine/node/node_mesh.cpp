// The member mesh of propagation "mesh" (PROTOCOL.md "Presets", member-mesh): members' addresses
// carried in CHANNEL listings, and each member grafting member peers (HELLO) up to mesh_degree
// when it has fewer than mesh_degree_low, after GossipSub v1.1's mesh maintenance (spec
// "Mesh Maintenance": D, D_low, D_high; GRAFT here is a HELLO to a member's address).
#include <algorithm>

#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

bool is_member(const ChannelState& c, std::string_view id) {
  return std::binary_search(c.members.begin(), c.members.end(), id);
}

// Peers in the table (live or still being greeted) that are, or were grafted as, members of `c`.
std::size_t member_peers_in_table(const NodeState& s, const ChannelState& c) {
  std::size_t n = 0;
  for (const auto& p : s.peers.all()) {
    if (!p.node_id.empty()) {
      n += p.node_id != s.node_id && is_member(c, p.node_id) ? 1 : 0;
      continue;
    }
    n += std::any_of(c.addresses.begin(), c.addresses.end(),
                     [&](const auto& entry) { return entry.second == p.address; })
             ? 1
             : 0;
  }
  return n;
}

}  // namespace

std::optional<Address> own_outside_address(const NodeState& s, TimeNs now) {
  for (const auto& p : s.peers.all())
    if (p.sees_us && s.live(p, now)) return p.sees_us;
  return std::nullopt;
}

void list_member_addresses(const NodeState& s, TimeNs now, const ChannelState& c, wire::Channel& page) {
  page.member_addresses.clear();
  bool any = false;
  for (const auto& id : page.members) {
    std::optional<Address> a;
    if (id == s.node_id) {
      a = own_outside_address(s, now);
    } else if (const auto live = s.peers.live_address(id, now, s.params->peer_timeout_ns)) {
      a = live;
    } else {
      a = ChannelBook::address_of(c, id);
    }
    any = any || (a && a->announceable());
    page.member_addresses.push_back(a && a->announceable() ? a->to_string() : std::string());
  }
  if (!any) page.member_addresses.clear();
}

bool learn_member_addresses(NodeState& s, ChannelState& c, const wire::Channel& m) {
  bool announcer_news = false;
  for (std::size_t i = 0; i < m.member_addresses.size() && i < m.members.size(); ++i) {
    if (m.members[i] == s.node_id || m.member_addresses[i].empty() || !is_member(c, m.members[i])) continue;
    const auto a = Address::parse(m.member_addresses[i]);
    if (!a || !a->announceable()) continue;
    const bool fresh = !ChannelBook::address_of(c, m.members[i]).has_value();
    if (ChannelBook::note_address(c, m.members[i], *a, s.bound(s.params->members_max)) && fresh &&
        m.members[i] == c.announcer)
      announcer_news = true;
  }
  return announcer_news;
}

void maintain_mesh(NodeState& s, TimeNs now, ChannelState& c, Output& out) {
  // The creator's first listing went out before any peer told us our outside address: once we
  // know it, and while nobody has grafted us, the listing is flooded once more with it.
  if (floods_discovery(*s.params) && c.creator && !c.listed_own_address && member_peers_in_table(s, c) == 0 &&
      own_outside_address(s, now)) {
    announce(s, now, c, out, true);
    return;
  }
  std::size_t have = member_peers_in_table(s, c);
  if (have >= s.params->mesh_degree_low) return;
  std::vector<Address> candidates;
  for (const auto& [id, a] : c.addresses)
    if (id != s.node_id && is_member(c, id) && !s.peers.find(a) && !s.peers.find_by_id(id))
      candidates.push_back(a);
  for (std::size_t i = 0; i < candidates.size() && have < s.params->mesh_degree; ++i) {
    std::swap(candidates[i], candidates[i + s.rng.below(candidates.size() - i)]);
    if (add_peer(s, now, candidates[i], true, 0, out)) ++have;
  }
}

}  // namespace ptplab::engine
