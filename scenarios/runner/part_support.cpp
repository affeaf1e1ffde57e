// The features a partitioned run refuses (see part_support.hpp).
#include "scenarios/runner/part_support.hpp"

#include <algorithm>

namespace ptplab::scenarios {

std::optional<std::string> partition_refusal(const Scenario& s) {
  if (!s.attackers.empty()) return "attackers";
  using A = TimelineEvent::Action;
  for (const auto& e : s.timeline) {
    switch (e.action) {
      case A::kPartition:
      case A::kHeal:
      case A::kCrash:
      case A::kRestart:
      case A::kSetParam: break;
      default: {
        const auto& table = TimelineEvent::kActions;
        const auto it = std::find_if(table.begin(), table.end(), [&](const TimelineEvent::ActionEntry& a) {
          return a.value == e.action;
        });
        return "timeline " + std::string(it != table.end() ? it->name : "action");
      }
    }
  }
  return std::nullopt;
}

}  // namespace ptplab::scenarios
