// Paired and Welch intervals against references computed exactly with mpmath (40 digits; the
// t quantile solved from the incomplete-beta CDF, see student_t_test.cpp), e.g. for the paired
// case: d = b - a, m = mean(d), h = t(0.975, n-1) * sd(d) / sqrt(n), interval [m - h, m + h].
#include "reports/compare/difference.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

namespace ptplab::reports::compare {
namespace {

constexpr double kTolerance = 1e-9;

TEST(PairedDifference, MatchesTheExactReference) {
  // d = 0.5, 0.3, 0.6, 0.4, 0.3, 0.6: mean 0.45, sd 0.1378, t(0.975, 5) = 2.5705818356363155.
  const Difference d =
      paired_difference({10.1, 9.8, 10.4, 10.0, 9.7, 10.3}, {10.6, 10.1, 11.0, 10.4, 10.0, 10.9}, 0.95);
  EXPECT_EQ(d.pairing, Pairing::kPaired);
  EXPECT_EQ(d.n_a, 6u);
  EXPECT_DOUBLE_EQ(d.df, 5);
  EXPECT_NEAR(d.estimate, 0.45, kTolerance);
  EXPECT_NEAR(d.ci.lo, 0.30534527977492749, kTolerance);
  EXPECT_NEAR(d.ci.hi, 0.59465472022507251, kTolerance);
}

TEST(WelchDifference, MatchesTheExactReferences) {
  // Variances 4.667/7 and 14/6: df = 7.7388535031847134 (Welch-Satterthwaite, not an integer).
  const Difference d = welch_difference({1, 2, 3, 4, 5, 6, 7}, {3, 5, 7, 9, 11, 13}, 0.95);
  EXPECT_EQ(d.pairing, Pairing::kUnpaired);
  EXPECT_NEAR(d.estimate, 4, kTolerance);
  EXPECT_NEAR(d.df, 7.7388535031847134, kTolerance);
  EXPECT_NEAR(d.ci.lo, -0.017698821850565319, kTolerance);
  EXPECT_NEAR(d.ci.hi, 8.0176988218505653, kTolerance);
  EXPECT_TRUE(d.ci.contains(0));  // just: the reference's lower bound is below 0
  // Unequal sizes (10 and 20 values) and variances.
  const Difference e = welch_difference({19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0},
                                        {28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7,
                                         23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 23.9, 13.3},
                                        0.95);
  EXPECT_NEAR(e.estimate, 2.22, kTolerance);
  EXPECT_NEAR(e.df, 24.524634944257348, kTolerance);
  EXPECT_NEAR(e.ci.lo, 0.16354134987944412, kTolerance);
  EXPECT_NEAR(e.ci.hi, 4.2764586501205559, kTolerance);
}

TEST(Difference, StudentsSleepDataAsPrintedByR) {
  // The textbook example: Student (1908), Cushny & Peebles' sleep data (R's `sleep`), extra
  // hours of sleep of 10 patients under two drugs. R prints, for group 1 - group 2,
  //   t.test(extra ~ group, data = sleep, paired = TRUE): 95% CI -2.4598858 -0.7001142, df 9
  //   t.test(extra ~ group, data = sleep):                95% CI -3.3654832  0.2054832, df 17.776
  // Here B - A with A = group 1, so the intervals are mirrored.
  const std::vector<double> drug1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  const std::vector<double> drug2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
  const Difference paired = paired_difference(drug1, drug2, 0.95);
  EXPECT_NEAR(paired.estimate, 1.58, 1e-12);
  EXPECT_NEAR(paired.ci.lo, 0.7001142, 1e-7);
  EXPECT_NEAR(paired.ci.hi, 2.4598858, 1e-7);
  const Difference welch = welch_difference(drug1, drug2, 0.95);
  EXPECT_NEAR(welch.df, 17.776, 1e-3);
  EXPECT_NEAR(welch.ci.lo, -0.2054832, 1e-7);
  EXPECT_NEAR(welch.ci.hi, 3.3654832, 1e-7);
  // Pairing by patient turns "not shown" (Welch's interval holds 0) into a clear difference.
  EXPECT_TRUE(welch.ci.contains(0));
  EXPECT_FALSE(paired.ci.contains(0));
}

TEST(Difference, NoSpreadGivesTheSingleDifferenceAndTooFewRunsNoInterval) {
  const Difference constant_shift = paired_difference({10, 20, 30}, {50, 60, 70}, 0.95);
  EXPECT_DOUBLE_EQ(constant_shift.ci.lo, 40);
  EXPECT_DOUBLE_EQ(constant_shift.ci.hi, 40);
  const Difference constant_sides = welch_difference({40, 40}, {80, 80, 80}, 0.95);
  EXPECT_DOUBLE_EQ(constant_sides.ci.lo, 40);
  EXPECT_DOUBLE_EQ(constant_sides.ci.hi, 40);
  const Difference one_pair = paired_difference({1}, {2}, 0.95);
  EXPECT_DOUBLE_EQ(one_pair.estimate, 1);
  EXPECT_FALSE(one_pair.ci.known());
  EXPECT_FALSE(welch_difference({1}, {2, 3}, 0.95).ci.known());
  EXPECT_TRUE(std::isnan(paired_difference({1, 2}, {1}, 0.95).estimate));  // not pairs
}

// Two samples of the same size (3..30) of moderate values.
struct Samples {
  std::vector<double> a, b;
};
rc::Gen<Samples> samples() {
  return rc::gen::mapcat(rc::gen::inRange<std::size_t>(3, 31), [](std::size_t n) {
    auto side = rc::gen::container<std::vector<double>>(
        n, rc::gen::map(rc::gen::inRange(-100000, 100000), [](int v) { return v / 100.0; }));
    return rc::gen::map(rc::gen::pair(side, side), [](const auto& p) { return Samples{p.first, p.second}; });
  });
}

RC_GTEST_PROP(DifferenceProp, SwappingSidesNegatesTheInterval, ()) {
  const Samples s = *samples();
  for (const auto f : {&paired_difference, &welch_difference}) {
    const Difference ab = f(s.a, s.b, 0.95);
    const Difference ba = f(s.b, s.a, 0.95);
    RC_ASSERT(std::abs(ab.estimate + ba.estimate) < 1e-9);
    RC_ASSERT(std::abs(ab.ci.lo + ba.ci.hi) < 1e-6);
    RC_ASSERT(std::abs(ab.ci.hi + ba.ci.lo) < 1e-6);
  }
}

RC_GTEST_PROP(DifferenceProp, ShiftingBShiftsTheIntervalAndItHoldsTheEstimate, ()) {
  const Samples s = *samples();
  const double shift = *rc::gen::inRange(-1000, 1000);
  std::vector<double> shifted = s.b;
  for (auto& v : shifted) v += shift;
  for (const auto f : {&paired_difference, &welch_difference}) {
    const Difference d = f(s.a, s.b, 0.95);
    const Difference e = f(s.a, shifted, 0.95);
    RC_ASSERT(std::abs(e.ci.lo - d.ci.lo - shift) < 1e-6);
    RC_ASSERT(std::abs(e.ci.hi - d.ci.hi - shift) < 1e-6);
    RC_ASSERT(d.ci.lo <= d.estimate);
    RC_ASSERT(d.estimate <= d.ci.hi);
  }
}

RC_GTEST_PROP(DifferenceProp, HigherConfidenceIsWiderAndPairingACopyIsExact, ()) {
  const Samples s = *samples();
  const Difference narrow = welch_difference(s.a, s.b, 0.8);
  const Difference wide = welch_difference(s.a, s.b, 0.99);
  RC_ASSERT(wide.ci.lo <= narrow.ci.lo);
  RC_ASSERT(wide.ci.hi >= narrow.ci.hi);
  // B = A + 3 run by run: every seed moved by exactly 3, so the paired interval is [3, 3].
  std::vector<double> moved = s.a;
  for (auto& v : moved) v += 3;
  const Difference p = paired_difference(s.a, moved, 0.95);
  RC_ASSERT(std::abs(p.ci.lo - 3) < 1e-9);
  RC_ASSERT(std::abs(p.ci.hi - 3) < 1e-9);
}

}  // namespace
}  // namespace ptplab::reports::compare
