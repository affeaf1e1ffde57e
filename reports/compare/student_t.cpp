// Student's t distribution (see student_t.hpp).
#include "reports/compare/student_t.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ptplab::reports::compare {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The continued fraction converges in O(sqrt(max(a, b))) terms; 1000 covers df up to ~1e6.
constexpr int kFractionTermsMax = 1000;
constexpr double kFractionEpsilon = 1e-16;
// Lentz's method replaces a zero denominator by this, to avoid a division by zero.
constexpr double kTiny = 1e-300;
// Bisection halvings: from a bracket of width <= 2^64 down to far below 1e-12.
constexpr int kBisectionStepsMax = 200;

// The continued fraction for I_x(a, b) (Numerical Recipes 6.4.5), by the modified Lentz method.
double beta_fraction(double x, double a, double b) {
  const double qab = a + b;
  const double qap = a + 1;
  const double qam = a - 1;
  double c = 1;
  double d = 1 - qab * x / qap;
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kFractionTermsMax; ++m) {
    const double m2 = 2.0 * m;
    // Even step.
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::abs(step - 1) < kFractionEpsilon) break;
  }
  return h;
}

// P(|T| >= |t|) / 2, the upper tail beyond |t|, computed without cancellation near 0.
double upper_tail(double t, double df) {
  return 0.5 * regularized_incomplete_beta(df / (df + t * t), df / 2, 0.5);
}

}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) return kNaN;
  if (x == 0 || x == 1) return x;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  // The fraction converges fast for x below the mean (a + 1) / (a + b + 2); above it, use the
  // symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
  return 1 - front * beta_fraction(1 - x, b, a) / b;
}

double student_t_cdf(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return kNaN;
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  const double tail = upper_tail(t, df);
  return t > 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df) {
  if (!(df > 0) || !(p > 0) || !(p < 1)) return kNaN;
  if (p == 0.5) return 0;
  // Solve upper_tail(t) = q for t >= 0 (the distribution is symmetric), q the smaller tail.
  const double q = p < 0.5 ? p : 1 - p;
  double lo = 0;
  double hi = 1;
  for (int i = 0; i < kBisectionStepsMax && upper_tail(hi, df) > q; ++i) {
    lo = hi;
    hi *= 2;
  }
  for (int i = 0; i < kBisectionStepsMax && hi - lo > 1e-14 * std::max(1.0, hi); ++i) {
    const double mid = (lo + hi) / 2;
    (upper_tail(mid, df) > q ? lo : hi) = mid;
  }
  const double t = (lo + hi) / 2;
  return p < 0.5 ? -t : t;
}

}  // namespace ptplab::reports::compare
