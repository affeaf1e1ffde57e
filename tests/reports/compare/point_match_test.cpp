// Reading report files by sweep point and matching points across files: sweep against sweep,
// a plain run against the sweep point with its parameters, and files that share no point.
#include "reports/compare/point_match.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "reports/compare/comparison.hpp"
#include "reports/compare/comparison_output.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports::compare {
namespace {

constexpr std::string_view kFanout = "/nodes/0/params/gossip_fanout";

std::string temp_path(const std::string& tag) {
  return (std::filesystem::temp_directory_path() /
          ("ptplab_compare_" + tag + "_" + std::to_string(::getpid()) + ".db"))
      .string();
}

// One run to write: its seed, sweep label, status and rows.
struct TestRun {
  std::uint64_t seed = 1;
  std::string label;
  std::vector<ParamRecord> params;
  std::vector<ScalarRecord> scalars;
  std::vector<StatisticRecord> statistics;
  RunStatus status = RunStatus::kComplete;
};

// A fresh report file holding `runs`; throws on a writer error.
std::string write_runs(const std::string& tag, const std::vector<TestRun>& runs) {
  const std::string path = temp_path(tag);
  WriterOptions options;
  options.truncate = true;
  auto w = ReportWriter::open(path, options);
  if (!w) throw std::runtime_error(w.error());
  for (const auto& run : runs) {
    if (!w->begin_run({"s", "{}", run.seed, "0", "t", run.label})) throw std::runtime_error("begin_run");
    for (const auto& r : run.params) w->add(r);
    for (const auto& r : run.scalars) w->add(r);
    for (const auto& r : run.statistics) w->add(r);
    if (!w->finish_run({run.status, "t", 0, 1, 1, 0})) throw std::runtime_error("finish_run");
  }
  return path;
}

// A report with `seeds` runs at each fanout (a sweep), or at `plain_fanout` without a sweep label
// when `fanouts` is empty. latency_p50_ms = 100 / fanout + seed.
std::string write_report(const std::string& tag, const std::vector<int>& fanouts, int seeds,
                         int plain_fanout = 3) {
  std::vector<TestRun> runs;
  const bool sweep = !fanouts.empty();
  for (const int fanout : sweep ? fanouts : std::vector<int>{plain_fanout}) {
    for (int seed = 1; seed <= seeds; ++seed) {
      const std::string label =
          sweep ? std::string(kFanout) + "=" + std::to_string(fanout) + " seed=" + std::to_string(seed) : "";
      runs.push_back({static_cast<std::uint64_t>(seed),
                      label,
                      {{"/seed", std::to_string(seed)}, {std::string(kFanout), std::to_string(fanout)}},
                      {{"metrics", "latency_p50_ms", 100.0 / fanout + seed}},
                      {}});
    }
  }
  return write_runs(tag, runs);
}

TEST(ReadReportRuns, GroupsRunsBySweepPointWithTheirSeedsAndParameters) {
  const std::string path = write_report("read", {2, 4}, 2);
  const auto r = read_report_runs(path);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(r->runs, 4u);
  ASSERT_EQ(r->points.size(), 2u);
  EXPECT_EQ(r->points[0].label, "/nodes/0/params/gossip_fanout=2");
  EXPECT_EQ(r->points[0].swept, std::vector<std::string>{std::string(kFanout)});
  EXPECT_EQ(r->points[0].seeds, (std::vector<std::uint64_t>{1, 2}));
  const auto& values = r->points[1].values.at("latency_p50_ms");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[1].seed, 2u);
  EXPECT_DOUBLE_EQ(values[1].value, 27);
  std::filesystem::remove(path);
}

TEST(ReadReportRuns, ARepeatedSeedIsLeftOutAndListed) {
  std::vector<TestRun> runs;
  for (const std::uint64_t seed : {1, 2, 1}) {
    runs.push_back({seed,
                    "",
                    {},
                    {{"metrics", "delivery_ratio", 0.5 + static_cast<double>(seed) * 0.1}},
                    {{"latency_ms", 10, 5, 1, 1, 9, 4.0 + static_cast<double>(seed), 8, 9}}});
  }
  // An interrupted run is left out while complete runs exist.
  runs.push_back({9, "", {}, {{"metrics", "delivery_ratio", 0.1}}, {}, RunStatus::kInterrupted});
  const std::string path = write_runs("repeat", runs);
  const auto r = read_report_runs(path);
  ASSERT_TRUE(r.has_value()) << r.error();
  ASSERT_EQ(r->points.size(), 1u);
  EXPECT_EQ(r->points[0].seeds, (std::vector<std::uint64_t>{1, 2}));
  ASSERT_EQ(r->points[0].repeated.size(), 1u);
  EXPECT_EQ(r->points[0].repeated[0].run, 3);
  EXPECT_EQ(r->points[0].repeated[0].first, 1);
  EXPECT_EQ(r->points[0].repeated[0].seed, 1u);
  const auto c = compare_reports(*r, *r, {});
  ASSERT_TRUE(c.has_value()) << c.error();
  EXPECT_NE(
      comparison_text(*c).find("A: run 3 left out: it repeats run 1 (seed 1, same scenario and parameters"),
      std::string::npos)
      << comparison_text(*c);
  EXPECT_EQ(r->points[0].values.at("delivery_ratio").size(), 2u);
  EXPECT_DOUBLE_EQ(r->points[0].values.at("latency_ms.p50")[1].value, 6);
  std::filesystem::remove(path);
}

TEST(ReadReportRuns, RunsThatDifferInMoreThanTheirSeedAreFlagged) {
  std::vector<TestRun> runs;
  for (const std::uint64_t seed : {1, 2, 3}) {
    runs.push_back({seed,
                    "",
                    {{"/seed", std::to_string(seed)}, {"/network/loss/rate", seed == 3 ? "0.2" : "0"}},
                    {{"metrics", "delivery_ratio", 1}},
                    {}});
  }
  const std::string path = write_runs("mixed", runs);
  const auto r = read_report_runs(path);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(r->points.at(0).differing_params, std::vector<std::string>{"/network/loss/rate"});
  const auto c = compare_reports(*r, *r, {});
  ASSERT_TRUE(c.has_value());
  EXPECT_NE(
      comparison_text(*c).find("warning: A's runs here differ in /network/loss/rate, not only in their seed"),
      std::string::npos)
      << comparison_text(*c);
  std::filesystem::remove(path);
}

TEST(ReadReportRuns, RunsOfOneSeedWithDifferentParametersAreAnErrorNamingThem) {
  // `ptplab run --set /network/loss/rate=R --report a.db` three times: compare used to take the
  // first run and leave the other two out as "repeats" of seed 1.
  std::vector<TestRun> runs;
  for (const std::string rate : {"0", "0.1", "0.2"}) {
    runs.push_back(
        {1, "", {{"/seed", "1"}, {"/network/loss/rate", rate}}, {{"metrics", "delivery_ratio", 1}}, {}});
  }
  const std::string path = write_runs("configs", runs);
  const auto r = read_report_runs(path);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(
      r.error().find("runs 1, 2 and 3 ran seed 1 as different configurations (/network/loss/rate 0, 0.1 "
                     "and 0.2)"),
      std::string::npos)
      << r.error();
  EXPECT_NE(r.error().find("its own report file"), std::string::npos) << r.error();
  std::filesystem::remove(path);
}

TEST(ReadReportRuns, RunsOfDifferentScenariosAreFlagged) {
  // Every smoke scenario run into one report with its own seed: not seeds of one configuration.
  const std::string path = temp_path("scenarios");
  {
    WriterOptions options;
    options.truncate = true;
    auto w = ReportWriter::open(path, options);
    ASSERT_TRUE(w.has_value()) << w.error();
    for (const std::uint64_t seed : {1, 2}) {
      ASSERT_TRUE(w->begin_run({seed == 1 ? "basic" : "faults", "{}", seed, "0", "t", ""}));
      w->add(ScalarRecord{"metrics", "delivery_ratio", 1});
      ASSERT_TRUE(w->finish_run({RunStatus::kComplete, "t", 0, 1, 1, 0}));
    }
  }
  const auto r = read_report_runs(path);
  ASSERT_TRUE(r.has_value()) << r.error();
  EXPECT_EQ(r->scenario, "basic, faults");
  EXPECT_EQ(r->points.at(0).differing_params, std::vector<std::string>{"the scenario"});
  std::filesystem::remove(path);
}

TEST(ReadReportRuns, PointsAndValuesSortNumerically) {
  // Sorted as text, 10 came before 4 and 0.1 after 0.05 reads as 0.1 < 0.05.
  const std::string path = write_report("numeric", {10, 4, 16}, 1);
  const auto r = read_report_runs(path);
  ASSERT_TRUE(r.has_value()) << r.error();
  ASSERT_EQ(r->points.size(), 3u);
  EXPECT_EQ(r->points[0].swept_values, std::vector<std::string>{"4"});
  EXPECT_EQ(r->points[2].swept_values, std::vector<std::string>{"16"});
  const std::string other = write_report("numeric3", {3}, 1);
  const auto c = compare_files(path, other, {});
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().find("A ran 4, 10, 16; B ran 3"), std::string::npos) << c.error();
  EXPECT_TRUE(value_less("0.05", "0.1"));
  EXPECT_TRUE(value_less("20ms", "100ms"));
  EXPECT_FALSE(value_less("100ms", "20ms"));
  EXPECT_TRUE(value_less("abc", "abd"));
  EXPECT_TRUE(value_less("10", "10ms"));
  std::filesystem::remove(path);
  std::filesystem::remove(other);
}

TEST(Comparison, DifferentScenariosGetAWarning) {
  std::vector<TestRun> runs{{1, "", {}, {{"metrics", "delivery_ratio", 1}}, {}}};
  const std::string path = write_runs("scen", runs);
  auto a = read_report_runs(path);
  ASSERT_TRUE(a.has_value()) << a.error();
  auto b = *a;
  b.scenario = "other";
  const auto c = compare_reports(*a, b, {});
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->warnings.size(), 1u);
  EXPECT_EQ(c->warnings[0].rfind("warning: A ran scenario s, B ran scenario other", 0), 0u) << c->warnings[0];
  EXPECT_NE(comparison_text(*c).find(c->warnings[0]), std::string::npos);
  EXPECT_TRUE(compare_reports(*a, *a, {})->warnings.empty());
  std::filesystem::remove(path);
}

TEST(MatchPoints, SweepsMatchByValueAndKeepUnmatchedPointsApart) {
  const std::string a = write_report("sa", {2, 3, 4}, 1);
  const std::string b = write_report("sb", {3, 4, 5}, 1);
  const auto ra = read_report_runs(a);
  const auto rb = read_report_runs(b);
  ASSERT_TRUE(ra && rb);
  const auto m = match_points(*ra, *rb);
  ASSERT_TRUE(m.has_value()) << m.error();
  ASSERT_EQ(m->pairs.size(), 2u);
  EXPECT_EQ(m->pairs[0].label, "gossip_fanout=3");
  EXPECT_EQ(m->pairs[0].a->label, m->pairs[0].b->label);
  EXPECT_EQ(m->only_in_a, std::vector<std::string>{"gossip_fanout=2"});
  EXPECT_EQ(m->only_in_b, std::vector<std::string>{"gossip_fanout=5"});
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

TEST(MatchPoints, APlainRunMeetsTheSweepPointWithItsParameters) {
  const std::string plain = write_report("plain", {}, 6, 4);
  const std::string sweep = write_report("sweep", {2, 4}, 6);
  const auto c = compare_files(plain, sweep, {});
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->points.size(), 1u);
  EXPECT_EQ(c->points[0].label, "gossip_fanout=4");
  EXPECT_EQ(c->points_only_in_b, std::vector<std::string>{"gossip_fanout=2"});
  ASSERT_EQ(c->points[0].metrics.size(), 1u);
  EXPECT_EQ(c->points[0].metrics[0].verdict, Verdict::kNoise);  // same values, seed by seed
  EXPECT_EQ(c->points[0].metrics[0].difference.pairing, Pairing::kPaired);
  std::filesystem::remove(plain);
  std::filesystem::remove(sweep);
}

TEST(MatchPoints, FilesThatShareNoPointAreAnErrorNamingTheValues) {
  const std::string plain = write_report("plain3", {}, 1, 3);
  const std::string sweep = write_report("sweep24", {2, 4}, 1);
  const auto c = compare_files(plain, sweep, {});
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().find("share no point"), std::string::npos) << c.error();
  EXPECT_NE(c.error().find("/nodes/0/params/gossip_fanout: A ran 3; B ran 2, 4"), std::string::npos)
      << c.error();
  std::filesystem::remove(plain);
  std::filesystem::remove(sweep);
}

TEST(MatchPoints, AParameterLeftAtItsDefaultIsNamedAsNotSet) {
  const std::string plain =
      write_runs("unset", {{1, "", {{"/seed", "1"}}, {{"metrics", "delivery_ratio", 1}}, {}}});
  const std::string sweep = write_report("sweep23", {2, 3}, 1);
  const auto c = compare_files(plain, sweep, {});
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().find("/nodes/0/params/gossip_fanout: A ran (not set); B ran 2, 3"), std::string::npos)
      << c.error();
  EXPECT_NE(c.error().find("a parameter left at its default is not recorded"), std::string::npos);
  std::filesystem::remove(plain);
  std::filesystem::remove(sweep);
}

// Two groups' fanouts swept together: each label keeps as much of its pointer as tells it from
// the other (review M9: "gossip_fanout=2 gossip_fanout=5" named neither group).
TEST(MatchPoints, LabelsKeepThePathSuffixThatTellsTwoSweptPointersApart) {
  const std::string one = "/nodes/1/params/gossip_fanout", two = "/nodes/2/params/gossip_fanout";
  std::vector<TestRun> runs;
  for (const int f : {2, 5}) {
    const std::string label = one + "=2 " + two + "=" + std::to_string(f) + " seed=1";
    runs.push_back({1,
                    label,
                    {{"/seed", "1"}, {one, "2"}, {two, std::to_string(f)}},
                    {{"metrics", "delivery_ratio", 1}},
                    {}});
  }
  const std::string path = write_runs("two_groups", runs);
  const auto r = read_report_runs(path);
  ASSERT_TRUE(r.has_value()) << r.error();
  const auto m = match_points(*r, *r);
  ASSERT_TRUE(m.has_value()) << m.error();
  ASSERT_EQ(m->pairs.size(), 2u);
  EXPECT_EQ(m->pairs[0].label, "1/params/gossip_fanout=2 2/params/gossip_fanout=2");
  EXPECT_EQ(m->pairs[1].label, "1/params/gossip_fanout=2 2/params/gossip_fanout=5");
  std::filesystem::remove(path);
}

// A run value stored only when non-zero (sim.messages_unsent) is 0 in a complete run without it:
// the mean covers every run, and the gate sees every run (review M4: mean 1 over "2/3" runs).
TEST(Compare, AValueAbsentWhenNoneIsZeroInTheRunsWithoutIt) {
  std::vector<TestRun> runs;
  for (const std::uint64_t seed : {1, 2, 3}) {
    TestRun run{seed, "", {{"/seed", std::to_string(seed)}}, {{"metrics", "delivery_ratio", 1}}, {}};
    if (seed == 1) run.scalars.push_back({"sim", "messages_unsent", 1});
    runs.push_back(run);
  }
  const std::string path = write_runs("absent_zero", runs);
  const auto c = compare_files(path, path, {"sim.messages_unsent"});
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->points.size(), 1u);
  ASSERT_EQ(c->points[0].metrics.size(), 1u);
  const auto& m = c->points[0].metrics[0];
  EXPECT_EQ(m.difference.n_a, 3u);
  EXPECT_NEAR(m.a.mean, 1.0 / 3.0, 1e-12);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ptplab::reports::compare
