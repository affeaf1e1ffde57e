// Samples: exact nearest-rank percentiles, and streaming ones within their bucket precision.
#include "scenarios/metrics/sample.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>

namespace ptplab::scenarios {
namespace {

TEST(Sample, ExactNearestRank) {
  Sample s(true);
  for (const int v : {50, 10, 40, 20, 30}) s.add(v);
  const auto sum = s.summary();
  EXPECT_EQ(sum.count, 5u);
  EXPECT_DOUBLE_EQ(sum.mean, 30);
  EXPECT_DOUBLE_EQ(sum.p50, 30);
  EXPECT_DOUBLE_EQ(sum.p90, 50);
  EXPECT_DOUBLE_EQ(sum.min, 10);
  EXPECT_DOUBLE_EQ(sum.max, 50);
  EXPECT_NEAR(sum.stddev, std::sqrt(250.0), 1e-9);
}

TEST(Sample, ConstantValuesAreExactInStreamingMode) {
  Sample s(false);
  for (int i = 0; i < 1000; ++i) s.add(20'000'000);
  EXPECT_DOUBLE_EQ(s.percentile(0.5), 20'000'000);
  EXPECT_DOUBLE_EQ(s.percentile(0.99), 20'000'000);
}

TEST(Sample, BinsHoldEveryValue) {
  Sample s(true);
  for (int i = 0; i < 100; ++i) s.add(i);
  std::uint64_t total = 0;
  for (const auto& b : s.bins(10)) total += b.count;
  EXPECT_EQ(total, 100u);
}

RC_GTEST_PROP(Sample, StreamingPercentilesWithinTwoPercentOfExact, ()) {
  const auto values = *rc::gen::nonEmpty(rc::gen::container<std::vector<std::int64_t>>(
      rc::gen::inRange<std::int64_t>(0, std::int64_t{1} << 40)));
  Sample exact(true), streaming(false);
  for (const auto v : values) {
    exact.add(v);
    streaming.add(v);
  }
  for (const double q : {0.5, 0.9, 0.99, 1.0}) {
    const double e = exact.percentile(q), a = streaming.percentile(q);
    RC_ASSERT(a >= e);
    RC_ASSERT(a <= e * 1.02 + 1);
  }
}

}  // namespace
}  // namespace ptplab::scenarios
