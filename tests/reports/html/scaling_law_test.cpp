// The scaling law of a node-count sweep (reports/html/scaling_law.hpp): which sweeps have one, a
// series per protocol reading named by what differs, log axes past a decade of n, and points
// that did not run, did not finish or cannot go on a log axis flagged, never drawn as zero.
#include "reports/html/scaling_law.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "tests/reports/html/fixture.hpp"

namespace ptplab::reports::html {
namespace {

using testing::contains;

// The `/nodes` array of a reading: servers, members and others, `params` in each group.
std::string law_nodes(const nlohmann::json& params) {
  auto group = [&](const char* name, int count) {
    nlohmann::json g = {{"name", name}, {"count", count}};
    if (!params.empty()) g["params"] = params;
    return g;
  };
  return nlohmann::json::array({group("servers", 10), group("members", 980), group("others", 10)}).dump();
}

const nlohmann::json kMesh = {{"propagation", "mesh"}, {"routing_advert", "sample"}};
const nlohmann::json kSpec = nlohmann::json::object();

// A run of the law sweep: reading `params`, `others` nodes besides the 990 fixed ones.
RunData law_run(const nlohmann::json& params, int others, const std::string& status,
                std::map<std::string, double> metrics) {
  RunData r;
  r.summary.run.status = status;
  r.summary.run.simulated_seconds = status == "complete" ? 30 : 1.5;
  r.summary.run.wall_seconds = 42;
  r.summary.run.sweep_point =
      "/nodes=" + law_nodes(params) + " /nodes/2/count=" + std::to_string(others) + " seed=71";
  r.summary.params = {{"/duration", "\"30s\""},
                      {"/nodes/0/count", "10"},
                      {"/nodes/1/count", "980"},
                      {"/nodes/2/count", std::to_string(others)}};
  r.metrics = std::move(metrics);
  return r;
}

std::map<std::string, double> law_metrics(double datagrams, double delivery) {
  return {{"datagrams_per_delivered_message", datagrams},
          {"bytes_per_delivered_message", datagrams * 300},
          {"delivery_ratio", delivery},
          {"latency_p99_ms", 120},
          {"members_joined", 1000}};
}

// Mesh at n = 1,000, 10,000 and 100,000; spec-literal complete at 1,000, timed out at 10,000,
// not run at 100,000.
std::vector<RunData> law_runs() {
  return {law_run(kMesh, 10, "complete", law_metrics(50, 0.99)),
          law_run(kMesh, 9010, "complete", law_metrics(60, 0.98)),
          law_run(kMesh, 99010, "complete", law_metrics(70, 0.97)),
          law_run(kSpec, 10, "complete", law_metrics(3000, 0.97)), law_run(kSpec, 9010, "timed_out", {})};
}

TEST(ScalingLaw, ASweepThatSetsNoNodeCountHasNone) {
  RunData r;
  r.summary.run.status = "complete";
  r.summary.run.sweep_point = "/nodes/0/params/gossip_fanout=4 seed=1";
  r.summary.params = {{"/nodes/0/count", "100"}};
  RunData s = r;
  s.summary.run.sweep_point = "/nodes/0/params/gossip_fanout=8 seed=1";
  EXPECT_FALSE(scaling_law({r, s}).has_value());
}

TEST(ScalingLaw, ASeriesPerReadingNamedByWhatDiffersOverTheGridOfN) {
  const std::vector<RunData> runs = law_runs();  // the law points into them
  const auto law = scaling_law(runs);
  ASSERT_TRUE(law.has_value());
  EXPECT_EQ(law->ns, (std::vector<double>{1000, 10000, 100000}));
  ASSERT_EQ(law->series.size(), 2u);
  // The parameters set in all three groups are named once; the counts and names, equal in both
  // readings, not at all.
  EXPECT_EQ(law->series[0].name, "propagation=mesh, routing_advert=sample");
  EXPECT_EQ(law->series[1].name, "spec-literal (defaults)");
  for (const auto& s : law->series) EXPECT_EQ(s.points.size(), 3u);
}

TEST(ScalingLaw, LogAxesPastADecadeOfNElseLinearXUnlessAsked) {
  const std::vector<RunData> runs = law_runs();  // the law points into them
  const auto law = scaling_law(runs);
  ASSERT_TRUE(law.has_value());
  EXPECT_TRUE(law->log_x);
  const LineChart chart = law_chart(*law, Metric::kDatagramsPerDeliveredMessage);
  EXPECT_EQ(chart.x.kind, ScaleKind::kLog);
  EXPECT_EQ(chart.y.kind, ScaleKind::kLog);

  const std::vector<RunData> narrow = {law_run(kMesh, 10, "complete", law_metrics(50, 0.99)),
                                       law_run(kMesh, 4010, "complete", law_metrics(55, 0.99))};
  const auto linear = scaling_law(narrow);
  ASSERT_TRUE(linear.has_value());
  EXPECT_FALSE(linear->log_x);
  EXPECT_EQ(law_chart(*linear, Metric::kDeliveryRatio).x.kind, ScaleKind::kLinear);
  EXPECT_TRUE(scaling_law(narrow, true)->log_x);
  // One reading: named by the parameters it sets, not by every leaf of its groups.
  EXPECT_EQ(linear->series.at(0).name, "propagation=mesh, routing_advert=sample");
}

TEST(ScalingLaw, PointsThatDidNotRunOrFinishAreFlaggedNotDrawn) {
  const std::vector<RunData> runs = law_runs();  // the law points into them
  const auto law = scaling_law(runs);
  ASSERT_TRUE(law.has_value());
  const auto& spec = law->series[1].points;
  EXPECT_EQ(spec[0].state, LawState::kFinished);
  EXPECT_EQ(spec[1].state, LawState::kUnfinished);
  EXPECT_EQ(spec[1].why, "did not finish: timed_out at 1.5 simulated s after 42 s wall");
  EXPECT_EQ(spec[2].state, LawState::kNotRun);
  EXPECT_EQ(spec[2].why, "not run");

  const LineChart chart = law_chart(*law, Metric::kDatagramsPerDeliveredMessage);
  ASSERT_EQ(chart.series.size(), 2u);
  EXPECT_EQ(chart.series[0].points.size(), 3u);
  ASSERT_EQ(chart.series[1].points.size(), 1u);  // only n = 1,000 finished
  EXPECT_EQ(chart.series[1].points[0].x, 1000);
  EXPECT_EQ(chart.series[1].points[0].y, 3000);
  ASSERT_EQ(chart.missing.size(), 2u);
  EXPECT_EQ(chart.missing[0].series, 1u);
  EXPECT_EQ(chart.missing[0].x, 10000);
  EXPECT_EQ(chart.missing[1].x, 100000);
  EXPECT_EQ(chart.missing[1].why, "not run");

  const std::string html = render(chart);
  EXPECT_TRUE(contains(html, "stroke-dasharray=\"2 2\""));
  // Two readings missing at the same n: both markers drawn, the second stacked above the first.
  LineChart both = chart;
  both.missing.push_back({0, 100000, "not run"});
  const std::string stacked = render(both);
  const auto markers = [&](const std::string& h) {
    std::size_t k = 0;
    for (auto i = h.find("stroke-dasharray=\"2 2\""); i != std::string::npos;
         i = h.find("stroke-dasharray=\"2 2\"", i + 1))
      ++k;
    return k;
  };
  EXPECT_EQ(markers(stacked), markers(html) + 1);
  EXPECT_TRUE(contains(stacked, "r=\"5\" fill=\"#ffffff\""));
  const auto first = stacked.find("stroke-dasharray=\"2 2\"");
  const auto cy = [&](std::size_t at) {
    const auto c = stacked.rfind("cy=\"", at);
    return stacked.substr(c, stacked.find('"', c + 4) - c);
  };
  std::set<std::string> heights;
  for (auto i = first; i != std::string::npos; i = stacked.find("stroke-dasharray=\"2 2\"", i + 1))
    heights.insert(cy(i));
  EXPECT_EQ(heights.size(), 2u);  // on the axis, and one marker-height above it
  EXPECT_TRUE(contains(html,
                       "Not drawn (open dashed markers on the x axis): spec-literal (defaults) at n = 10k: "
                       "did not finish: timed_out"));
  EXPECT_TRUE(contains(html, "spec-literal (defaults) at n = 100k: not run."));
}

TEST(ScalingLaw, AZeroOrAbsentValueIsFlaggedNotDrawnOnALogAxis) {
  std::vector<RunData> runs = law_runs();
  runs[1].metrics["delivery_ratio"] = 0;
  runs[2].metrics.erase("delivery_ratio");
  const auto law = scaling_law(runs);
  ASSERT_TRUE(law.has_value());
  const LineChart chart = law_chart(*law, Metric::kDeliveryRatio);
  EXPECT_EQ(chart.series[0].points.size(), 1u);
  for (const auto& s : chart.series) {
    for (const auto& p : s.points) EXPECT_GT(p.y, 0);
  }
  ASSERT_EQ(chart.missing.size(), 4u);
  EXPECT_EQ(chart.missing[0].why, "value 0, not drawn on a log axis");
  EXPECT_EQ(chart.missing[1].why, "finished with no delivery, so no value");

  // A report written before the metric existed: deliveries, no value.
  runs[2].metrics["delivered_messages"] = 5000;
  const auto older = scaling_law(runs);
  ASSERT_TRUE(older.has_value());
  EXPECT_EQ(law_chart(*older, Metric::kDeliveryRatio).missing[1].why,
            "finished, but its report has no value of this metric (written by a ptplab without it)");
}

TEST(ScalingLaw, TheSectionHasAChartPerLawMetricAndATableOfEveryPoint) {
  const std::vector<RunData> runs = law_runs();  // the law points into them
  const auto law = scaling_law(runs);
  ASSERT_TRUE(law.has_value());
  const std::string html = law_html(*law);
  for (const auto metric : kLawMetrics) {
    EXPECT_TRUE(contains(html, std::string(metric_name(metric)) + " against the node count n"));
  }
  EXPECT_TRUE(contains(html, "<td>not run</td>"));
  EXPECT_TRUE(contains(html, "did not finish: timed_out"));
}

}  // namespace
}  // namespace ptplab::reports::html
