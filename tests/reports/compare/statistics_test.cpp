// Statistics against hand-computed values: summaries, quantiles, bootstrap intervals and the
// Mann-Whitney U test (exact and normal-approximation p-values).
#include "reports/compare/statistics.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

namespace ptplab::reports::compare {
namespace {

TEST(Summarize, MeanSampleStddevMinMax) {
  const Summary s = summarize({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_EQ(s.n, 8u);
  EXPECT_DOUBLE_EQ(s.mean, 5);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(32.0 / 7));  // squared deviations sum to 32
  EXPECT_DOUBLE_EQ(s.min, 2);
  EXPECT_DOUBLE_EQ(s.max, 9);
}

TEST(Summarize, OneValueHasZeroSpreadAndNoneIsNaN) {
  EXPECT_DOUBLE_EQ(summarize({3}).stddev, 0);
  EXPECT_TRUE(std::isnan(summarize({}).mean));
}

TEST(Quantile, InterpolatesBetweenOrderStatistics) {
  EXPECT_DOUBLE_EQ(quantile_sorted({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_sorted({1, 2, 3, 4}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_sorted({1, 2, 3, 4}, 0), 1);
  EXPECT_DOUBLE_EQ(quantile_sorted({1, 2, 3, 4}, 1), 4);
  EXPECT_TRUE(std::isnan(quantile_sorted({}, 0.5)));
}

TEST(Bootstrap, ConstantSamplesGiveAPointInterval) {
  const Interval m = bootstrap_mean({5, 5, 5});
  EXPECT_DOUBLE_EQ(m.lo, 5);
  EXPECT_DOUBLE_EQ(m.hi, 5);
  const Interval d = bootstrap_difference({1, 1}, {3, 3});
  EXPECT_DOUBLE_EQ(d.lo, 2);
  EXPECT_DOUBLE_EQ(d.hi, 2);
}

TEST(Bootstrap, TwoValueSampleCoversBothEnds) {
  // Resample means of {0, 10}: 0 (p 1/4), 5 (1/2), 10 (1/4); the 95% interval spans [0, 10].
  const Interval m = bootstrap_mean({0, 10});
  EXPECT_DOUBLE_EQ(m.lo, 0);
  EXPECT_DOUBLE_EQ(m.hi, 10);
}

TEST(Bootstrap, SameSeedSameIntervalAndEmptyIsNaN) {
  const std::vector<double> a = {1.2, 3.4, 2.2, 5.1, 0.7};
  const std::vector<double> b = {2.0, 4.4, 3.9, 6.0, 2.5};
  const Interval first = bootstrap_difference(a, b);
  const Interval second = bootstrap_difference(a, b);
  EXPECT_EQ(first.lo, second.lo);
  EXPECT_EQ(first.hi, second.hi);
  EXPECT_TRUE(first.contains(summarize(b).mean - summarize(a).mean));
  EXPECT_TRUE(std::isnan(bootstrap_difference({}, b).lo));
}

TEST(Bootstrap, HigherConfidenceIsWider) {
  const std::vector<double> a = {1, 4, 2, 8, 5, 7};
  BootstrapOptions narrow;
  narrow.confidence = 0.5;
  const Interval n = bootstrap_mean(a, narrow);
  const Interval w = bootstrap_mean(a);
  EXPECT_LE(w.lo, n.lo);
  EXPECT_GE(w.hi, n.hi);
  EXPECT_LT(n.hi - n.lo, w.hi - w.lo);
}

TEST(MannWhitney, CompletelySeparatedSamplesExact) {
  // U = 0; one ordering in C(6,3) = 20 is as extreme on each side: p = 2/20.
  const MannWhitney r = mann_whitney({1, 2, 3}, {4, 5, 6});
  EXPECT_DOUBLE_EQ(r.u, 0);
  EXPECT_NEAR(r.p, 0.1, 1e-12);
  EXPECT_TRUE(r.exact);
}

TEST(MannWhitney, InterleavedSamplesExact) {
  // a = {1,3,5} beats b = {2,4,6} in 3 pairs; P(U <= 3) = (1+1+2+3)/20 = 0.35, p = 0.7.
  const MannWhitney r = mann_whitney({1, 3, 5}, {2, 4, 6});
  EXPECT_DOUBLE_EQ(r.u, 3);
  EXPECT_NEAR(r.p, 0.7, 1e-12);
}

TEST(MannWhitney, TiesUseTheCorrectedNormalApproximation) {
  // Ranks: 1, then the three 2s share 3; U_a = 7 - 6 = 1, mean 4.5,
  // variance 9/12 * (7 - 24/30) = 4.65, z = (3.5 - 0.5)/sqrt(4.65), p = erfc(z/sqrt 2) = 0.16416.
  const MannWhitney r = mann_whitney({1, 2, 2}, {2, 3, 4});
  EXPECT_DOUBLE_EQ(r.u, 1);
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(r.p, 0.1641597, 1e-6);
}

TEST(MannWhitney, DegenerateInputsGiveNoEvidence) {
  EXPECT_DOUBLE_EQ(mann_whitney({}, {1, 2}).p, 1);
  EXPECT_DOUBLE_EQ(mann_whitney({3, 3}, {3, 3, 3}).p, 1);
}

TEST(MannWhitney, LargeSamplesUseTheNormalApproximation) {
  std::vector<double> a, b;
  for (int i = 0; i < 30; ++i) {
    a.push_back(i);
    b.push_back(i + 100);
  }
  const MannWhitney r = mann_whitney(a, b);
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 0);
  EXPECT_LT(r.p, 1e-9);
}

RC_GTEST_PROP(MannWhitneyProp, SwappingSidesMirrorsUAndKeepsP,
              (const std::vector<int>& xs, const std::vector<int>& ys)) {
  RC_PRE(!xs.empty() && !ys.empty() && xs.size() <= 30 && ys.size() <= 30);
  const std::vector<double> a(xs.begin(), xs.end());
  const std::vector<double> b(ys.begin(), ys.end());
  const MannWhitney ab = mann_whitney(a, b);
  const MannWhitney ba = mann_whitney(b, a);
  RC_ASSERT(std::abs(ab.u + ba.u - static_cast<double>(a.size() * b.size())) < 1e-9);
  RC_ASSERT(std::abs(ab.p - ba.p) < 1e-9);
  RC_ASSERT(ab.p >= 0.0);
  RC_ASSERT(ab.p <= 1.0);
}

RC_GTEST_PROP(BootstrapProp, IntervalIsOrderedAndWithinTheSampleRange, (const std::vector<int>& xs)) {
  RC_PRE(!xs.empty() && xs.size() <= 200);
  const std::vector<double> a(xs.begin(), xs.end());
  BootstrapOptions o;
  o.resamples = 500;
  const Interval m = bootstrap_mean(a, o);
  const Summary s = summarize(a);
  RC_ASSERT(m.lo <= m.hi);
  RC_ASSERT(m.lo >= s.min);
  RC_ASSERT(m.hi <= s.max);
}

}  // namespace
}  // namespace ptplab::reports::compare
