// Comparison of two sets of runs: verdicts by metric direction, too few runs, metric selection,
// and the text/HTML output; plus reading per-run metrics from report files.
#include "reports/compare/comparison.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "reports/compare/comparison_output.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports::compare {
namespace {

RunMetrics side(std::map<std::string, std::vector<double>> values, std::size_t runs) {
  RunMetrics m;
  m.values = std::move(values);
  m.runs = runs;
  return m;
}

const MetricComparison& find(const Comparison& c, const std::string& name) {
  for (const auto& m : c.metrics) {
    if (m.metric == name) return m;
  }
  throw std::runtime_error("no metric " + name);
}

TEST(Direction, CatalogMetrics) {
  EXPECT_EQ(better_direction("delivery_ratio"), Better::kHigher);
  EXPECT_EQ(better_direction("honest_delivery_ratio"), Better::kHigher);
  EXPECT_EQ(better_direction("nat_success_ratio"), Better::kHigher);
  EXPECT_EQ(better_direction("latency_p99_ms"), Better::kLower);
  EXPECT_EQ(better_direction("latency_ms.p50"), Better::kLower);
  EXPECT_EQ(better_direction("bytes_per_delivered_message"), Better::kLower);
  EXPECT_EQ(better_direction("drops_rate_limited"), Better::kLower);
  EXPECT_EQ(better_direction("peers_table_max"), Better::kLower);
  EXPECT_EQ(better_direction("messages_sent"), Better::kNeither);
  EXPECT_EQ(better_direction("sim.simulated_ns"), Better::kNeither);
}

TEST(Compare, SeparatedSidesGetBetterOrWorseByDirection) {
  const auto c = compare_metrics(
      side({{"latency_p50_ms", {100, 102, 101}}, {"delivery_ratio", {0.9, 0.91, 0.92}}}, 3),
      side({{"latency_p50_ms", {121, 122, 123}}, {"delivery_ratio", {0.99, 0.98, 0.99}}}, 3), {});
  ASSERT_TRUE(c.has_value()) << c.error();
  const auto& latency = find(*c, "latency_p50_ms");
  EXPECT_DOUBLE_EQ(latency.difference, 122 - 101);
  EXPECT_GT(latency.difference_ci.lo, 0);
  EXPECT_EQ(latency.verdict, Verdict::kWorse);  // B is slower
  EXPECT_NEAR(latency.test.p, 0.1, 1e-12);      // exact MW for 3 vs 3, fully separated
  EXPECT_NEAR(latency.relative, 21.0 / 101, 1e-12);
  EXPECT_EQ(find(*c, "delivery_ratio").verdict, Verdict::kBetter);
}

TEST(Compare, OverlappingSidesAreTheSame) {
  const auto c = compare_metrics(side({{"latency_p50_ms", {100, 140, 120, 90}}}, 4),
                                 side({{"latency_p50_ms", {110, 130, 95, 125}}}, 4), {});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(find(*c, "latency_p50_ms").verdict, Verdict::kSame);
}

TEST(Compare, OneRunPerSideCannotTellNoise) {
  const auto c = compare_metrics(side({{"bytes_sent", {10}}}, 1), side({{"bytes_sent", {20}}}, 1), {});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(find(*c, "bytes_sent").verdict, Verdict::kTooFewRuns);
}

TEST(Compare, DirectionlessMetricThatDiffersIsDifferent) {
  const auto c =
      compare_metrics(side({{"messages_sent", {10, 10}}}, 2), side({{"messages_sent", {20, 20}}}, 2), {});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(find(*c, "messages_sent").verdict, Verdict::kDifferent);
}

TEST(Compare, SelectionAndMetricsOnOneSide) {
  const auto a = side({{"x_bytes", {1, 2}}, {"only_a", {1}}}, 2);
  const auto b = side({{"x_bytes", {1, 2}}, {"only_b", {1}}}, 2);
  const auto all = compare_metrics(a, b, {});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->metrics.size(), 1u);
  EXPECT_EQ(all->only_in_a, std::vector<std::string>{"only_a"});
  EXPECT_EQ(all->only_in_b, std::vector<std::string>{"only_b"});
  const auto missing = compare_metrics(a, b, {"only_a"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error(), "metric 'only_a' is not in B");
}

TEST(CompareOutput, TextAndHtmlShowEveryMetricWithItsVerdict) {
  auto c = compare_metrics(side({{"latency_p50_ms", {100, 102, 101}}}, 3),
                           side({{"latency_p50_ms", {121, 122, 123}}}, 3), {});
  ASSERT_TRUE(c.has_value());
  c->a_path = "a.db";
  c->b_path = "b<1>.db";
  const std::string text = comparison_text(*c);
  EXPECT_NE(text.find("latency_p50_ms"), std::string::npos);
  EXPECT_NE(text.find("worse"), std::string::npos);
  EXPECT_NE(text.find("+21 ["), std::string::npos);
  const std::string page = comparison_html(*c);
  EXPECT_NE(page.find("<tr class=\"fail\">"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("b&lt;1&gt;.db"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos);
}

TEST(RunMetricsFile, ReadsScalarsStatisticsAndExpectationsOfCompleteRuns) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("ptplab_compare_test_" + std::to_string(::getpid()) + ".db"))
          .string();
  {
    WriterOptions options;
    options.truncate = true;
    auto w = ReportWriter::open(path, options);
    ASSERT_TRUE(w.has_value()) << w.error();
    for (int seed = 1; seed <= 3; ++seed) {
      ASSERT_TRUE(w->begin_run({"s", "{}", static_cast<std::uint64_t>(seed), "0", "t", ""}).has_value());
      w->add(ScalarRecord{"metrics", "delivery_ratio", 0.5 + seed * 0.1});
      w->add(ScalarRecord{"sim", "retransmissions", 4.0 * seed});
      w->add(StatisticRecord{"latency_ms", 10, 5, 1, 1, 9, 4.0 + seed, 8, 9});
      w->add(ExpectationRecord{"custom_metric", "<", 3, 0, 2.0, true});
      ASSERT_TRUE(w->finish_run({seed == 3 ? RunStatus::kInterrupted : RunStatus::kComplete, "t", 0, 1, 1, 0})
                      .has_value());
    }
  }
  const auto m = read_run_metrics(path);
  ASSERT_TRUE(m.has_value()) << m.error();
  EXPECT_EQ(m->runs, 2u);  // the interrupted run is left out
  EXPECT_EQ(m->values.at("delivery_ratio"), (std::vector<double>{0.6, 0.7}));
  EXPECT_EQ(m->values.at("sim.retransmissions"), (std::vector<double>{4, 8}));
  EXPECT_EQ(m->values.at("latency_ms.p50"), (std::vector<double>{5, 6}));
  EXPECT_EQ(m->values.at("custom_metric"), (std::vector<double>{2, 2}));
  std::filesystem::remove(path);
}

TEST(RunMetricsFile, SeveralSweepPointsAreKeptApartAndSelectedByBaseName) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("ptplab_compare_sweep_test_" + std::to_string(::getpid()) + ".db"))
                               .string();
  {
    WriterOptions options;
    options.truncate = true;
    auto w = ReportWriter::open(path, options);
    ASSERT_TRUE(w.has_value()) << w.error();
    for (const int fanout : {2, 4}) {
      for (const int seed : {1, 2}) {
        const std::string point =
            "/nodes/0/params/gossip_fanout=" + std::to_string(fanout) + " seed=" + std::to_string(seed);
        ASSERT_TRUE(w->begin_run({"s", "{}", static_cast<std::uint64_t>(seed), "0", "t", point}).has_value());
        w->add(ScalarRecord{"metrics", "latency_p50_ms", 100.0 / fanout + seed});
        ASSERT_TRUE(w->finish_run({RunStatus::kComplete, "t", 0, 1, 1, 0}).has_value());
      }
    }
  }
  const auto m = read_run_metrics(path);
  ASSERT_TRUE(m.has_value()) << m.error();
  EXPECT_EQ(m->values.at("latency_p50_ms @ gossip_fanout=2"), (std::vector<double>{51, 52}));
  EXPECT_EQ(m->values.at("latency_p50_ms @ gossip_fanout=4"), (std::vector<double>{26, 27}));
  EXPECT_EQ(base_metric("latency_p50_ms @ gossip_fanout=4"), "latency_p50_ms");
  const auto c = compare_metrics(*m, *m, {"latency_p50_ms"});
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->metrics.size(), 2u);
  EXPECT_EQ(c->metrics[0].better, Better::kLower);
  EXPECT_EQ(c->metrics[0].verdict, Verdict::kSame);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ptplab::reports::compare
