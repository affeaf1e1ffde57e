// Network configuration and host placement.
#include "scenarios/runner/network_setup.hpp"

#include <algorithm>
#include <array>

#include "engine/core/rng.hpp"
#include "sim/nat_config.hpp"

namespace ptplab::scenarios {
namespace {

constexpr std::uint32_t kHonestPublicBase = 0x14000000;          // 20.0.0.0
constexpr std::uint32_t kAttackerBase = 0x42000000;              // 66.0.0.0
constexpr std::uint32_t kNatPublicBase = 0x1e000000;             // 30.0.0.0
constexpr std::uint32_t kPrivateBase = 0x0a000000;               // 10.0.0.0
constexpr std::uint64_t kNatDrawStream = 0x6e61740000000000ULL;  // Rng stream of NAT type draws

NatType draw_nat_type(const NatPopulation& nat, Rng& rng) {
  double total = 0;
  for (const double share : nat.mix) total += share;
  if (total <= 0) return NatType::kPublic;
  double x = rng.uniform() * total;
  for (const auto& t : sim::kNatTypes) {
    const double share = nat.mix[static_cast<std::size_t>(t.value)];
    if (x < share) return t.value;
    x -= share;
  }
  return NatType::kPublic;
}

std::uint32_t region_index(const Scenario& s, const std::string& name) {
  const auto& names = s.network.regions.names;
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? 0 : static_cast<std::uint32_t>(it - names.begin());
}

// The link profile of a group's or attacker's hosts, adding its own link to plan.links.
std::uint16_t link_profile(const Scenario& s, const LinkChoice& choice, NetworkPlan& plan) {
  if (choice.own) {
    plan.links.push_back(*choice.own);
    return static_cast<std::uint16_t>(plan.links.size());
  }
  const auto& classes = s.network.link_classes;
  for (std::size_t k = 0; k < classes.size(); ++k) {
    if (classes[k].name == choice.class_name) return static_cast<std::uint16_t>(k + 1);
  }
  return 0;
}

}  // namespace

sim::NatConfig nat_config(NatType type, const NatPopulation& nat) {
  return sim::with_nat_type(nat.box, type);
}

NetworkPlan plan_network(const Scenario& s) {
  NetworkPlan plan;
  plan.config = s.network.config;
  plan.config.seed = s.seed;
  for (const auto& k : s.network.link_classes) plan.links.push_back(k.link);
  const std::uint32_t per_box = std::max<std::uint32_t>(1, s.network.nat.hosts_per_box);
  // The box currently filling up per NAT type, and how many hosts it holds.
  std::array<std::uint32_t, sim::kNatTypes.size()> open_box;
  open_box.fill(UINT32_MAX);
  std::array<std::uint32_t, sim::kNatTypes.size()> open_fill{};
  std::uint32_t public_count = 0, private_count = 0, attacker_count = 0;
  // Honest and adversary hosts are placed alike; a public attacker gets an address of its own
  // range, a NATed one sits behind a box like anyone else (and cannot spoof through it).
  const auto place = [&](HostPlan& h, const Placement& placement) {
    if (placement.from_mix) {
      Rng rng = Rng::derive(s.seed, kNatDrawStream + static_cast<std::uint64_t>(plan.hosts.size()));
      h.nat_type = draw_nat_type(s.network.nat, rng);
    } else {
      h.nat_type = placement.nat_type;
    }
    if (h.nat_type == NatType::kPublic) {
      h.address = h.attacker ? Address{kAttackerBase + ++attacker_count, kNodePort}
                             : Address{kHonestPublicBase + ++public_count, kNodePort};
      return;
    }
    const auto t = static_cast<std::size_t>(h.nat_type);
    if (open_box[t] == UINT32_MAX || open_fill[t] == per_box) {
      open_box[t] = static_cast<std::uint32_t>(plan.nat_boxes.size());
      open_fill[t] = 0;
      plan.nat_boxes.push_back({kNatPublicBase + open_box[t] + 1, h.nat_type});
    }
    ++open_fill[t];
    h.nat_box = open_box[t];
    h.address = {kPrivateBase + ++private_count, kNodePort};
  };
  for (std::uint32_t g = 0; g < s.nodes.size(); ++g) {
    const auto& group = s.nodes[g];
    const std::uint16_t profile = link_profile(s, group.link, plan);
    for (std::uint32_t i = 0; i < group.count; ++i) {
      HostPlan h;
      h.group = g;
      h.link_profile = profile;
      h.region = region_index(s, group.region);
      place(h, group.placement);
      plan.hosts.push_back(h);
    }
  }
  plan.honest = plan.hosts.size();
  for (std::uint32_t a = 0; a < s.attackers.size(); ++a) {
    const std::uint16_t profile = link_profile(s, s.attackers[a].link, plan);
    for (std::uint32_t i = 0; i < s.attackers[a].count; ++i) {
      HostPlan h;
      h.group = a;
      h.link_profile = profile;
      h.attacker = true;
      place(h, s.attackers[a].placement);
      plan.hosts.push_back(h);
    }
  }
  return plan;
}

}  // namespace ptplab::scenarios
