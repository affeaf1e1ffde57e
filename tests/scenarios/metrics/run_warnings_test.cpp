// The run's warning lines: one per silent failure, naming its reason as the traffic table does.
#include "scenarios/metrics/run_warnings.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace ptplab::scenarios {
namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

TEST(RunWarnings, NothingSilentNothingWarned) {
  RunDiagnostics d;
  d.drops = {{"loss", 300}, {"rate_limited", 12}};  // expected under loss and floods: listed, not warned
  EXPECT_TRUE(run_warnings(d).empty());
}

TEST(RunWarnings, EachSilentFailureGetsItsLine) {
  RunDiagnostics d;
  d.drops = {{"peers_full", 27510}, {"loss", 40}, {"queue_overflow", 7}, {"retransmit_queue_full", 2}};
  d.unsent = {{"too_large", 6}, {"no_key", 1}};
  d.gave_up = 3;
  const auto w = run_warnings(d);
  ASSERT_EQ(w.size(), 5u);
  for (const auto& line : w) EXPECT_TRUE(starts_with(line, "warning: ")) << line;
  EXPECT_TRUE(starts_with(w[0], "warning: 7 MESSAGE(s) could not be sent by their origin: too_large x6 ("))
      << w[0];
  EXPECT_NE(w[0].find("max_datagram_bytes"), std::string::npos);
  EXPECT_NE(w[0].find("no_key x1"), std::string::npos);
  EXPECT_TRUE(starts_with(w[1], "warning: 27510 dropped as peers_full: ")) << w[1];
  EXPECT_NE(w[1].find("peers_max"), std::string::npos);
  EXPECT_TRUE(starts_with(w[2], "warning: 2 dropped as retransmit_queue_full: ")) << w[2];
  EXPECT_TRUE(starts_with(w[3], "warning: 7 dropped as queue_overflow: ")) << w[3];
  EXPECT_TRUE(starts_with(w[4], "warning: 3 reliable sends gave_up")) << w[4];
}

// A joined member that received nothing is warned (review 7: under "mesh" a join is the member's
// own view; members behind filtering NATs or invited by a crashed creator joined and got nothing).
TEST(RunWarnings, JoinedMembersThatReceivedNothingAreWarned) {
  RunDiagnostics d;
  d.members_open = 20;
  d.members_open_not_joined = 2;
  d.members_joined_unreached = 5;
  const auto w = run_warnings(d);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_TRUE(starts_with(w[1], "warning: 5 of 18 joined channel members up at the end received no message"))
      << w[1];
  EXPECT_NE(w[1].find("sim.members_joined_unreached"), std::string::npos);
  d.members_joined_unreached = 0;
  EXPECT_EQ(run_warnings(d).size(), 1u);
}

TEST(RunWarnings, RefusedCopiesAreCountedAsCopiesNotMessages) {
  RunDiagnostics d;
  d.unsent_copies = {{"retransmit_queue_full", 2112}, {"amplification_limit", 1}};
  const auto w = run_warnings(d);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_TRUE(starts_with(w[0],
                          "warning: 2113 copies of sent MESSAGEs were not sent to one of their next hops: "
                          "retransmit_queue_full x2112 ("))
      << w[0];
  EXPECT_NE(w[0].find("pending_retransmissions_max"), std::string::npos) << w[0];
  EXPECT_EQ(w[0].find("could not be sent by their origin"), std::string::npos) << w[0];
}

TEST(RunWarnings, SkippedWorkloadIsWarnedNotDropped) {
  // 18 due MESSAGEs without a sender and a channel of share 0.01 x 12 members used to vanish.
  RunDiagnostics d;
  d.skipped = {{"no_sender", 18}, {"no_members", 1}};
  d.drops = {{"no_sender", 5}};  // a drop reason of that name would not be this warning
  const auto w = run_warnings(d);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_TRUE(starts_with(w[0], "warning: 18 skipped as no_sender: scheduled MESSAGEs not sent")) << w[0];
  EXPECT_TRUE(starts_with(w[1], "warning: 1 skipped as no_members: channels never created")) << w[1];
  EXPECT_NE(w[1].find("share"), std::string::npos) << w[1];
}

// Each Skipped value is named by its workload rule and counted in the report as the scalar
// (module sim) skipped_<name> of the run value table, which `ptplab report` reads back.
TEST(RunWarnings, SkippedNamesAgreeWithTheirRunValues) {
  ASSERT_EQ(workload_rule_count(), 3u);
  EXPECT_EQ(skipped_name(Skipped::kNoSender), "no_sender");
  EXPECT_EQ(skipped_name(Skipped::kNoMembers), "no_members");
  EXPECT_EQ(skipped_name(Skipped::kWindowClosed), "window_closed");
  for (std::size_t i = 0; i < workload_rule_count(); ++i) {
    const auto k = static_cast<Skipped>(i);
    EXPECT_EQ(reports::run_value_def(skipped_value(k)).module(), "sim");
    EXPECT_EQ(reports::run_value_def(skipped_value(k)).name(), "skipped_" + std::string(skipped_name(k)));
  }
}

// Every reason of the warning table is a name the traffic table can hold (workload rules: the
// runner's, which no traffic row records).
TEST(RunWarnings, RulesNameReportReasons) {
  for (const auto& rule : kWarningRules) {
    SCOPED_TRACE(std::string(rule.reason));
    EXPECT_FALSE(rule.meaning.empty());
    if (rule.kind == WarningKind::kWorkloadSkipped) continue;
    bool known = reason_from_name(rule.reason).has_value();
    for (const auto& n : sim::kDropReasons) known = known || n.name == rule.reason;
    EXPECT_TRUE(known);
    EXPECT_FALSE(rule.meaning.empty());
  }
}

// scenarios/README.md names every warned reason next to the setting that moves it.
TEST(RunWarnings, ReadmeNamesEveryWarnedReason) {
  std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/scenarios/README.md");
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& rule : kWarningRules) {
    std::string quoted = "`";
    quoted.append(rule.reason).push_back('`');
    EXPECT_NE(text.str().find(quoted), std::string::npos) << rule.reason;
  }
}

TEST(TrafficTable, DropTotalsMergeNetworkAndEndpointReasonsLargestFirst) {
  TrafficTable t(kSecond, 2 * kSecond);
  t.dropped(0, 0, 10, sim::DropReason::kLoss);
  t.dropped(kSecond, 1, 10, sim::DropReason::kLoss);
  t.dropped(0, 0, 10, sim::DropReason::kExceedsMtu);
  t.engine_dropped(0, 0, 10, Reason::kPeersFull);
  t.engine_dropped(0, 1, 10, Reason::kPeersFull);
  t.engine_dropped(0, 1, 10, Reason::kPeersFull);
  t.engine_dropped(0, 2, 10, Reason::kTooLarge);  // the engine's too_large is not the network's exceeds_mtu
  t.engine_dropped(0, 2, 10, Reason::kTooLarge);
  const auto d = t.drop_totals();
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].reason, "peers_full");
  EXPECT_EQ(d[0].count, 3u);
  EXPECT_EQ(d[1].reason, "loss");  // 2 each: ties by name
  EXPECT_EQ(d[1].count, 2u);
  EXPECT_EQ(d[2].reason, "too_large");
  EXPECT_EQ(d[2].count, 2u);
  EXPECT_EQ(d[3].reason, "exceeds_mtu");
  EXPECT_EQ(d[3].count, 1u);
}

}  // namespace
}  // namespace ptplab::scenarios
