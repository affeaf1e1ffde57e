// The workload under channel_discovery "invite" (simulation_workload.cpp): every picked member
// is handed its channel's invitation, joins and is reached, while no listing is flooded.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "reports/writer.hpp"
#include "scenarios/runner/run.hpp"
#include "tests/scenarios/runner/invite_scenario.hpp"
#include "tests/scenarios/runner/load_or_fail.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::kInviteScenario;
using test_support::load_or_fail;

// CHANNEL datagrams the run at `path` sent (its traffic rows).
double invite_channel_datagrams(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT SUM(datagrams_sent) FROM traffic WHERE verb = 'CHANNEL'", -1, &st, nullptr);
  const double v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_double(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

struct InviteRun {
  std::map<std::string, double> metrics;
  double channel_datagrams = -1;
};

InviteRun run_invite(const std::string& discovery) {
  const auto s = load_or_fail(kInviteScenario, {"/nodes/0/params/channel_discovery=" + discovery,
                                                "/nodes/1/params/channel_discovery=" + discovery});
  const auto path = std::filesystem::temp_directory_path() /
                    ("ptplab_invite_" + std::to_string(::getpid()) + "_" + discovery + ".db");
  std::filesystem::remove(path);
  InviteRun ran;
  {
    auto w = reports::ReportWriter::open(path.string());
    EXPECT_TRUE(w.has_value());
    if (!w) return ran;
    RunRequest r;
    r.sink = &*w;
    const auto out = run_scenario(s, r);
    EXPECT_TRUE(out.has_value()) << (out ? "" : out.error());
    if (!out) return ran;
    ran.metrics = out->metrics;
  }
  ran.channel_datagrams = invite_channel_datagrams(path.string());
  std::filesystem::remove(path);
  return ran;
}

TEST(InviteWorkload, EveryMemberJoinsAndIsReachedWithoutAFlood) {
  const InviteRun invite = run_invite("invite");
  EXPECT_EQ(invite.metrics.at("members_joined"), invite.metrics.at("members_intended"));
  EXPECT_EQ(invite.metrics.at("members_intended"), 40);
  EXPECT_GE(invite.metrics.at("delivery_ratio"), 0.95);
  // Under "flood" each creation reaches every node (about 200 x 6 listings per channel).
  const InviteRun flood = run_invite("flood");
  EXPECT_GT(flood.channel_datagrams, 0);
  EXPECT_LT(invite.channel_datagrams, flood.channel_datagrams);
}

}  // namespace
}  // namespace ptplab::scenarios
