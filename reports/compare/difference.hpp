// The difference of means between two sets of runs with its Student t confidence interval:
// paired, on the per-seed differences, when both sides ran the same seeds (the seed fixes the
// topology, the senders and the loss pattern, so pairing removes that shared noise); Welch's
// unpaired interval otherwise. Sources: any statistics textbook, e.g. Wasserman, "All of
// Statistics", 10.3 (paired) and Welch (1947), Biometrika 34 (unequal variances, with the
// Welch-Satterthwaite degrees of freedom).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "reports/compare/statistics.hpp"

namespace ptplab::reports::compare {

// How an interval was computed.
enum class Pairing : unsigned char { kPaired, kUnpaired };

// "paired" or "unpaired".
[[nodiscard]] std::string_view pairing_name(Pairing p);

// mean(B) - mean(A) with its interval.
struct Difference {
  Pairing pairing = Pairing::kUnpaired;
  std::size_t n_a = 0, n_b = 0;  // runs on each side (paired: both the number of pairs)
  double estimate = 0;           // mean(B) - mean(A); NaN when a side is empty
  double df = 0;                 // degrees of freedom of the t quantile (NaN: no interval)
  Interval ci;                   // NaN bounds when a side has fewer than 2 runs
};

// Paired interval: a[i] and b[i] are runs of the same seed (same size required, else an empty
// Difference with NaN estimate). d = b - a; mean(d) +- t(1 - alpha/2, n - 1) * sd(d) / sqrt(n).
// Needs n >= 2 for an interval; when every d is equal the interval is that single value.
[[nodiscard]] Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                                           double confidence);

// Welch's interval: mean(b) - mean(a) +- t(1 - alpha/2, df) * se, se^2 = s_a^2/n_a + s_b^2/n_b,
// df = se^4 / ((s_a^2/n_a)^2/(n_a-1) + (s_b^2/n_b)^2/(n_b-1)). Needs 2 runs a side; when both
// sides are constant the interval is the single difference.
[[nodiscard]] Difference welch_difference(const std::vector<double>& a, const std::vector<double>& b,
                                          double confidence);

}  // namespace ptplab::reports::compare
