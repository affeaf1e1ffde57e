// The birthday bound against hand-computed and published values.
#include "reports/html/birthday.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ptplab::reports::html {
namespace {

TEST(Birthday, SmallCasesByHand) {
  EXPECT_DOUBLE_EQ(birthday_collision_probability(2, 1), 0.5);               // 1 - (1 - 1/2)
  EXPECT_NEAR(birthday_collision_probability(3, 2), 1 - 0.75 * 0.5, 1e-15);  // 1 - (3/4)(2/4)
  EXPECT_DOUBLE_EQ(birthday_collision_probability(1, 8), 0);
  EXPECT_DOUBLE_EQ(birthday_collision_probability(0, 8), 0);
  EXPECT_DOUBLE_EQ(birthday_collision_probability(5, 2), 1);  // more ids than values
}

TEST(Birthday, MatchesTheValuesQuotedInTheIssues) {
  EXPECT_NEAR(birthday_collision_probability(1000, 16), 0.99953, 1e-5);
  EXPECT_NEAR(birthday_collision_probability(10000, 32), 0.011573, 1e-6);
  // 50% at n ~ 1.1774 * 2^(b/2).
  EXPECT_NEAR(birthday_collision_probability(std::round(1.1774 * 65536), 32), 0.5, 1e-3);
}

TEST(Birthday, LargeNUsesTheSeriesWithoutLosingPrecision) {
  // 10^6 ids of 64 bits: p ~ n(n-1)/2^65.
  const double n = 1e6;
  EXPECT_NEAR(birthday_collision_probability(n, 64) / (n * (n - 1) / std::ldexp(1.0, 65)), 1.0, 1e-6);
  // 10^6 ids of 36 bits: ~ 1 - exp(-n^2 / 2^37) = 0.9993.
  EXPECT_NEAR(birthday_collision_probability(n, 36), -std::expm1(-n * n / std::ldexp(1.0, 37)), 1e-4);
  // 2 * 10^5 ids of 24 bits: certain.
  EXPECT_DOUBLE_EQ(birthday_collision_probability(2e5, 24), 1.0);
}

TEST(Birthday, CurveIsIncreasingAndLogSpaced) {
  const auto pts = birthday_curve(1e5, 32, 40);
  ASSERT_GE(pts.size(), 30u);
  EXPECT_DOUBLE_EQ(pts.front().x, 1);
  EXPECT_DOUBLE_EQ(pts.back().x, 1e5);
  for (std::size_t i = 1; i < pts.size(); ++i) {
    EXPECT_GT(pts[i].x, pts[i - 1].x);
    EXPECT_GE(pts[i].y, pts[i - 1].y);
  }
  EXPECT_TRUE(birthday_curve(0, 32, 40).empty());
}

}  // namespace
}  // namespace ptplab::reports::html
