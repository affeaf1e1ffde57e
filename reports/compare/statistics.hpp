// Sample summaries and intervals, the vocabulary of run comparison (and of the HTML report's
// sweep and abuse sections).
#pragma once

#include <cmath>
#include <cstddef>
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

// A closed interval [lo, hi] (NaN bounds: no interval could be computed).
struct Interval {
  double lo = 0;
  double hi = 0;
  [[nodiscard]] bool contains(double v) const { return lo <= v && v <= hi; }
  [[nodiscard]] bool known() const { return !std::isnan(lo) && !std::isnan(hi); }
};

}  // namespace ptplab::reports::compare
