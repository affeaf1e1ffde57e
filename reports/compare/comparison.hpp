// Run comparison (`ptplab compare A.db B.db`): the two reports' sweep points are matched by
// their swept values (point_match.hpp); at each matched point, for each metric present on both
// sides, the means over the seeds of each side, mean(B) - mean(A) with its Student t interval
// (paired by seed when both sides ran the same seeds, Welch otherwise: difference.hpp) and a
// verdict: better, worse, different, noise, or inconclusive below a minimum number of runs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/compare/difference.hpp"
#include "reports/compare/direction.hpp"
#include "reports/compare/run_metrics.hpp"

namespace ptplab::reports::compare {

// The confidence level of every interval `ptplab compare` prints.
inline constexpr double kConfidence = 0.95;

// What the comparison concludes for one metric.
enum class Verdict : unsigned char {
  kInconclusive,  // fewer runs on a side than runs_for_verdict(): no better/worse whatever the values
  kNoise,         // the interval of B - A contains 0: no difference told from seed noise
  kBetter,        // the interval excludes 0 on the metric's better side
  kWorse,         // the interval excludes 0 on the worse side
  kDifferent,     // the interval excludes 0, and the metric has no better direction
};

// "inconclusive", "noise", "better", "worse", "different".
[[nodiscard]] std::string_view verdict_name(Verdict v);

// The runs each side needs (pairs, when paired) before a verdict other than inconclusive: the
// smallest n with 2^(1-n) <= 1 - confidence, i.e. 6 at 95%. With fewer, even n differences all
// of one sign are not significant by the exact sign test, so a verdict would rest on the t
// interval's normality assumption alone, which n < 6 runs cannot support (and t(0.975, n-1)
// is 12.7, 4.3, 3.2, 2.8 for n = 2..5). Unpaired comparisons are held to the same number, so
// pairing never makes a verdict harder to reach.
[[nodiscard]] std::size_t runs_for_verdict(double confidence);

// The comparison of one metric at one point.
struct MetricComparison {
  std::string metric;
  Better better = Better::kNeither;
  Summary a, b;           // over each side's runs
  Difference difference;  // mean(B) - mean(A), its interval and how it was computed
  double relative = 0;    // difference / |mean(A)| (NaN when mean(A) is 0)
  Verdict verdict = Verdict::kInconclusive;
};

// The comparison at one matched point.
struct PointComparison {
  std::string label;                                  // "" when neither report sweeps
  std::size_t runs_a = 0, runs_b = 0;                 // runs read at the point
  std::vector<std::uint64_t> seeds_a, seeds_b;        // their seeds
  std::vector<RepeatedRun> repeated_a, repeated_b;    // runs left out as repeats of an earlier run
  std::vector<std::string> differing_a, differing_b;  // parameters that differ between runs of a side
  std::vector<MetricComparison> metrics;              // in name order
  std::vector<std::string> only_in_a, only_in_b;      // metrics present on one side
  // Each side's `/record` ("full", "summary"; "" when the runs do not say). When they differ,
  // the latency percentiles (approximated in summary mode, reports/SCHEMA.md) get no verdict
  // (inconclusive) and the point has a warning note.
  std::string record_a, record_b;
};

// Everything `ptplab compare` prints.
struct Comparison {
  std::string a_path, b_path;
  std::size_t runs_a = 0, runs_b = 0;
  std::string scenario_a, scenario_b;
  bool only_complete_a = true, only_complete_b = true;
  std::map<std::string, std::size_t> left_out_a, left_out_b;    // ReportRuns::left_out of each side
  std::vector<PointComparison> points;                          // the matched points, in A's order
  std::vector<std::string> points_only_in_a, points_only_in_b;  // unmatched point labels
  // What the reader must know before trusting a verdict ("warning: ..." lines), e.g. the two
  // sides ran different scenarios.
  std::vector<std::string> warnings;
  double confidence = kConfidence;
};

// Compares the two sides point by point, restricted to `selected` metric names when not empty.
// Errors: the files share no point (the message names the values each side ran), or a selected
// metric is missing on a side.
[[nodiscard]] Expected<Comparison, std::string> compare_reports(const ReportRuns& a, const ReportRuns& b,
                                                                const std::vector<std::string>& selected,
                                                                double confidence = kConfidence);

// Reads both files and compares them.
[[nodiscard]] Expected<Comparison, std::string> compare_files(const std::string& a_path,
                                                              const std::string& b_path,
                                                              const std::vector<std::string>& selected);

}  // namespace ptplab::reports::compare
