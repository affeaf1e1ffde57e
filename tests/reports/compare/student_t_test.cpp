// Student's t quantiles against exact references: closed forms for 1 and 2 degrees of freedom,
// and for the others mpmath at 40 digits, solving the incomplete-beta form of the CDF:
//   python3 -c "import mpmath as mp; mp.mp.dps=40; df=mp.mpf('7.5'); print(mp.findroot(lambda t:
//     1 - mp.betainc(df/2, 0.5, 0, df/(df+t*t), regularized=True)/2 - mp.mpf('0.975'), 2))"
// (printed values agree with the textbook tables: t(0.975, 9) = 2.262, t(0.975, 30) = 2.042).
#include "reports/compare/student_t.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <numbers>

namespace ptplab::reports::compare {
namespace {

constexpr double kQuantileTolerance = 1e-10;

TEST(StudentT, QuantilesMatchExactReferences) {
  struct Case {
    double p, df, t;
  };
  const Case cases[] = {
      {0.975, 1, 12.706204736174705},   {0.975, 2, 4.3026527297494639},   {0.975, 4, 2.7764451051977944},
      {0.975, 5, 2.5705818356363155},   {0.975, 9, 2.2621571627982055},   {0.975, 30, 2.0422724563012383},
      {0.975, 7.5, 2.3330396268649746}, {0.975, 2.3, 3.8071632082321321}, {0.975, 200, 1.9718962236339094},
      {0.995, 10, 3.1692726726169512},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(student_t_quantile(c.p, c.df), c.t, kQuantileTolerance) << "p " << c.p << " df " << c.df;
    EXPECT_NEAR(student_t_quantile(1 - c.p, c.df), -c.t, kQuantileTolerance) << "lower tail, df " << c.df;
  }
}

TEST(StudentT, ClosedFormsForOneAndTwoDegreesOfFreedom) {
  // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/pi; df = 2: t = (2p-1)/sqrt(2p(1-p)).
  for (const double p : {0.6, 0.9, 0.975, 0.999}) {
    EXPECT_NEAR(student_t_quantile(p, 1), std::tan(std::numbers::pi * (p - 0.5)),
                1e-9 * (1 + std::abs(std::tan(std::numbers::pi * (p - 0.5)))));
    EXPECT_NEAR(student_t_quantile(p, 2), (2 * p - 1) / std::sqrt(2 * p * (1 - p)), 1e-10);
    EXPECT_NEAR(student_t_cdf(std::tan(std::numbers::pi * (p - 0.5)), 1), p, 1e-13);
  }
}

TEST(StudentT, CdfAtZeroIsHalfAndDomainErrorsAreNaN) {
  EXPECT_DOUBLE_EQ(student_t_cdf(0, 3), 0.5);
  EXPECT_DOUBLE_EQ(student_t_quantile(0.5, 3), 0);
  EXPECT_TRUE(std::isnan(student_t_quantile(0, 3)));
  EXPECT_TRUE(std::isnan(student_t_quantile(1, 3)));
  EXPECT_TRUE(std::isnan(student_t_quantile(0.9, 0)));
  EXPECT_TRUE(std::isnan(student_t_cdf(1, -1)));
}

TEST(IncompleteBeta, KnownIdentities) {
  // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1-x)^b; I_{1/2}(a, a) = 1/2.
  for (const double x : {0.1, 0.37, 0.5, 0.93}) {
    EXPECT_NEAR(regularized_incomplete_beta(x, 1, 1), x, 1e-14);
    EXPECT_NEAR(regularized_incomplete_beta(x, 3.5, 1), std::pow(x, 3.5), 1e-14);
    EXPECT_NEAR(regularized_incomplete_beta(x, 1, 2.5), 1 - std::pow(1 - x, 2.5), 1e-14);
  }
  EXPECT_NEAR(regularized_incomplete_beta(0.5, 7.25, 7.25), 0.5, 1e-14);
  EXPECT_TRUE(std::isnan(regularized_incomplete_beta(1.5, 1, 1)));
}

RC_GTEST_PROP(StudentTProp, QuantileInvertsTheCdf, ()) {
  // Welch's degrees of freedom are at least min(n_a, n_b) - 1 >= 1.
  const double df = *rc::gen::inRange(100, 100000) / 100.0;  // 1 .. 1000
  const double p = *rc::gen::inRange(1, 1000) / 1000.0;      // 0.001 .. 0.999
  const double t = student_t_quantile(p, df);
  RC_ASSERT(std::abs(student_t_cdf(t, df) - p) < 1e-9);
  RC_ASSERT(std::abs(student_t_quantile(1 - p, df) + t) < 1e-9 * (1 + std::abs(t)));
}

RC_GTEST_PROP(StudentTProp, MoreDegreesOfFreedomGiveNarrowerQuantiles, ()) {
  const double df = *rc::gen::inRange(1, 10000) / 10.0;
  RC_ASSERT(student_t_quantile(0.975, df + 1) < student_t_quantile(0.975, df));
  RC_ASSERT(student_t_quantile(0.975, df) > 1.959963984540054);  // the normal quantile
}

}  // namespace
}  // namespace ptplab::reports::compare
