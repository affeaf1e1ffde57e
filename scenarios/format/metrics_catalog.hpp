// The metrics an `expect` entry may name.
// The runner computes every metric listed here and writes it as a scalar (module "metrics");
// reports/SCHEMA.md defines each one with the SQL that recomputes it.
#pragma once

#include <span>
#include <string_view>

#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// A metric the runner computes.
struct MetricInfo {
  std::string_view name;
  std::string_view unit;  // "ratio", "ms", "count", "bytes", ...
  std::string_view meaning;
};

// Every metric, sorted by name.
[[nodiscard]] std::span<const MetricInfo> known_metrics();

// The metric named `name`, or nullptr.
[[nodiscard]] const MetricInfo* find_metric(std::string_view name);

}  // namespace ptplab::scenarios
