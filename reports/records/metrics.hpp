// The metric table: every metric a run computes (scalar rows of module "metrics", the names an
// `expect` entry may use), declared once with its unit, the direction in which it improves, its
// meaning and the SQL that recomputes it from a report's rows. The scenario format's
// validation, the collector's checks, run comparison's verdicts and reports/SCHEMA.md's
// metric list all come from here. Definitions: DESIGN.md "Scenarios and reports".
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "engine/core/name_table.hpp"

namespace ptplab::reports {

// The direction in which a metric improves.
enum class Better : std::uint8_t { kLower, kHigher, kNeither };
inline constexpr std::array<NameEntry<Better>, 3> kBetters = {{
    {Better::kLower, "lower", "a smaller value is better (latency, overhead, drops)"},
    {Better::kHigher, "higher", "a larger value is better (delivery ratio)"},
    {Better::kNeither, "neither", "a count of what was asked for: no direction is better"},
}};
static_assert(indexed_by_value(kBetters));

// "lower", "higher" or "neither".
[[nodiscard]] constexpr std::string_view better_name(Better b) { return name_of(kBetters, b); }

// One metric.
struct MetricDef {
  std::string_view name;     // scalar name, e.g. "delivery_ratio"
  std::string_view unit;     // "ratio", "ms", "count", "bytes"
  Better better;             // which way is better (kNeither: a count of what was asked for)
  std::string_view meaning;  // one line, for catalogues and reports
  // One SQLite statement over the report's tables whose single value is the metric of run
  // `:run` (the parameter ?1); NULL when it cannot be computed (like the scalar's absence).
  // Counts only the runner sees (engine events, attacker ground truth) are per-node columns.
  std::string_view sql;
};

// Every metric, sorted by name.
[[nodiscard]] std::span<const MetricDef> metric_table();

// The metric named `name`, or nullptr.
[[nodiscard]] const MetricDef* find_metric(std::string_view name);

}  // namespace ptplab::reports
