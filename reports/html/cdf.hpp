// Empirical cumulative distribution functions, as step-series points for a line chart, from raw
// samples (per-delivery latencies) or from histogram bins (summary-mode runs).
#pragma once

#include <vector>

#include "reports/html/chart.hpp"

namespace ptplab::reports::html {

// The ECDF of the finite samples: a point (x, share of samples <= x) per distinct value, preceded
// by (smallest, 0) so the first jump shows. Empty for no finite sample.
[[nodiscard]] std::vector<Point> cdf_of_samples(std::vector<double> samples);

// One histogram bin: samples in (previous upper edge, upper], `count` of them.
struct Bin {
  double upper = 0;
  double count = 0;
};

// The CDF at each bin's upper edge (bins sorted by edge first); starts at (lowest, 0) where
// `lowest` is the lower edge of the first bin. Empty when the bins hold no sample.
[[nodiscard]] std::vector<Point> cdf_of_bins(std::vector<Bin> bins, double lowest);

}  // namespace ptplab::reports::html
