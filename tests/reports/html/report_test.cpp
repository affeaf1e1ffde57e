// The whole HTML report over a fixture report file: every section present, charts drawn where
// the fixture has data, recorded text escaped, nothing external.
#include "reports/html/report.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "fixture.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports::html {
namespace {

using testing::contains;

class HtmlReport : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::write_fixture_report(path_)); }
  void TearDown() override { std::filesystem::remove(path_); }
  const std::string path_ = testing::temp_path("report_test.db");
};

TEST_F(HtmlReport, HasEverySectionAndCharts) {
  const auto page = html_report(path_, std::nullopt);
  ASSERT_TRUE(page.has_value()) << page.error();
  for (const char* id : {"summary", "delivery", "latency", "traffic", "drops", "nat", "collisions", "abuse",
                         "sweep", "conformance"}) {
    EXPECT_TRUE(contains(*page, std::string("<section id=\"") + id + "\">")) << id;
  }
  EXPECT_TRUE(contains(*page, "<svg"));
  EXPECT_TRUE(contains(*page, "Propagation latency CDF per propagation policy"));
  EXPECT_TRUE(contains(*page, "gossip (4 runs)"));
  EXPECT_TRUE(contains(*page, "node_id, 16 bits: birthday bound"));
  EXPECT_TRUE(contains(*page, "delivery_ratio against gossip_fanout"));
  EXPECT_TRUE(contains(*page, ">mitigations off</text>"));
  EXPECT_TRUE(contains(*page, "symmetric × symmetric: 0 (0 of 1 attempts)"));
  EXPECT_TRUE(contains(*page, "engine: rate_limited"));
  // Metric values in their unit, with the unit column (review M17: "37.3779k" said neither).
  EXPECT_TRUE(contains(*page, "<tr><th>metric</th><th>value</th><th>unit</th></tr>"));
  EXPECT_TRUE(contains(*page, "<tr><td>delivery_ratio</td><td class=\"num\">"));
  EXPECT_TRUE(contains(*page, "</td><td>ratio</td></tr>"));
  // Per group, from the node rows (peers: 3 of 4 delivered, latencies 100, 150, 200 ms).
  const auto at = page->find("Delivery and latency per group");
  ASSERT_NE(at, std::string::npos);
  const std::string groups = page->substr(at, page->find("</table>", at) - at);
  for (const char* cell : {">peers<", ">0.75<", ">150<", ">200<", ">edge<", ">-<"}) {
    EXPECT_TRUE(contains(groups, cell)) << cell << " in " << groups;
  }
  EXPECT_FALSE(contains(groups, ">flooders<"));  // attackers receive no messages
}

TEST_F(HtmlReport, IsSelfContainedAndEscapesEvidence) {
  const auto page = html_report(path_, std::nullopt);
  ASSERT_TRUE(page.has_value()) << page.error();
  EXPECT_FALSE(contains(*page, "http://"));
  EXPECT_FALSE(contains(*page, "https://"));
  EXPECT_FALSE(contains(*page, "<script"));
  EXPECT_TRUE(contains(*page, "actual: &lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(HtmlReport, RunOptionSelectsTheRunAndUnknownRunIsAnError) {
  const auto page = html_report(path_, RunId{3});
  ASSERT_TRUE(page.has_value()) << page.error();
  EXPECT_TRUE(contains(*page, "Delivery ratio over time (run 3)"));
  EXPECT_TRUE(contains(*page, "Run 3 of 4: the run the per-run charts below show (chosen with --run)"));
  const auto missing = html_report(path_, RunId{99});
  ASSERT_FALSE(missing.has_value());
  EXPECT_TRUE(contains(missing.error(), "no run 99"));
}

// A file appended to three times shows its newest run, and says so (issue 17 item 8); a run
// still running is passed over for the newest complete one.
TEST(HtmlReportNewest, PerRunChartsShowTheNewestCompleteRun) {
  const std::string path = testing::temp_path("newest.db");
  {
    auto w = ReportWriter::open(path, {.truncate = true}).value();
    for (const std::uint64_t seed : {1u, 7u, 9u}) {
      ASSERT_TRUE(w.begin_run({"basic", "{}", seed, "0.1.0", "2026-11-25T17:00:00Z", ""}));
      w.add(ScalarRecord{"metrics", "delivery_ratio", 1.0});
      ASSERT_TRUE(w.finish_run({RunStatus::kComplete, "2026-11-25T17:00:01Z", 0.5, 10, 1000, 0}));
    }
  }
  auto page = html_report(path, std::nullopt);
  ASSERT_TRUE(page.has_value()) << page.error();
  EXPECT_TRUE(contains(*page, "Run 3 of 3: the run the per-run charts below show (the newest complete run"))
      << *page;
  EXPECT_TRUE(contains(*page, "Delivery ratio over time (run 3)"));
  {
    auto w = ReportWriter::open(path).value();
    ASSERT_TRUE(w.begin_run({"basic", "{}", 11, "0.1.0", "2026-11-25T17:00:00Z", ""}));
  }
  page = html_report(path, std::nullopt);
  ASSERT_TRUE(page.has_value()) << page.error();
  EXPECT_TRUE(contains(*page, "Run 3 of 4: the run the per-run charts below show (the newest complete run"));
  std::filesystem::remove(path);
}

TEST(HtmlReportErrors, MissingFileIsAnError) {
  EXPECT_FALSE(html_report(testing::temp_path("does_not_exist.db"), std::nullopt).has_value());
}

TEST(HtmlReportEmpty, FileWithoutRunsShowsOnlyConformanceNote) {
  const std::string path = testing::temp_path("empty.db");
  {
    WriterOptions options;
    options.truncate = true;
    ASSERT_TRUE(ReportWriter::open(path, options).has_value());
  }
  const auto page = html_report(path, std::nullopt);
  ASSERT_TRUE(page.has_value()) << page.error();
  EXPECT_TRUE(contains(*page, "No data: this file holds no conformance results"));
  std::filesystem::remove(path);
}

TEST(HtmlReportSweep, CategoricalSweptValueGivesBarsWithWhiskers) {
  const std::string path = testing::temp_path("categorical.db");
  {
    WriterOptions options;
    options.truncate = true;
    auto w = ReportWriter::open(path, options);
    ASSERT_TRUE(w.has_value()) << w.error();
    for (const char* policy : {"flood", "gossip"}) {
      for (const int seed : {1, 2}) {
        const std::string point =
            std::string("/nodes/0/params/propagation=\"") + policy + "\" seed=" + std::to_string(seed);
        ASSERT_TRUE(w->begin_run({"s", "{}", static_cast<std::uint64_t>(seed), "0", "t", point}).has_value());
        w->add(ScalarRecord{"metrics", "bytes_sent", (policy[0] == 'f' ? 1000.0 : 400.0) + seed});
        ASSERT_TRUE(w->finish_run({RunStatus::kComplete, "t", 0, 1, 1, 0}).has_value());
      }
    }
  }
  const auto page = html_report(path, std::nullopt);
  ASSERT_TRUE(page.has_value()) << page.error();
  EXPECT_TRUE(contains(*page, "<figcaption>bytes_sent per propagation</figcaption><svg"));
  EXPECT_TRUE(contains(*page, "<title>gossip / mean over seeds: 401.5</title>"));
  EXPECT_TRUE(contains(*page, "class=\"whisker\""));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ptplab::reports::html
