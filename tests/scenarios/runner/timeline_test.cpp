// Timeline actions that reach running nodes: set_param retunes them (a metric changes against the
// same scenario without it), and connect starts CONNECT attempts whose outcome follows the NAT
// types (full cone pairs meet, symmetric pairs do not) and fills the nat_attempt rows.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "reports/writer.hpp"
#include "scenarios/format/loader.hpp"
#include "scenarios/runner/run.hpp"

namespace ptplab::scenarios {
namespace {

// Five public nodes, every one a peer of every other, flooding one message every 500 ms from 3 s.
constexpr const char* kClique = R"({
  "name": "clique", "seed": 5, "duration": "6s",
  "network": {"latency": {"model": "constant", "delay": "10ms"}},
  "nodes": [{"name": "n", "count": 5, "placement": "public", "params": {"propagation": "flood"}}],
  "topology": {"edges": [[0, 1], [0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]},
  "workload": {"channels": [{"name": "c", "messages": {"interval": "500ms", "stop": "5s"}}]}
})";

// A public rendezvous and two groups of three, each host behind its own NAT box; the left group
// asks for a CONNECT to the right group at 3 s, and failures time out (10 s) before the end.
constexpr const char* kPairs = R"({
  "name": "pairs", "seed": 9, "duration": "16s",
  "network": {"latency": {"model": "constant", "delay": "20ms"}},
  "nodes": [{"name": "server", "role": "server", "placement": "public"},
            {"name": "left", "count": 3, "placement": "full_cone"},
            {"name": "right", "count": 3, "placement": "full_cone"}],
  "timeline": [{"at": "3s", "action": "connect", "group": "left", "to": "right", "via": "server"}]
})";

Scenario load(const char* text, const std::vector<std::string>& overrides = {}) {
  auto s = load_scenario(text, overrides);
  if (!s) {
    for (const auto& e : s.error()) ADD_FAILURE() << e.to_string();
  }
  return *s;
}

MetricValues metrics_of(const Scenario& s) {
  const auto out = run_scenario(s, {});
  EXPECT_TRUE(out.has_value()) << out.error();
  return out ? out->metrics : MetricValues{};
}

TEST(Timeline, SetParamRetunesRunningNodes) {
  const auto flood = metrics_of(load(kClique));
  // Every relay floods to its 3 other peers: duplicates without the change.
  EXPECT_GT(flood.at("duplicates"), 0);
  const auto direct = metrics_of(
      load(kClique, {R"(/timeline=[{"at": "2s", "action": "set_param", "group": "n", "name": "propagation",
                               "value": "direct"}])"}));
  // No node restarts, so only the running nodes can have switched to direct sends.
  EXPECT_EQ(direct.at("duplicates"), 0);
  EXPECT_EQ(direct.at("messages_sent"), flood.at("messages_sent"));
  EXPECT_EQ(direct.at("delivery_ratio"), 1);
  EXPECT_LT(direct.at("datagrams_sent"), flood.at("datagrams_sent"));
}

TEST(Timeline, SetParamThatBreaksACrossFieldRuleOfItsGroupFailsTheBuild) {
  // Valid against the defaults (the loader's check), but above this group's 1 s maximum.
  const auto s = load(kClique, {"/nodes/0/params/hello_interval_max_ns=1s",
                                R"(/timeline=[{"at": "2s", "action": "set_param", "group": "n",
                                               "name": "hello_interval_min_ns", "value": "1500ms"}])"});
  const auto out = run_scenario(s, {});
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().find("hello_interval_min_ns at 2s (group n)"), std::string::npos) << out.error();
}

TEST(Timeline, ConnectBetweenFullConesSucceeds) {
  const auto m = metrics_of(load(kPairs));
  EXPECT_EQ(m.at("nat_attempts"), 3);
  EXPECT_EQ(m.at("nat_success_ratio"), 1);
  // Two legs to the rendezvous and back at 20 ms each, then the first HELLO across.
  EXPECT_GE(m.at("connect_time_p50_ms"), 60);
}

TEST(Timeline, ConnectBetweenSymmetricNatsFails) {
  const auto m = metrics_of(load(kPairs, {"/nodes/1/placement=symmetric", "/nodes/2/placement=symmetric"}));
  EXPECT_EQ(m.at("nat_attempts"), 3);
  EXPECT_EQ(m.at("nat_success_ratio"), 0);
  EXPECT_EQ(m.count("connect_time_p50_ms"), 0u);
}

TEST(Timeline, ConnectCountAndReportRows) {
  const auto path =
      std::filesystem::temp_directory_path() / ("ptplab_timeline_test_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto w = reports::ReportWriter::open(path.string());
    ASSERT_TRUE(w.has_value()) << w.error();
    RunRequest r;
    r.sink = &*w;
    const auto out = run_scenario(load(kPairs, {"/timeline/0/count=2", "/nodes/2/placement=restricted"}), r);
    ASSERT_TRUE(out.has_value()) << out.error();
    EXPECT_EQ(out->metrics.at("nat_attempts"), 2);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT nat_a, nat_b, succeeded, started_ns FROM nat_attempt", -1, &st, nullptr);
  int rows = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    ++rows;
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "full_cone");
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), "restricted");
    EXPECT_EQ(sqlite3_column_int(st, 2), 1);
    EXPECT_EQ(sqlite3_column_int64(st, 3), 3 * kSecond);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(rows, 2);
  std::filesystem::remove(path);
}

TEST(Timeline, ConnectWithoutLiveRendezvousMakesNoAttempt) {
  const auto m = metrics_of(load(kPairs, {R"(/timeline=[{"at": "2s", "action": "crash", "group": "server"},
                             {"at": "3s", "action": "connect", "group": "left", "to": "right", "via": "server"}])"}));
  EXPECT_EQ(m.at("nat_attempts"), 0);
}

}  // namespace
}  // namespace ptplab::scenarios
