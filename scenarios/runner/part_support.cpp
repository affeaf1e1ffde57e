// The features a partitioned run refuses (see part_support.hpp).
#include "scenarios/runner/part_support.hpp"

#include <algorithm>

#include "sim/lookahead.hpp"

namespace ptplab::scenarios {

Expected<TimeNs, std::string> partition_lookahead(const NetworkPlan& plan) {
  std::vector<sim::LinkConfig> links{plan.config.link};
  links.insert(links.end(), plan.links.begin(), plan.links.end());
  auto lookahead = sim::cross_part_lookahead(plan.config.latency, links);
  if (!lookahead) return Unexpected("/network/latency: " + lookahead.error());
  return *lookahead;
}

std::optional<std::string> partition_refusal(const Scenario& s) {
  constexpr std::string_view kOneRank = " not partitioned yet; run it on one rank";
  if (!s.attackers.empty()) return "attackers (/attackers) are" + std::string(kOneRank);
  using A = TimelineEvent::Action;
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    switch (s.timeline[i].action) {
      case A::kPartition:
      case A::kHeal:
      case A::kCrash:
      case A::kRestart:
      case A::kChurnOn:
      case A::kChurnOff:
      case A::kConnect:
      case A::kSetParam: break;
      default: {
        const auto& table = TimelineEvent::kActions;
        const auto it = std::find_if(table.begin(), table.end(), [&](const TimelineEvent::ActionEntry& a) {
          return a.value == s.timeline[i].action;
        });
        std::string out = "timeline action ";
        out.append(it != table.end() ? it->name : "?");
        out.append(" (/timeline/");
        out.append(std::to_string(i));
        out.append(") is");
        out.append(kOneRank);
        return out;
      }
    }
  }
  if (auto lookahead = partition_lookahead(plan_network(s)); !lookahead) return lookahead.error();
  return std::nullopt;
}

}  // namespace ptplab::scenarios
