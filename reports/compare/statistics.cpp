// Sample summaries (see statistics.hpp).
#include "reports/compare/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ptplab::reports::compare {

Summary summarize(const std::vector<double>& values) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (values.empty()) return {0, kNaN, kNaN, kNaN, kNaN};
  Summary s;
  s.n = values.size();
  double sum = 0;
  for (const double x : values) sum += x;
  s.mean = sum / static_cast<double>(values.size());
  s.min = *std::min_element(values.begin(), values.end());
  s.max = *std::max_element(values.begin(), values.end());
  double squares = 0;
  for (const double x : values) squares += (x - s.mean) * (x - s.mean);
  s.stddev = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
  return s;
}

}  // namespace ptplab::reports::compare
