// The --fail-if-worse gate: parsing METRIC[:THRESHOLD[%]], and when it fails: worse with
// confidence by more than the threshold, never when inconclusive.
#include "reports/compare/gate.hpp"

#include <gtest/gtest.h>

#include "tests/reports/compare/sides.hpp"

namespace ptplab::reports::compare {
namespace {

// latency_p50_ms (lower is better) or delivery_ratio (higher), compared over A and B.
MetricComparison compared(const std::string& metric, const std::vector<double>& a,
                          const std::vector<double>& b) {
  const auto c = compare_reports(testing::report_of({{metric, a}}), testing::report_of({{metric, b}}), {});
  if (!c || c->points.at(0).metrics.size() != 1) throw std::runtime_error("comparison failed");
  return c->points[0].metrics[0];
}

TEST(ParseGate, MetricAbsoluteAndRelativeThresholds) {
  const auto plain = parse_gate("delivery_ratio");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->metric, "delivery_ratio");
  EXPECT_DOUBLE_EQ(plain->threshold, 0);
  const auto absolute = parse_gate("latency_p50_ms:20");
  ASSERT_TRUE(absolute.has_value());
  EXPECT_EQ(absolute->metric, "latency_p50_ms");
  EXPECT_DOUBLE_EQ(absolute->threshold, 20);
  EXPECT_FALSE(absolute->relative);
  const auto relative = parse_gate("bytes_sent:2.5%");
  ASSERT_TRUE(relative.has_value());
  EXPECT_DOUBLE_EQ(relative->threshold, 2.5);
  EXPECT_TRUE(relative->relative);
  for (const char* bad : {"", ":5", "x:", "x:-1", "x:abc", "x:5%%", "x:inf", "x:1e999"}) {
    EXPECT_FALSE(parse_gate(bad).has_value()) << bad;
  }
}

// A constant +20 ms on six seeds: worse, interval [20, 20].
const std::vector<double> kA = {40, 41, 42, 43, 44, 45};
const std::vector<double> kB = {60, 61, 62, 63, 64, 65};

TEST(ApplyGate, FailsOnlyWhenTheWholeIntervalIsBeyondTheThreshold) {
  const MetricComparison m = compared("latency_p50_ms", kA, kB);
  ASSERT_EQ(m.verdict, Verdict::kWorse);
  EXPECT_EQ(apply_gate({"latency_p50_ms", 0, false}, m).outcome, GateOutcome::kFail);
  EXPECT_EQ(apply_gate({"latency_p50_ms", 19.9, false}, m).outcome, GateOutcome::kFail);
  EXPECT_EQ(apply_gate({"latency_p50_ms", 20, false}, m).outcome, GateOutcome::kPass);  // not *more* than 20
  EXPECT_EQ(apply_gate({"latency_p50_ms", 1000, false}, m).outcome, GateOutcome::kPass);
  // Relative to mean(A) = 42.5: 20 ms is 47.06 %.
  EXPECT_EQ(apply_gate({"latency_p50_ms", 47, true}, m).outcome, GateOutcome::kFail);
  EXPECT_EQ(apply_gate({"latency_p50_ms", 47.1, true}, m).outcome, GateOutcome::kPass);
  const GateResult fail = apply_gate({"latency_p50_ms", 1, false}, m);
  EXPECT_EQ(fail.line, "FAIL latency_p50_ms: worse by more than 1 ms (B - A +20 [20, 20], 6/6 runs paired)");
}

TEST(ApplyGate, AnUncertainEffectAboveTheThresholdDoesNotFail) {
  // Worse by 10 on average, but the interval reaches down to about 4.4: with a threshold of 5,
  // B is not shown to be worse by more than 5.
  const MetricComparison m = compared("latency_p50_ms", kA, {45, 58, 49, 60, 50, 54});
  ASSERT_EQ(m.verdict, Verdict::kWorse);
  ASSERT_GT(m.difference.estimate, 5);
  ASSERT_LT(m.difference.ci.lo, 5);
  EXPECT_EQ(apply_gate({"latency_p50_ms", 5, false}, m).outcome, GateOutcome::kPass);
}

TEST(ApplyGate, HigherIsBetterMetricsFailWhenTheyDrop) {
  const MetricComparison m =
      compared("delivery_ratio", {0.99, 0.98, 0.99, 0.97, 0.99, 0.98}, {0.89, 0.88, 0.89, 0.87, 0.89, 0.88});
  ASSERT_EQ(m.verdict, Verdict::kWorse);
  EXPECT_EQ(apply_gate({"delivery_ratio", 0.05, false}, m).outcome, GateOutcome::kFail);
  EXPECT_EQ(apply_gate({"delivery_ratio", 0.2, false}, m).outcome, GateOutcome::kPass);
  EXPECT_EQ(apply_gate({"delivery_ratio", 0, false}, compared("delivery_ratio", kB, kA)).outcome,
            GateOutcome::kFail);
  EXPECT_EQ(apply_gate({"delivery_ratio", 0, false}, compared("delivery_ratio", kA, kB)).outcome,
            GateOutcome::kPass);  // better
}

TEST(ApplyGate, InconclusiveDoesNotFailAndSaysSo) {
  const MetricComparison m = compared("latency_p50_ms", {40, 41}, {400, 401});
  ASSERT_EQ(m.verdict, Verdict::kInconclusive);
  const GateResult r = apply_gate({"latency_p50_ms", 0, false}, m);
  EXPECT_EQ(r.outcome, GateOutcome::kInconclusive);
  EXPECT_EQ(r.line.rfind("inconclusive latency_p50_ms: fewer than 6 runs a side, so the gate cannot decide", 0), 0u)
      << r.line;
}

TEST(ApplyGate, RelativeThresholdAgainstAZeroMeanCountsAnyWorseningAsInfinite) {
  const MetricComparison m = compared("drops_rate_limited", {0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1});
  ASSERT_EQ(m.verdict, Verdict::kWorse);
  EXPECT_EQ(apply_gate({"drops_rate_limited", 500, true}, m).outcome, GateOutcome::kFail);
}

}  // namespace
}  // namespace ptplab::reports::compare
