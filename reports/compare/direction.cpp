// Metric directions (see direction.hpp).
#include "reports/compare/direction.hpp"

namespace ptplab::reports::compare {
namespace {

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace

Better better_direction(std::string_view metric) {
  if (const auto* m = find_metric(metric)) return m->better;
  if (contains(metric, "delivery_ratio") || contains(metric, "success") || contains(metric, "coverage")) {
    return Better::kHigher;
  }
  for (const std::string_view lower :
       {"latency", "bytes", "drop", "datagrams", "duplicate", "collision", "suppressed", "misrouted",
        "connect_time", "table_max", "amplification", "retransmission", "gave_up", "signature_failures",
        "unintended"}) {
    if (contains(metric, lower)) return Better::kLower;
  }
  return Better::kNeither;
}

}  // namespace ptplab::reports::compare
