// Run comparison (`ptplab compare A.db B.db`): for each metric present on both sides, the
// values over the seeds of each side, the difference of means with its bootstrap interval, the
// Mann-Whitney p-value, and whether B is better, worse, or not distinguishable from seed noise.
#pragma once

#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/compare/direction.hpp"
#include "reports/compare/run_metrics.hpp"
#include "reports/compare/statistics.hpp"

namespace ptplab::reports::compare {

// What the comparison concludes for one metric.
enum class Verdict {
  kSame,        // the interval of the difference contains 0
  kTooFewRuns,  // fewer than two runs on a side: seed noise cannot be estimated
  kBetter,      // B differs from A in the metric's better direction
  kWorse,       // B differs in the worse direction
  kDifferent,   // B differs, and the metric has no better direction
};

// "same", "too few runs", "better", "worse", "different".
[[nodiscard]] std::string_view verdict_name(Verdict v);

// The comparison of one metric.
struct MetricComparison {
  std::string metric;
  Better better = Better::kNeither;
  Summary a, b;
  Interval a_ci, b_ci;     // bootstrap intervals of each mean
  double difference = 0;   // mean(B) - mean(A)
  Interval difference_ci;  // bootstrap interval of the difference
  double relative = 0;     // difference / |mean(A)| (NaN when mean(A) is 0)
  MannWhitney test;
  Verdict verdict = Verdict::kSame;
};

// Everything `ptplab compare` prints.
struct Comparison {
  std::string a_path, b_path;
  RunMetrics a, b;
  std::vector<MetricComparison> metrics;  // in name order
  std::vector<std::string> only_in_a, only_in_b;
  double confidence = 0.95;
};

// Compares the two sides, restricted to `selected` metric names when not empty (an error names
// a selected metric that is missing on either side).
[[nodiscard]] Expected<Comparison, std::string> compare_metrics(RunMetrics a, RunMetrics b,
                                                                const std::vector<std::string>& selected,
                                                                const BootstrapOptions& options = {});

// Reads both files and compares them.
[[nodiscard]] Expected<Comparison, std::string> compare_files(const std::string& a_path,
                                                              const std::string& b_path,
                                                              const std::vector<std::string>& selected);

}  // namespace ptplab::reports::compare
