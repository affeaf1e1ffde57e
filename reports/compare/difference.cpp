// Paired and Welch intervals of a difference of means (see difference.hpp).
#include "reports/compare/difference.hpp"

#include <cmath>
#include <limits>

#include "reports/compare/student_t.hpp"

namespace ptplab::reports::compare {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// estimate +- t * se, or the single estimate when se is 0 (no spread: every run agrees).
Interval t_interval(double estimate, double se, double df, double confidence) {
  if (se == 0) return {estimate, estimate};
  const double t = student_t_quantile(1 - (1 - confidence) / 2, df);
  return {estimate - t * se, estimate + t * se};
}

// A Difference of the two sides with no estimate or interval yet.
Difference unknown(Pairing pairing, const std::vector<double>& a, const std::vector<double>& b) {
  return {pairing, a.size(), b.size(), kNaN, kNaN, {kNaN, kNaN}};
}

}  // namespace

std::string_view pairing_name(Pairing p) { return p == Pairing::kPaired ? "paired" : "unpaired"; }

Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b, double confidence) {
  Difference d = unknown(Pairing::kPaired, a, b);
  if (a.size() != b.size() || a.empty()) return d;
  std::vector<double> diffs(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) diffs[i] = b[i] - a[i];
  const Summary s = summarize(diffs);
  d.estimate = s.mean;
  if (s.n < 2) return d;
  d.df = static_cast<double>(s.n - 1);
  d.ci = t_interval(s.mean, s.stddev / std::sqrt(static_cast<double>(s.n)), d.df, confidence);
  return d;
}

Difference welch_difference(const std::vector<double>& a, const std::vector<double>& b, double confidence) {
  Difference d = unknown(Pairing::kUnpaired, a, b);
  const Summary sa = summarize(a);
  const Summary sb = summarize(b);
  d.estimate = a.empty() || b.empty() ? kNaN : sb.mean - sa.mean;
  if (sa.n < 2 || sb.n < 2) return d;
  const double va = sa.stddev * sa.stddev / static_cast<double>(sa.n);
  const double vb = sb.stddev * sb.stddev / static_cast<double>(sb.n);
  const double se2 = va + vb;
  d.df = se2 == 0 ? static_cast<double>(sa.n + sb.n - 2)
                  : se2 * se2 /
                        (va * va / static_cast<double>(sa.n - 1) + vb * vb / static_cast<double>(sb.n - 1));
  d.ci = t_interval(d.estimate, std::sqrt(se2), d.df, confidence);
  return d;
}

}  // namespace ptplab::reports::compare
