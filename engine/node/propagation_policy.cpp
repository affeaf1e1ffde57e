// The four propagation policies. CHANNEL/JOIN/LEAVE flood under "direct" and "routed" too:
// without them a node outside the member list could never discover a channel, and member
// lists would not converge.
#include "engine/node/propagation_policy.hpp"

#include <algorithm>

namespace ptplab::engine {
namespace {

// The distinct addresses `lookup` gives for the recipients, leaving out the one it came from.
template <typename Lookup>
std::vector<Address> per_recipient(const PropagationRequest& r, Lookup lookup) {
  std::vector<Address> targets;
  for (const auto& id : r.recipients) {
    const std::optional<Address> to = lookup(id);
    if (to && !(r.from && *to == *r.from)) targets.push_back(*to);
  }
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  return targets;
}

class Flood final : public PropagationPolicy {
 public:
  std::vector<Address> targets(const PropagationRequest& r, PropagationView& view, Rng&) const override {
    return view.live_peers(r.from);
  }
};

class Gossip final : public PropagationPolicy {
 public:
  std::vector<Address> targets(const PropagationRequest& r, PropagationView& view, Rng& rng) const override {
    auto targets = view.live_peers(r.from);
    const std::size_t fanout = std::min<std::size_t>(r.gossip_fanout, targets.size());
    for (std::size_t i = 0; i < fanout; ++i)
      std::swap(targets[i], targets[i + rng.below(targets.size() - i)]);
    targets.resize(fanout);
    return targets;
  }
};

// The origin sends to every recipient it has an address for; nobody relays.
class Direct final : public PropagationPolicy {
 public:
  std::vector<Address> targets(const PropagationRequest& r, PropagationView& view, Rng&) const override {
    if (r.verb != wire::Verb::kMessage) return view.live_peers(r.from);
    if (r.from) return {};
    return per_recipient(r, [&](std::string_view id) {
      const auto to = view.address_of(id);
      if (to) view.note_contact(*to);
      return to;
    });
  }
};

// Every node sends towards each recipient's next hop, never back where it came from.
class Routed final : public PropagationPolicy {
 public:
  std::vector<Address> targets(const PropagationRequest& r, PropagationView& view, Rng&) const override {
    if (r.verb != wire::Verb::kMessage) return view.live_peers(r.from);
    return per_recipient(r, [&](std::string_view id) { return view.next_hop(id); });
  }
};

// Channel-scoped (member-mesh preset, PROTOCOL.md "Presets"): a channel's datagrams go only to
// member peers (GossipSub v1.1's mesh), at most mesh_degree_high of them; a relay that is no
// member carries nothing, but the discovery listing goes to every peer.
class Mesh final : public PropagationPolicy {
 public:
  std::vector<Address> targets(const PropagationRequest& r, PropagationView& view, Rng&) const override {
    if (r.discovery) return view.live_peers(r.from);
    if (r.from && !view.names_us(r.recipients)) return {};
    return view.member_peers(r.recipients, r.from, r.mesh_degree_high);
  }
};

}  // namespace

const PropagationPolicy& propagation_policy(Propagation kind) {
  static const Direct direct;
  static const Flood flood;
  static const Gossip gossip;
  static const Routed routed;
  static const Mesh mesh;
  switch (kind) {
    case Propagation::kDirect: return direct;
    case Propagation::kFlood: return flood;
    case Propagation::kGossip: return gossip;
    case Propagation::kRouted: return routed;
    case Propagation::kMesh: return mesh;
  }
  return flood;
}

}  // namespace ptplab::engine
