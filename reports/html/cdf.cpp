// Empirical CDFs (see cdf.hpp).
#include "reports/html/cdf.hpp"

#include <algorithm>
#include <cmath>

namespace ptplab::reports::html {

std::vector<Point> cdf_of_samples(std::vector<double> samples) {
  std::erase_if(samples, [](double v) { return !std::isfinite(v); });
  std::vector<Point> out;
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  const double n = static_cast<double>(samples.size());
  out.push_back({samples.front(), 0.0});
  for (std::size_t i = 0; i < samples.size(); ++i) {
    // Ties collapse onto their last occurrence, where the ECDF has its value.
    if (i + 1 < samples.size() && samples[i + 1] == samples[i]) continue;
    out.push_back({samples[i], static_cast<double>(i + 1) / n});
  }
  return out;
}

std::vector<Point> cdf_of_bins(std::vector<Bin> bins, double lowest) {
  std::erase_if(bins, [](const Bin& b) { return !std::isfinite(b.upper) || !(b.count >= 0); });
  std::sort(bins.begin(), bins.end(), [](const Bin& a, const Bin& b) { return a.upper < b.upper; });
  double total = 0;
  for (const auto& b : bins) total += b.count;
  std::vector<Point> out;
  if (!(total > 0)) return out;
  out.push_back({std::isfinite(lowest) ? lowest : bins.front().upper, 0.0});
  double seen = 0;
  for (const auto& b : bins) {
    seen += b.count;
    out.push_back({b.upper, seen / total});
  }
  return out;
}

}  // namespace ptplab::reports::html
