// The timeline: partitions and heals, crashes and restarts, churn, parameter changes. Attack
// start/stop entries become the attackers' windows (simulation_attackers.cpp).
#include <nlohmann/json.hpp>

#include "scenarios/runner/simulation.hpp"

namespace ptplab::scenarios {

Expected<std::monostate, std::string> Simulation::build_timeline() {
  for (const auto& e : s_.timeline) {
    if (e.action == TimelineEvent::Action::kSetParam) {
      // Checked now, so that a bad value fails the build rather than the run.
      engine::NodeParams probe;
      const auto value = nlohmann::json::parse(e.param.value, nullptr, false);
      if (value.is_discarded())
        return Unexpected("timeline set_param " + e.param.name + ": value is not JSON");
      if (auto r = engine::set_param(probe, e.param.name, value); !r)
        return Unexpected("timeline set_param: " + r.error());
    }
    if (e.action == TimelineEvent::Action::kAttackStart || e.action == TimelineEvent::Action::kAttackStop)
      continue;
    sim_.call_at(e.at_ns, [this, &e] { apply(e); });
  }
  return std::monostate{};
}

void Simulation::apply(const TimelineEvent& e) {
  using A = TimelineEvent::Action;
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
    case A::kCrash: {
      auto hosts = group_hosts(e.group);
      std::erase_if(hosts, [this](sim::HostId h) { return !net_->is_up(h); });
      for (const auto h : pick(hosts, e.share, e.count)) net_->crash_host(h);
      break;
    }
    case A::kRestart: {
      auto hosts = group_hosts(e.group);
      std::erase_if(hosts, [this](sim::HostId h) { return net_->is_up(h); });
      for (const auto h : pick(hosts, e.share, e.count)) net_->start_host(h);
      break;
    }
    case A::kChurnOn: {
      sim::ChurnConfig churn;
      churn.session = {sim::SessionKind::kExponential, e.mean_uptime_ns, 2.0};
      churn.downtime = {sim::SessionKind::kExponential, e.mean_downtime_ns, 2.0};
      const auto hosts = group_hosts(e.group);
      net_->start_churn(hosts, churn);
      break;
    }
    case A::kChurnOff: net_->stop_churn(); break;
    case A::kSetParam: {
      // Nodes take their parameters at (re)start: the change applies to every later incarnation.
      const auto value = nlohmann::json::parse(e.param.value, nullptr, false);
      for (std::size_t g = 0; g < s_.nodes.size(); ++g) {
        if (e.group.empty() || s_.nodes[g].name == e.group)
          (void)engine::set_param(group_params_[g], e.param.name, value);
      }
      break;
    }
    case A::kAttackStart:
    case A::kAttackStop: break;
  }
}

}  // namespace ptplab::scenarios
