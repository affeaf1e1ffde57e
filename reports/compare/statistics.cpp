// Summaries, bootstrap intervals and the Mann-Whitney U test (see statistics.hpp).
#include "reports/compare/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/rng.hpp"

namespace ptplab::reports::compare {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The exact U distribution is tabulated up to this many values per side; larger samples use the
// normal approximation, which is already good there.
constexpr std::size_t kExactSideMax = 25;
// Resamples at most, whatever the options say, so a bootstrap stays a fraction of a second.
constexpr std::size_t kResamplesMax = 100'000;

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (const double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// The mean of a resample (with replacement) of v.
double resampled_mean(const std::vector<double>& v, Rng& rng) {
  double sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i) sum += v[rng.below(v.size())];
  return sum / static_cast<double>(v.size());
}

Interval percentile_interval(std::vector<double> stats, double confidence) {
  std::sort(stats.begin(), stats.end());
  const double alpha = 1 - std::clamp(confidence, 0.0, 1.0);
  return {quantile_sorted(stats, alpha / 2), quantile_sorted(stats, 1 - alpha / 2)};
}

// counts[u]: how many of the C(n1 + n2, n1) orderings of two tie-free samples give U = u.
std::vector<double> exact_u_counts(std::size_t n1, std::size_t n2) {
  // f[i][j] is the distribution for sizes (i, j): f(i, j, u) = f(i-1, j, u-j) + f(i, j-1, u)
  // (the largest value is from sample a, beating all j of b, or from sample b).
  std::vector<std::vector<std::vector<double>>> f(n1 + 1, std::vector<std::vector<double>>(n2 + 1));
  for (std::size_t i = 0; i <= n1; ++i) {
    for (std::size_t j = 0; j <= n2; ++j) {
      auto& cur = f[i][j];
      cur.assign(i * j + 1, 0.0);
      if (i == 0 || j == 0) {
        cur[0] = 1;
        continue;
      }
      for (std::size_t u = 0; u <= i * j; ++u) {
        if (u >= j && u - j < f[i - 1][j].size()) cur[u] += f[i - 1][j][u - j];
        if (u < f[i][j - 1].size()) cur[u] += f[i][j - 1][u];
      }
    }
  }
  return f[n1][n2];
}

}  // namespace

Summary summarize(const std::vector<double>& values) {
  Summary s;
  s.n = values.size();
  if (values.empty()) return {0, kNaN, kNaN, kNaN, kNaN};
  s.mean = mean_of(values);
  s.min = *std::min_element(values.begin(), values.end());
  s.max = *std::max_element(values.begin(), values.end());
  double squares = 0;
  for (const double x : values) squares += (x - s.mean) * (x - s.mean);
  s.stddev = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
  return s;
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double h = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Interval bootstrap_mean(const std::vector<double>& values, const BootstrapOptions& options) {
  if (values.empty()) return {kNaN, kNaN};
  Rng rng(options.seed);
  const std::size_t resamples = std::clamp<std::size_t>(options.resamples, 1, kResamplesMax);
  std::vector<double> means(resamples);
  for (auto& m : means) m = resampled_mean(values, rng);
  return percentile_interval(std::move(means), options.confidence);
}

Interval bootstrap_difference(const std::vector<double>& a, const std::vector<double>& b,
                              const BootstrapOptions& options) {
  if (a.empty() || b.empty()) return {kNaN, kNaN};
  Rng rng(options.seed);
  const std::size_t resamples = std::clamp<std::size_t>(options.resamples, 1, kResamplesMax);
  std::vector<double> differences(resamples);
  for (auto& d : differences) {
    const double ma = resampled_mean(a, rng);
    d = resampled_mean(b, rng) - ma;
  }
  return percentile_interval(std::move(differences), options.confidence);
}

MannWhitney mann_whitney(const std::vector<double>& a, const std::vector<double>& b) {
  MannWhitney r;
  if (a.empty() || b.empty()) return r;
  const std::size_t n1 = a.size();
  const std::size_t n2 = b.size();
  // Ranks over the pooled sample, ties sharing their mean rank.
  std::vector<std::pair<double, bool>> pooled;  // (value, from a)
  for (const double x : a) pooled.emplace_back(x, true);
  for (const double y : b) pooled.emplace_back(y, false);
  std::sort(pooled.begin(), pooled.end(), [](const auto& l, const auto& rr) { return l.first < rr.first; });
  double rank_sum_a = 0;
  double tie_term = 0;  // sum over tie groups of t^3 - t
  for (std::size_t i = 0; i < pooled.size();) {
    std::size_t j = i;
    while (j < pooled.size() && pooled[j].first == pooled[i].first) ++j;
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k) {
      if (pooled[k].second) rank_sum_a += mean_rank;
    }
    const double t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    i = j;
  }
  const double d1 = static_cast<double>(n1);
  const double d2 = static_cast<double>(n2);
  r.u = rank_sum_a - d1 * (d1 + 1) / 2;
  const double mu = d1 * d2 / 2;

  if (tie_term == 0 && n1 <= kExactSideMax && n2 <= kExactSideMax) {
    const std::vector<double> counts = exact_u_counts(n1, n2);
    double total = 0, below = 0, above = 0;
    const auto u = static_cast<std::size_t>(std::llround(r.u));
    for (std::size_t k = 0; k < counts.size(); ++k) {
      total += counts[k];
      if (k <= u) below += counts[k];
      if (k >= u) above += counts[k];
    }
    r.p = std::min(1.0, 2 * std::min(below, above) / total);
    r.exact = true;
    return r;
  }
  const double n = d1 + d2;
  const double variance = d1 * d2 / 12 * ((n + 1) - tie_term / (n * (n - 1)));
  if (!(variance > 0)) return r;
  // Continuity correction of one half, as R's wilcox.test does.
  const double z = std::max(0.0, std::abs(r.u - mu) - 0.5) / std::sqrt(variance);
  r.p = std::min(1.0, std::erfc(z / std::sqrt(2.0)));
  return r;
}

}  // namespace ptplab::reports::compare
