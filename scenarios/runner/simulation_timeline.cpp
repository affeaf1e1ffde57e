// The timeline: partitions and heals, crashes and restarts, churn, parameter changes (to running
// nodes and later restarts) and CONNECT attempts. Attack start/stop entries become the attackers'
// windows (simulation_attackers.cpp).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "scenarios/runner/simulation.hpp"

namespace ptplab::scenarios {
namespace {

// The timeline's set_param changes in the order they run (by time, then file order).
std::vector<const TimelineEvent*> param_changes(const std::vector<TimelineEvent>& timeline) {
  std::vector<const TimelineEvent*> out;
  for (const auto& e : timeline)
    if (e.action == TimelineEvent::Action::kSetParam) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(),
                   [](const TimelineEvent* a, const TimelineEvent* b) { return a->at_ns < b->at_ns; });
  return out;
}

}  // namespace

Expected<std::monostate, std::string> Simulation::build_timeline() {
  // Every group's parameters are replayed through its changes now, so that a bad value or a
  // broken cross-field rule (validate_params) fails the build rather than the run.
  std::vector<engine::NodeParams> replay;
  for (const auto& p : group_params_) replay.push_back(*p);
  for (const TimelineEvent* e : param_changes(s_.timeline)) {
    const std::string what = "timeline set_param " + e->param.name + " at " + format_duration(e->at_ns);
    const auto value = nlohmann::json::parse(e->param.value, nullptr, false);
    if (value.is_discarded()) return Unexpected(what + ": value is not JSON");
    for (std::size_t g = 0; g < s_.nodes.size(); ++g) {
      if (!e->group.empty() && s_.nodes[g].name != e->group) continue;
      if (auto r = engine::set_param(replay[g], e->param.name, value); !r)
        return Unexpected(what + ": " + r.error());
      if (auto r = engine::validate_params(replay[g]); !r)
        return Unexpected(what + " (group " + s_.nodes[g].name + "): " + r.error());
    }
  }
  for (const auto& e : s_.timeline) {
    if (e.action == TimelineEvent::Action::kAttackStart || e.action == TimelineEvent::Action::kAttackStop)
      continue;
    drive_at(e.at_ns, [this, &e] { apply(e); });
  }
  return std::monostate{};
}

void Simulation::apply(const TimelineEvent& e) {
  using A = TimelineEvent::Action;
  // Which honest hosts are up, read by their owners once (only the actions below change it).
  std::vector<char> up;
  const auto live = [&](std::vector<sim::HostId> hosts) {
    if (up.empty()) up = owner_flags([this](sim::HostId h) { return net_->is_up(h); });
    std::erase_if(hosts, [&up](sim::HostId h) { return up[h] == 0; });
    return hosts;
  };
  switch (e.action) {
    case A::kPartition: {
      std::vector<std::vector<sim::HostId>> sides;
      if (!e.sides.empty()) {
        for (const auto& side : e.sides) sides.push_back(groups_hosts(side));
      } else {
        sides.push_back(pick(group_hosts(""), e.share, std::nullopt));
      }
      net_->partition(sides);
      break;
    }
    case A::kHeal: net_->heal(); break;
    case A::kCrash:
      for (const auto h : pick(live(group_hosts(e.group)), e.share, e.count)) {
        if (stopped_mid_action()) break;  // one entry can touch a million hosts (issue [R] 1)
        act_on(h, [this, h] { net_->crash_host(h); });
      }
      break;
    case A::kRestart: {
      auto hosts = group_hosts(e.group);
      up = owner_flags([this](sim::HostId h) { return net_->is_up(h); });
      std::erase_if(hosts, [&up](sim::HostId h) { return up[h] != 0; });
      for (const auto h : pick(hosts, e.share, e.count)) {
        if (stopped_mid_action()) break;  // a restart makes a node's keys: a million take seconds
        act_on(h, [this, h] { net_->start_host(h); });
      }
      break;
    }
    case A::kChurnOn: {
      sim::ChurnConfig churn;
      churn.session = {sim::SessionKind::kExponential, e.mean_uptime_ns, 2.0};
      churn.downtime = {sim::SessionKind::kExponential, e.mean_downtime_ns, 2.0};
      auto hosts = group_hosts(e.group);
      // Each part churns its own hosts (their churn draws and events are theirs alone).
      std::erase_if(hosts, [this](sim::HostId h) { return !net_->owns(h); });
      net_->start_churn(hosts, churn);
      break;
    }
    case A::kChurnOff: net_->stop_churn(); break;
    case A::kSetParam: {
      // The group's parameters change for later (re)starts, and its running nodes are retuned.
      // build_timeline replayed this very sequence through validate_params, so neither can fail.
      const auto value = nlohmann::json::parse(e.param.value, nullptr, false);
      for (std::size_t g = 0; g < s_.nodes.size(); ++g) {
        if (e.group.empty() || s_.nodes[g].name == e.group) {
          engine::NodeParams next = *group_params_[g];
          (void)engine::set_param(next, e.param.name, value);
          group_params_[g] = std::make_shared<const engine::NodeParams>(std::move(next));
        }
      }
      for (const auto h : live(group_hosts(e.group))) {
        if (stopped_mid_action()) break;
        act_on(h, [this, h] { (void)node(h)->retune(group_params_[plan_.hosts[h].group]); });
      }
      break;
    }
    case A::kConnect: {
      const TimeNs now = sim_.now();
      const auto vias = live(group_hosts(e.via));
      const auto targets = live(group_hosts(e.to));
      for (const auto a : pick(live(group_hosts(e.group)), e.share, e.count)) {
        if (stopped_mid_action()) break;
        std::vector<sim::HostId> others, rendezvous;
        std::copy_if(targets.begin(), targets.end(), std::back_inserter(others),
                     [a](sim::HostId h) { return h != a; });
        std::copy_if(vias.begin(), vias.end(), std::back_inserter(rendezvous),
                     [a](sim::HostId h) { return h != a; });
        if (others.empty() || rendezvous.empty()) continue;
        const sim::HostId b = others[action_rng_.below(others.size())];
        // The first rendezvous that is a live peer of A (at the address A knows it by), else any.
        // (Read by A's owner: the address as 6 bytes, "" when none.)
        const std::string known = owner_text(a, [&] {
          ByteWriter w;
          for (const auto s : rendezvous) {
            if (const auto v = node(a)->peer_address(node_ids_[s])) {
              w.put<std::uint32_t>(v->ip);
              w.put<std::uint16_t>(v->port);
              break;
            }
          }
          return w.take();
        });
        std::optional<Address> via;
        if (!known.empty()) {
          ByteReader r(known);
          via = Address{};
          via->ip = r.get<std::uint32_t>();
          via->port = r.get<std::uint16_t>();
        }
        if (!via) via = plan_.hosts[rendezvous[action_rng_.below(rendezvous.size())]].address;
        const std::string target(node_ids_[b]);
        feed_connect(now, a, b);
        act_on(a, [&] {
          net_->act(a, [&](Endpoint& ep, Output& out) {
            static_cast<engine::Node&>(ep).connect(now, *via, target, out);
          });
        });
      }
      break;
    }
    case A::kAttackStart:
    case A::kAttackStop: break;
  }
}

}  // namespace ptplab::scenarios
