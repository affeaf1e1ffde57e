// Statistics for telling a real difference between two sets of runs from seed noise: summaries,
// percentile bootstrap confidence intervals (fixed-seed resampling, so reports are reproducible)
// and the Mann-Whitney U test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ptplab::reports::compare {

// Count, mean, sample standard deviation (n - 1), min and max of a sample (NaN when empty).
struct Summary {
  std::size_t n = 0;
  double mean = 0;
  double stddev = 0;
  double min = 0;
  double max = 0;
};

[[nodiscard]] Summary summarize(const std::vector<double>& values);

// A closed interval [lo, hi].
struct Interval {
  double lo = 0;
  double hi = 0;
  [[nodiscard]] bool contains(double v) const { return lo <= v && v <= hi; }
};

// How a bootstrap is run: resample count, confidence level and the generator's seed.
struct BootstrapOptions {
  std::size_t resamples = 4000;
  double confidence = 0.95;
  std::uint64_t seed = 0x9e3779b97f4a7c15ULL;
};

// The q-quantile of sorted values, interpolating linearly between order statistics
// (Hyndman-Fan type 7, the default of R and NumPy). NaN when empty.
[[nodiscard]] double quantile_sorted(const std::vector<double>& sorted, double q);

// Percentile bootstrap interval of the mean of `values` (NaN bounds when empty).
[[nodiscard]] Interval bootstrap_mean(const std::vector<double>& values,
                                      const BootstrapOptions& options = {});

// Percentile bootstrap interval of mean(b) - mean(a), each side resampled independently
// (NaN bounds when either side is empty).
[[nodiscard]] Interval bootstrap_difference(const std::vector<double>& a, const std::vector<double>& b,
                                            const BootstrapOptions& options = {});

// The Mann-Whitney U test of a against b.
struct MannWhitney {
  double u = 0;        // U of sample a: pairs (x in a, y in b) with x > y, ties counting one half
  double p = 1;        // two-sided p-value
  bool exact = false;  // p from the exact distribution (no ties, small samples), else normal
};

// Two-sided test; p = 1 when either sample is empty or every value is tied.
[[nodiscard]] MannWhitney mann_whitney(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace ptplab::reports::compare
