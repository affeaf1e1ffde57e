// Student's t distribution with real degrees of freedom (Welch's intervals need non-integer
// ones): the CDF through the regularized incomplete beta function, and its quantile. Source:
// Abramowitz & Stegun 26.7.1 (t as an incomplete beta) and Numerical Recipes, 3rd ed., 6.4
// (the continued fraction, evaluated by Lentz's method).
#pragma once

namespace ptplab::reports::compare {

// I_x(a, b), the regularized incomplete beta function, for a, b > 0 and x in [0, 1]; NaN
// outside that domain. Relative error about 1e-14.
[[nodiscard]] double regularized_incomplete_beta(double x, double a, double b);

// P(T <= t) for T with `df` > 0 degrees of freedom (NaN when df <= 0 or t is NaN).
[[nodiscard]] double student_t_cdf(double t, double df);

// The t with P(T <= t) = p, for p in (0, 1) and df > 0 (NaN otherwise), by bisection on the
// tail; relative error below 1e-12 while |t| < 2^200 (for df >= 1 that holds for any p a
// confidence level gives; Welch's df are >= 1).
[[nodiscard]] double student_t_quantile(double p, double df);

}  // namespace ptplab::reports::compare
