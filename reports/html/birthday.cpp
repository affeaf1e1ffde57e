// The birthday bound (see birthday.hpp).
#include "reports/html/birthday.hpp"

#include <algorithm>
#include <cmath>

namespace ptplab::reports::html {
namespace {

// Up to this many factors the product is computed term by term.
constexpr double kExactTermsMax = 1e5;

}  // namespace

double birthday_collision_probability(double n, int bits) {
  if (!(n >= 2)) return 0;
  const double space = std::ldexp(1.0, bits);
  if (n > space) return 1;
  n = std::floor(n);
  double log_distinct = 0;
  if (n <= kExactTermsMax) {
    for (double i = 1; i < n; ++i) log_distinct += std::log1p(-i / space);
  } else {
    // log(1 - x) = -(x + x^2/2 + x^3/3 + ...), x = i/2^bits, summed over i < n in closed form.
    // Where x stays below 1e-2 the omitted terms are below 1e-6 of the sum; where it does not,
    // n > 1e5 makes the first term alone exceed 500, so the probability is 1 either way.
    const double s1 = n * (n - 1) / 2;                // sum of i
    const double s2 = (n - 1) * n * (2 * n - 1) / 6;  // sum of i^2
    const double s3 = s1 * s1;                        // sum of i^3
    log_distinct = -(s1 / space + s2 / (2 * space * space) + s3 / (3 * space * space * space));
  }
  return -std::expm1(log_distinct);
}

std::vector<Point> birthday_curve(double n_max, int bits, int points) {
  std::vector<Point> out;
  if (!(n_max >= 1) || points < 2) return out;
  const double log_max = std::log(n_max);
  double last_n = 0;
  for (int k = 0; k < points; ++k) {
    const double n = std::round(std::exp(log_max * k / (points - 1)));
    if (n == last_n) continue;
    last_n = n;
    out.push_back({n, birthday_collision_probability(n, bits)});
  }
  return out;
}

}  // namespace ptplab::reports::html
