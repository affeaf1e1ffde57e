// The tables `ptplab sweep` prints when its runs are done: one aligned row per run, then one row
// per sweep point over its seeds with the mean and the 95 % Student t interval of the headline
// metrics (the interval `ptplab compare` uses, reports/compare/statistics.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ptplab::cli {

// What one run of a sweep gave.
struct SweepRun {
  std::string status;  // child_status_word of its exit status
  std::string label;   // its sweep point's label: "/nodes/0/params/gossip_fanout=4 seed=2"
  std::optional<double> delivery_ratio;
  std::optional<double> latency_p50_ms;
  std::size_t expectations_passed = 0;
  std::size_t expectations = 0;
  bool judged = true;  // false: the run did not complete (interrupted, timed out, not run, error)
};

// The point a label names without its seed: "/x=4 seed=2" -> "/x=4"; "seed=2" -> "(every run)".
[[nodiscard]] std::string point_of(const std::string& label);

// One aligned row per run: status, point, delivery_ratio, latency_p50_ms, expectations passed
// ("2/3"), or "not judged" for a run that did not complete.
[[nodiscard]] std::string format_sweep_runs(const std::vector<SweepRun>& runs);

// One aligned row per point (in first-seen order): its finished runs (interrupted, timed-out and
// not-run runs are left out: their figures are partial or absent), then for delivery_ratio and
// latency_p50_ms the mean over those runs and "± h", h the half-width of the 95 % Student t
// interval of that mean (the mean alone with one value, "-" with none), followed by "(k of n runs)"
// when only k of the point's n finished runs have the metric. Ends with a line saying so.
[[nodiscard]] std::string format_sweep_points(const std::vector<SweepRun>& runs);

}  // namespace ptplab::cli
