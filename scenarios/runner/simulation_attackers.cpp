// Attackers: adversary hosts after every honest one, each running its behaviour's Endpoint with
// targets, reflectors and attack windows drawn from the scenario.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/runner/simulation.hpp"

namespace ptplab::scenarios {
namespace {

constexpr std::uint64_t kAttackerStream = 0x6174746b00000000ULL;  // "attk"

// The attacker's windows: its own start/stop, then the timeline's attack_start/attack_stop.
std::vector<AttackWindow> attack_windows(const Scenario& s, const Attacker& a) {
  std::vector<std::pair<TimeNs, bool>> edges;  // (time, on)
  if (a.start_ns != kNever) {
    edges.emplace_back(a.start_ns, true);
    if (a.stop_ns != kNever) edges.emplace_back(a.stop_ns, false);
  }
  for (const auto& e : s.timeline) {
    if (e.attacker != a.name) continue;
    if (e.action == TimelineEvent::Action::kAttackStart) edges.emplace_back(e.at_ns, true);
    if (e.action == TimelineEvent::Action::kAttackStop) edges.emplace_back(e.at_ns, false);
  }
  std::stable_sort(edges.begin(), edges.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<AttackWindow> windows;
  for (const auto& [t, on] : edges) {
    const bool open = !windows.empty() && windows.back().stop_ns == kNever;
    if (on && !open) windows.push_back({t, kNever});
    if (!on && open) windows.back().stop_ns = t;
  }
  return windows;
}

}  // namespace

Expected<std::monostate, std::string> Simulation::build_attackers() {
  std::vector<AttackWindow> all_windows;
  std::vector<sim::HostId> servers;
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (s_.nodes[plan_.hosts[h].group].role == Role::kServer) servers.push_back(h);
  }
  for (sim::HostId h = static_cast<sim::HostId>(plan_.honest); h < plan_.hosts.size(); ++h) {
    const auto& a = s_.attackers[plan_.hosts[h].group];
    std::vector<sim::HostId> targets;
    if (a.target_node && *a.target_node < plan_.honest) {
      targets.push_back(*a.target_node);
    } else {
      targets = group_hosts(a.target_group);
    }
    AdversaryContext ctx;
    ctx.self = plan_.hosts[h].address;
    ctx.rate_per_s = a.rate_per_s;
    ctx.seed = Rng::derive(s_.seed, kAttackerStream + h)();
    ctx.windows = attack_windows(s_, a);
    for (const auto& p : a.params) {
      const auto value = nlohmann::json::parse(p.value, nullptr, false);
      ctx.params[p.name] = value.is_discarded() ? nlohmann::json(p.value) : value;
    }
    std::vector<sim::HostId> reflectors = servers.empty() ? group_hosts("") : servers;
    if (a.behaviour == Behaviour::kConnectReflection && ctx.params.contains("victim") &&
        ctx.params["victim"].is_number_unsigned() &&
        ctx.params["victim"].get<std::uint64_t>() < plan_.honest) {
      reflectors = targets;
      targets = {static_cast<sim::HostId>(ctx.params["victim"].get<std::uint64_t>())};
    }
    for (const auto t : targets) {
      ctx.targets.push_back(plan_.hosts[t].address);
      HostRole role;
      role.victim = true;
      role.nat_type = nat_type_name(plan_.hosts[t].nat_type);
      collector_.set_role(t, role);
    }
    for (const auto r : reflectors) ctx.reflectors.push_back(plan_.hosts[r].address);
    all_windows.insert(all_windows.end(), ctx.windows.begin(), ctx.windows.end());
    // Adversaries start at their first window, when node ids and channels exist.
    const TimeNs first = ctx.windows.empty() ? kNever : ctx.windows.front().start_ns;
    const Behaviour behaviour = a.behaviour;
    sim::HostSpec spec;
    spec.address = plan_.hosts[h].address;
    spec.nat = plan_.hosts[h].nat_box == UINT32_MAX ? sim::kNoNat : nat_boxes_[plan_.hosts[h].nat_box];
    spec.link_profile = plan_.hosts[h].link_profile;
    spec.adversary = true;
    auto id = net_->add_host(spec, [this, behaviour, ctx, targets](const sim::HostStart&) {
      AdversaryContext c = ctx;
      for (const auto t : targets) c.target_node_ids.emplace_back(node_ids_[t]);
      for (sim::HostId n = 0; n < plan_.honest && c.population_node_ids.size() < kAdversaryPopulationMax;
           ++n) {
        if (!node_ids_[n].empty()) c.population_node_ids.emplace_back(node_ids_[n]);
      }
      if (c.params.contains("channel") && c.params["channel"].is_string()) {
        for (std::size_t ch = 0; ch < s_.workload.channels.size(); ++ch) {
          if (s_.workload.channels[ch].name == c.params["channel"].get<std::string>())
            c.params["channel_id"] = channel_ids_[ch];
        }
      }
      return make_adversary(behaviour, std::move(c));
    });
    if (!id) return Unexpected("attacker " + a.name + ": " + id.error());
    if (first != kNever) sim_.call_at(first, [this, h] { net_->start_host(h); });
  }
  collector_.set_attack_windows(std::move(all_windows));
  return std::monostate{};
}

}  // namespace ptplab::scenarios
