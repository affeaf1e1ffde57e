// Comparison of two sets of runs: the minimum runs for a verdict, verdicts by direction,
// pairing by seed (and its fallback), metric selection, and the text/HTML output.
#include "reports/compare/comparison.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "reports/compare/comparison_output.hpp"
#include "tests/reports/compare/sides.hpp"

namespace ptplab::reports::compare {
namespace {

using testing::report_of;

const MetricComparison& metric_of(const Comparison& c, const std::string& name) {
  for (const auto& m : c.points.at(0).metrics) {
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

// The sim.* and abuse.* scalars and the statistics have table rows (reports/records/metrics.hpp),
// a dotted suffix naming a part of one; a name in no table has no direction, whatever it reads.
TEST(Direction, RunValuesFromTheirTableNotFromTheName) {
  EXPECT_EQ(better_direction("sim.retransmissions"), Better::kLower);
  EXPECT_EQ(better_direction("sim.gave_up"), Better::kLower);
  EXPECT_EQ(better_direction("sim.signature_failures"), Better::kLower);
  EXPECT_EQ(better_direction("abuse.induced_bytes.HELLO"), Better::kLower);
  EXPECT_EQ(better_direction("abuse.attacker_bytes"), Better::kNeither);
  EXPECT_EQ(better_direction("latency_ms.max"), Better::kLower);
  EXPECT_EQ(better_direction("sim.events"), Better::kNeither);
  EXPECT_EQ(better_direction("sim.not_sent.peers_full"), Better::kLower);
  EXPECT_EQ(better_direction("sim.messages_unsent"), Better::kLower);
  EXPECT_EQ(better_direction("sim.unsent_intended_pairs_under_attack"), Better::kLower);
  EXPECT_EQ(better_direction("sim.skipped_no_sender"), Better::kNeither);
  EXPECT_EQ(better_direction("custom.latency_bytes_drops"), Better::kNeither);
  EXPECT_EQ(better_direction("sim"), Better::kNeither);
}

// Which scalar names the tables allow: metrics, run value keys, and a family's parts (an engine
// reason checked against the reason table).
TEST(Direction, NamedScalarsAreThoseOfTheTables) {
  EXPECT_TRUE(is_named_scalar("metrics", "delivery_ratio"));
  EXPECT_FALSE(is_named_scalar("metrics", "delivery_rate"));
  EXPECT_TRUE(is_named_scalar("sim", "gave_up"));
  EXPECT_TRUE(is_named_scalar("sim", "not_sent.peers_full"));
  EXPECT_FALSE(is_named_scalar("sim", "not_sent.peer_full"));
  EXPECT_FALSE(is_named_scalar("sim", "not_sent"));  // a reason family has parts only
  EXPECT_TRUE(is_named_scalar("abuse", "induced_bytes"));
  EXPECT_TRUE(is_named_scalar("abuse", "induced_bytes.HELLO"));
  EXPECT_FALSE(is_named_scalar("abuse", "gave_up"));  // a sim key under another module
  EXPECT_FALSE(is_named_scalar("sim", "gave_up.HELLO"));
  EXPECT_FALSE(is_named_scalar("", "latency_ms"));
}

// Every table row names itself: Metric and RunValue enumerators index their tables.
TEST(Direction, EnumsIndexTheirTables) {
  EXPECT_EQ(metric_name(Metric::kDeliveryRatio), "delivery_ratio");
  EXPECT_EQ(metric_name(Metric::kVictimDatagramsReceived), "victim_datagrams_received");
  EXPECT_EQ(metric_table().size(), kMetricCount);
  for (const auto& v : run_value_table()) {
    EXPECT_EQ(&run_value_def(v.id), &v);
    EXPECT_EQ(v.key, v.module().empty() ? std::string(v.name())
                                        : std::string(v.module()) + "." + std::string(v.name()));
    EXPECT_EQ(find_run_value(v.key), &v);
    // A family's parts find their row and take its direction.
    if (v.parts != RunValueParts::kNone) {
      EXPECT_EQ(find_run_value(std::string(v.key) + ".x"), &v);
    }
  }
}

TEST(RunsForVerdict, SmallestNWhoseUnanimousSignTestIsSignificant) {
  // 2 * 2^-n: n = 5 gives 0.0625 > 0.05, n = 6 gives 0.03125; at 99%, 2^-7 = 0.0078 (n = 8).
  EXPECT_EQ(runs_for_verdict(0.95), 6u);
  EXPECT_EQ(runs_for_verdict(0.99), 8u);
  EXPECT_EQ(runs_for_verdict(0.5), 2u);
}

TEST(Compare, SameSeedsArePairedAndThePairedIntervalSeesAShiftSeedNoiseHides) {
  // Each seed moves by +1 (+-0.1), while seeds differ among themselves by hundreds: the paired
  // interval excludes 0, the unpaired one (other seeds on B) cannot.
  const std::vector<double> a = {100, 400, 250, 700, 50, 320};
  const std::vector<double> b = {101.1, 400.9, 251, 701.1, 50.9, 321};
  const auto paired =
      compare_reports(report_of({{"latency_p50_ms", a}}), report_of({{"latency_p50_ms", b}}), {});
  ASSERT_TRUE(paired.has_value()) << paired.error();
  const auto& m = metric_of(*paired, "latency_p50_ms");
  EXPECT_EQ(m.difference.pairing, Pairing::kPaired);
  EXPECT_NEAR(m.difference.estimate, 1, 1e-9);
  EXPECT_GT(m.difference.ci.lo, 0.8);
  EXPECT_EQ(m.verdict, Verdict::kWorse);  // B is slower
  const auto unpaired =
      compare_reports(report_of({{"latency_p50_ms", a}}), report_of({{"latency_p50_ms", b}}, 101), {});
  ASSERT_TRUE(unpaired.has_value());
  const auto& u = metric_of(*unpaired, "latency_p50_ms");
  EXPECT_EQ(u.difference.pairing, Pairing::kUnpaired);
  EXPECT_EQ(u.verdict, Verdict::kNoise);
}

TEST(Compare, PartlySharedSeedsArePairedOnTheSharedOnesWhenThereAreEnough) {
  // A ran seeds 1-8, B seeds 3-10: 6 shared (enough to pair), A's means are over seeds 3-8 only.
  const auto c = compare_reports(report_of({{"bytes_sent", {9, 9, 10, 20, 30, 40, 50, 60}}}),
                                 report_of({{"bytes_sent", {11, 21, 31, 41, 51, 61, 0, 0}}}, 3), {});
  ASSERT_TRUE(c.has_value());
  const auto& m = metric_of(*c, "bytes_sent");
  EXPECT_EQ(m.difference.pairing, Pairing::kPaired);
  EXPECT_EQ(m.difference.n_a, 6u);
  EXPECT_DOUBLE_EQ(m.a.mean, 35);
  EXPECT_DOUBLE_EQ(m.b.mean, 36);
  EXPECT_EQ(m.verdict, Verdict::kWorse);
  // Only 5 shared (A 1-8, B 4-11): Welch over all runs.
  const auto few = compare_reports(report_of({{"bytes_sent", {9, 9, 10, 20, 30, 40, 50, 60}}}),
                                   report_of({{"bytes_sent", {21, 31, 41, 51, 61, 0, 0, 0}}}, 4), {});
  ASSERT_TRUE(few.has_value());
  EXPECT_EQ(metric_of(*few, "bytes_sent").difference.pairing, Pairing::kUnpaired);
  EXPECT_EQ(metric_of(*few, "bytes_sent").difference.n_a, 8u);
}

TEST(Compare, SeparatedSidesGetBetterOrWorseByDirection) {
  const auto c = compare_reports(report_of({{"delivery_ratio", {0.90, 0.91, 0.92, 0.90, 0.91, 0.92}},
                                            {"messages_sent", {10, 11, 12, 10, 11, 12}}}),
                                 report_of({{"delivery_ratio", {0.99, 0.98, 0.99, 0.98, 0.99, 0.99}},
                                            {"messages_sent", {20, 21, 22, 20, 21, 22}}}),
                                 {});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(metric_of(*c, "delivery_ratio").verdict, Verdict::kBetter);
  EXPECT_EQ(metric_of(*c, "messages_sent").verdict, Verdict::kDifferent);  // no better direction
}

// review-tr finding 8: record = summary approximates the latency percentiles (bucket upper ends,
// up to 1/64 high), so a full side against a summary side must not turn that bias into "worse".
TEST(Compare, LatencyPercentilesOfSidesRecordedDifferentlyGetNoVerdict) {
  auto a = report_of({{"latency_p50_ms", {100, 101, 102, 100, 101, 102}},
                      {"latency_max_ms", {200, 201, 202, 200, 201, 202}}});
  auto b = report_of({{"latency_p50_ms", {101, 102, 103, 101, 102, 103}},
                      {"latency_max_ms", {300, 301, 302, 300, 301, 302}}});
  a.points[0].params.push_back({"/record", "\"full\""});
  b.points[0].params.push_back({"/record", "\"summary\""});
  const auto c = compare_reports(a, b, {});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(metric_of(*c, "latency_p50_ms").verdict, Verdict::kInconclusive);
  EXPECT_EQ(metric_of(*c, "latency_max_ms").verdict, Verdict::kWorse);  // exact in both modes
  EXPECT_NE(comparison_text(*c).find("warning: A was recorded full, B summary"), std::string::npos);
  b.points[0].params.back().value = "\"full\"";
  const auto same = compare_reports(a, b, {});
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(metric_of(*same, "latency_p50_ms").verdict, Verdict::kWorse);
  EXPECT_EQ(comparison_text(*same).find("recorded"), std::string::npos);
}

// Runs that were not complete are left out of a side that has complete ones, and the text says
// how many and why (their status), instead of dropping them silently.
TEST(Compare, RunsLeftOutAreCountedByStatus) {
  auto a = report_of({{"delivery_ratio", {0.9, 0.91, 0.92}}});
  a.left_out = {{"interrupted", 2}, {"timed_out", 1}};
  const auto c = compare_reports(a, report_of({{"delivery_ratio", {0.9, 0.91, 0.92}}}), {});
  ASSERT_TRUE(c.has_value());
  const auto text = comparison_text(*c);
  EXPECT_NE(text.find("(3 runs; left out 3 runs not complete: 2 interrupted, 1 timed_out)"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("left out", text.find("left out") + 1), std::string::npos) << text;  // not B
}

TEST(Compare, TwoRunsASideAreInconclusiveHoweverFarApart) {
  const auto c = compare_reports(report_of({{"latency_p50_ms", {10, 10.1}}}),
                                 report_of({{"latency_p50_ms", {1000, 1000.1}}}), {});
  ASSERT_TRUE(c.has_value());
  const auto& m = metric_of(*c, "latency_p50_ms");
  EXPECT_FALSE(m.difference.ci.contains(0));     // the interval is shown...
  EXPECT_EQ(m.verdict, Verdict::kInconclusive);  // ...but too few runs give no verdict
}

RC_GTEST_PROP(CompareProp, BelowTheMinimumEveryVerdictIsInconclusive, ()) {
  const std::size_t n_a = *rc::gen::inRange<std::size_t>(1, 6);
  const std::size_t n_b = *rc::gen::inRange<std::size_t>(1, 12);
  const auto value = rc::gen::map(rc::gen::inRange(0, 100000), [](int v) { return v / 10.0; });
  const auto a = *rc::gen::container<std::vector<double>>(n_a, value);
  const auto b = *rc::gen::container<std::vector<double>>(n_b, value);
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 4);
  const auto c =
      compare_reports(report_of({{"latency_p50_ms", a}}), report_of({{"latency_p50_ms", b}}, seed), {});
  RC_ASSERT(c.has_value());
  RC_ASSERT(metric_of(*c, "latency_p50_ms").verdict == Verdict::kInconclusive);
}

RC_GTEST_PROP(CompareProp, AReportAgainstItselfIsNeverBetterOrWorse, ()) {
  const auto values = *rc::gen::container<std::vector<double>>(
      *rc::gen::inRange<std::size_t>(6, 20),
      rc::gen::map(rc::gen::inRange(0, 1000), [](int v) { return v / 7.0; }));
  const auto r = report_of({{"bytes_sent", values}});
  const auto c = compare_reports(r, r, {});
  RC_ASSERT(c.has_value());
  RC_ASSERT(metric_of(*c, "bytes_sent").verdict == Verdict::kNoise);
}

TEST(Compare, SelectionAndMetricsOnOneSide) {
  const auto a = report_of({{"x_bytes", {1, 2}}, {"only_a", {1}}});
  const auto b = report_of({{"x_bytes", {1, 2}}, {"only_b", {1}}});
  const auto all = compare_reports(a, b, {});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->points.at(0).metrics.size(), 1u);
  EXPECT_EQ(all->points[0].only_in_a, std::vector<std::string>{"only_a"});
  EXPECT_EQ(all->points[0].only_in_b, std::vector<std::string>{"only_b"});
  const auto missing = compare_reports(a, b, {"only_a"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error(), "metric 'only_a' is not in B");
}

TEST(CompareOutput, OneLinePerMetricWithMeansDifferenceIntervalRunsPairingAndVerdict) {
  auto c = compare_reports(report_of({{"latency_p50_ms", {40, 40, 40, 40, 40, 40}}}),
                           report_of({{"latency_p50_ms", {80, 80, 80, 80, 80, 80}}}), {});
  ASSERT_TRUE(c.has_value());
  c->a_path = "a.db";
  c->b_path = "b<1>.db";
  const std::string text = comparison_text(*c);
  EXPECT_NE(text.find("runs: A 6 runs (seeds 1-6), B 6 runs (seeds 1-6)"), std::string::npos) << text;
  const std::size_t row = text.find("  latency_p50_ms ");
  ASSERT_NE(row, std::string::npos) << text;
  const std::string line = text.substr(row, text.find('\n', row) - row);
  for (const char* cell : {" lower ", " 40 ", " 80 ", " +40 ", " [40, 40] ", " 6/6 ", " paired ", " worse"}) {
    EXPECT_NE(line.find(cell), std::string::npos) << cell << " not in: " << line;
  }
  EXPECT_NE(text.find("inconclusive with fewer than 6 runs"), std::string::npos);
  const std::string page = comparison_html(*c);
  EXPECT_NE(page.find("<tr class=\"fail\">"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("b&lt;1&gt;.db"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos);
}

TEST(CompareOutput, SaysHowRunsWerePairedWhenTheSeedsDiffer) {
  auto c = compare_reports(report_of({{"bytes_sent", {1, 2, 3, 4, 5, 6, 7, 8}}}),
                           report_of({{"bytes_sent", {1, 2, 3, 4, 5, 6, 7}}}, 2), {});
  ASSERT_TRUE(c.has_value());
  EXPECT_NE(comparison_text(*c).find("paired on the 7 seeds both sides ran; left out: A's seeds 1"),
            std::string::npos)
      << comparison_text(*c);
  c = compare_reports(report_of({{"bytes_sent", {1, 2, 3}}}), report_of({{"bytes_sent", {1, 2, 3}}}, 7), {});
  ASSERT_TRUE(c.has_value());
  EXPECT_NE(comparison_text(*c).find("seeds differ (0 shared, 6 needed to pair): unpaired"),
            std::string::npos);
}

}  // namespace
}  // namespace ptplab::reports::compare
