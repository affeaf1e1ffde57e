// The birthday bound: the probability that n identifiers drawn uniformly from 2^bits values are
// not all distinct, 1 - prod_{i<n} (1 - i/2^bits); the reference curve for measured collisions.
#pragma once

#include <vector>

#include "reports/html/chart.hpp"

namespace ptplab::reports::html {

// P(at least one collision among n ids of `bits` random bits); 1 when n > 2^bits.
[[nodiscard]] double birthday_collision_probability(double n, int bits);

// The curve for `bits` at about `points` values of n from 1 to n_max (log-spaced).
[[nodiscard]] std::vector<Point> birthday_curve(double n_max, int bits, int points);

}  // namespace ptplab::reports::html
