// Empirical CDFs from samples and from histogram bins.
#include "reports/html/cdf.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

namespace ptplab::reports::html {
namespace {

TEST(CdfOfSamples, StepsAtEachDistinctValueTiesCollapsed) {
  const auto pts = cdf_of_samples({3, 1, 2, 2});
  ASSERT_EQ(pts.size(), 4u);
  EXPECT_DOUBLE_EQ(pts[0].x, 1);
  EXPECT_DOUBLE_EQ(pts[0].y, 0);
  EXPECT_DOUBLE_EQ(pts[1].x, 1);
  EXPECT_DOUBLE_EQ(pts[1].y, 0.25);
  EXPECT_DOUBLE_EQ(pts[2].x, 2);
  EXPECT_DOUBLE_EQ(pts[2].y, 0.75);
  EXPECT_DOUBLE_EQ(pts[3].x, 3);
  EXPECT_DOUBLE_EQ(pts[3].y, 1);
}

TEST(CdfOfSamples, EmptyAndNonFiniteGiveNothing) {
  EXPECT_TRUE(cdf_of_samples({}).empty());
  EXPECT_TRUE(cdf_of_samples({NAN, INFINITY}).empty());
}

TEST(CdfOfSamples, SingleSample) {
  const auto pts = cdf_of_samples({7});
  ASSERT_EQ(pts.size(), 2u);
  EXPECT_DOUBLE_EQ(pts[1].x, 7);
  EXPECT_DOUBLE_EQ(pts[1].y, 1);
}

TEST(CdfOfBins, CumulativeShareAtUpperEdges) {
  const auto pts = cdf_of_bins({{20, 1}, {10, 3}, {30, 0}}, 0);
  ASSERT_EQ(pts.size(), 4u);
  EXPECT_DOUBLE_EQ(pts[0].x, 0);
  EXPECT_DOUBLE_EQ(pts[0].y, 0);
  EXPECT_DOUBLE_EQ(pts[1].x, 10);
  EXPECT_DOUBLE_EQ(pts[1].y, 0.75);
  EXPECT_DOUBLE_EQ(pts[2].y, 1);
  EXPECT_DOUBLE_EQ(pts[3].y, 1);
  EXPECT_TRUE(cdf_of_bins({{10, 0}}, 0).empty());
}

RC_GTEST_PROP(CdfProp, NonDecreasingFromZeroToOne, (const std::vector<double>& samples)) {
  const auto pts = cdf_of_samples(samples);
  bool any_finite = false;
  for (const double v : samples) any_finite = any_finite || std::isfinite(v);
  RC_ASSERT(pts.empty() == !any_finite);
  if (pts.empty()) return;
  RC_ASSERT(pts.front().y == 0.0);
  RC_ASSERT(pts.back().y == 1.0);
  for (std::size_t i = 1; i < pts.size(); ++i) {
    RC_ASSERT(pts[i].x >= pts[i - 1].x);
    RC_ASSERT(pts[i].y > pts[i - 1].y);
  }
}

}  // namespace
}  // namespace ptplab::reports::html
