// Metric directions (see direction.hpp).
#include "reports/compare/direction.hpp"

#include <array>
#include <utility>

namespace ptplab::reports::compare {
namespace {

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Names whose direction the patterns below would get wrong or leave open.
constexpr std::array<std::pair<std::string_view, Better>, 6> kExact = {{
    {"messages_sent", Better::kNeither},
    {"nat_attempts", Better::kNeither},
    {"delivered_messages", Better::kHigher},
    {"amplification_factor", Better::kLower},
    {"victim_datagrams_received", Better::kLower},
    {"messages_misrouted", Better::kLower},
}};

}  // namespace

Better better_direction(std::string_view metric) {
  for (const auto& [name, better] : kExact) {
    if (metric == name) return better;
  }
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

std::string_view better_name(Better b) {
  switch (b) {
    case Better::kLower: return "lower";
    case Better::kHigher: return "higher";
    case Better::kNeither: return "neither";
  }
  return "neither";
}

}  // namespace ptplab::reports::compare
