// Sample summaries against hand-computed values.
#include "reports/compare/statistics.hpp"

#include <gtest/gtest.h>

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

TEST(IntervalBounds, ContainsIsClosedAndNaNBoundsAreUnknown) {
  const Interval i{1, 2};
  EXPECT_TRUE(i.contains(1));
  EXPECT_TRUE(i.contains(2));
  EXPECT_FALSE(i.contains(2.0000001));
  EXPECT_TRUE(i.known());
  EXPECT_FALSE((Interval{std::nan(""), 1}).known());
}

}  // namespace
}  // namespace ptplab::reports::compare
