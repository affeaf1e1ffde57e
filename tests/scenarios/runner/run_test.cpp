// The runner on real engines: a three-node line with constant latency and no loss, where flood
// propagation makes the counts exact, and determinism of whole runs.
#include "scenarios/runner/run.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "reports/records/metrics.hpp"
#include "reports/writer.hpp"
#include "scenarios/format/loader.hpp"
#include "scenarios/metrics/run_warnings.hpp"
#include "scenarios/runner/capture_tap.hpp"
#include "scenarios/runner/network_setup.hpp"
#include "tests/scenarios/kept_rows.hpp"
#include "tests/scenarios/runner/load_or_fail.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::load_or_fail;

// Without greetings the line stays a line (nodes 0 and 2 would otherwise meet through 1's ROUTING).
constexpr const char* kLine = R"({
  "name": "line", "seed": 3, "duration": "6s",
  "network": {"latency": {"model": "constant", "delay": "10ms"}},
  "nodes": [{"name": "n", "count": 3, "placement": "public", "params": {"routing_greetings_max": 0}}],
  "topology": {"edges": [[0, 1], [1, 2]]},
  "workload": {"channels": [{"name": "c", "messages": {"interval": "500ms", "stop": "5s"}}]},
  "expect": [{"metric": "delivery_ratio", "op": ">=", "value": 1},
             {"metric": "latency_p50_ms", "op": "<", "value": 0}]
})";

double query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  const double v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_double(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

TEST(Runner, LineOfThreeDeliversEveryMessageTwice) {
  const auto s = load_or_fail(kLine);
  const auto out = run_scenario(s, {});
  ASSERT_TRUE(out.has_value()) << out.error();
  const auto& m = out->metrics;
  // Messages every 500 ms from 3 s (channel set up at 1 s, messages 2 s later) until 5 s.
  EXPECT_EQ(m.at("messages_sent"), 4);
  EXPECT_EQ(m.at("delivered_messages"), 8);  // each to the two other nodes
  EXPECT_EQ(m.at("delivery_ratio"), 1);
  // Adjacent nodes are 10 ms apart, the ends 20 ms: no delivery can be faster.
  EXPECT_GE(m.at("latency_p50_ms"), 10);
  EXPECT_EQ(m.at("node_id_collisions"), 0);
  EXPECT_EQ(m.at("msg_id_collisions"), 0);
  EXPECT_EQ(m.at("nat_attempts"), 0);
  EXPECT_EQ(m.count("amplification_factor"), 0u);  // no attacker: undefined
  ASSERT_EQ(out->expectations.size(), 2u);
  EXPECT_TRUE(out->expectations[0].passed);
  EXPECT_FALSE(out->expectations[1].passed);
  EXPECT_FALSE(out->passed);
  EXPECT_EQ(out->simulated_ns, 6 * kSecond);
}

TEST(Runner, ReportRowsRecomputeTheMetrics) {
  const auto path =
      std::filesystem::temp_directory_path() / ("ptplab_runner_test_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto w = reports::ReportWriter::open(path.string());
    ASSERT_TRUE(w.has_value()) << w.error();
    RunRequest r;
    r.sink = &*w;
    const auto out = run_scenario(load_or_fail(kLine), r);
    ASSERT_TRUE(out.has_value()) << out.error();
  }
  const auto p = path.string();
  EXPECT_EQ(query(p, "SELECT count(*) FROM message"), 4);
  EXPECT_EQ(query(p, "SELECT sum(intended_recipients) FROM message"), 8);
  EXPECT_EQ(query(p, "SELECT count(*) FROM delivery WHERE intended"), 8);
  EXPECT_EQ(query(p, "SELECT count(*) FROM node"), 3);
  EXPECT_EQ(query(p, "SELECT sum(datagrams_sent) FROM traffic"),
            query(p, "SELECT value FROM scalar WHERE name = 'datagrams_sent'"));
  // Flooding with de-duplication on a tree sends each MESSAGE over every edge once: 2 per message.
  EXPECT_EQ(query(p, "SELECT sum(datagrams_sent) FROM traffic WHERE verb = 'MESSAGE'"), 8);
  EXPECT_EQ(query(p, "SELECT count(*) FROM expectation"), 2);
  EXPECT_EQ(query(p, "SELECT count(*) FROM run WHERE status = 'complete'"), 1);
  std::filesystem::remove(path);
}

// The single value of `sql` with :run bound to 1, or nullopt when it is NULL or has no row.
std::optional<double> query_metric(const std::string& path, std::string_view sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, std::string(sql).c_str(), -1, &st, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":run"), 1);
  std::optional<double> v;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
    v = sqlite3_column_double(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

// Every metric of the metric table: its SQL over a full-record report gives the value the run
// computed (absent metric = NULL), for smoke scenarios with deliveries, attackers and NAT.
TEST(Runner, EveryMetricSqlRecomputesTheRunsValue) {
  for (const char* name : {"basic", "attack", "nat_mix"}) {
    SCOPED_TRACE(name);
    std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/scenarios/suites/smoke/" + name + ".json");
    std::stringstream text;
    text << in.rdbuf();
    const auto path = std::filesystem::temp_directory_path() /
                      ("ptplab_metric_sql_" + std::to_string(::getpid()) + "_" + name + ".db");
    std::filesystem::remove(path);
    MetricValues metrics;
    {
      auto w = reports::ReportWriter::open(path.string());
      ASSERT_TRUE(w.has_value()) << w.error();
      RunRequest r;
      r.sink = &*w;
      const auto out = run_scenario(load_or_fail(text.str()), r);
      ASSERT_TRUE(out.has_value()) << out.error();
      metrics = out->metrics;
    }
    for (const auto& m : reports::metric_table()) {
      SCOPED_TRACE(std::string(m.name));
      const auto sql = query_metric(path.string(), m.sql);
      const auto it = metrics.find(std::string(m.name));
      ASSERT_EQ(sql.has_value(), it != metrics.end());
      if (sql) {
        EXPECT_NEAR(*sql, it->second, 1e-9 * std::max(1.0, std::abs(it->second)));
      }
    }
    // And every metric the run computed is in the table.
    for (const auto& [metric, value] : metrics) EXPECT_NE(reports::find_metric(metric), nullptr) << metric;
    std::filesystem::remove(path);
  }
}

// The scalar rows a run writes.
std::vector<reports::ScalarRecord> scalar_rows(const std::string& scenario_text) {
  test_support::KeptRows<reports::ScalarRecord> sink;
  RunRequest r;
  r.sink = &sink;
  const auto out = run_scenario(load_or_fail(scenario_text), r);
  EXPECT_TRUE(out.has_value()) << out.error();
  return sink.rows;
}

// A run that writes the conditional scalars: MESSAGEs refused as too_large (messages_unsent),
// a channel with no member picked (skipped_no_members), one whose members are all down when
// messages are due (skipped_no_sender), restarts (memberships_renewed_at_restart) and a join
// the channel table has no room for (not_sent.channels_full).
constexpr const char* kOddities = R"({
  "name": "oddities", "seed": 5, "duration": "6s",
  "network": {"latency": {"model": "constant", "delay": "10ms"}},
  "nodes": [{"name": "servers", "count": 1, "role": "server"},
            {"name": "big", "count": 4, "placement": "public",
             "params": {"max_datagram_bytes": 600, "channels_max": 1}},
            {"name": "few", "count": 2, "placement": "public"}],
  "workload": {"channels": [
    {"name": "c", "members": {"groups": ["big"]}, "messages": {"interval": "1s", "size": 900}},
    {"name": "c2", "members": {"groups": ["big"]}, "messages": {"interval": "1s", "size": 900}},
    {"name": "none", "members": {"groups": ["few"], "share": 0.1}, "messages": {"interval": "1s"}},
    {"name": "gone", "members": {"groups": ["few"]}, "messages": {"interval": "500ms", "start": "3s"}}]},
  "timeline": [{"at": "2500ms", "action": "crash", "group": "few"},
               {"at": "4s", "action": "restart", "group": "few"}]
})";

// Every scalar a run writes is named by the metric or run value tables (so `ptplab metrics`
// lists it and `ptplab compare` knows its direction): the smoke scenarios and a run that writes
// the conditional ones, each of which must appear.
TEST(Runner, EveryScalarWrittenIsNamedByTheTables) {
  std::vector<std::string> texts;
  for (const char* name : {"basic", "attack", "nat_mix", "faults", "closed_loss"}) {
    std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/scenarios/suites/smoke/" + name + ".json");
    std::stringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
  }
  texts.emplace_back(kOddities);
  std::set<std::string> written;
  for (const auto& text : texts) {
    for (const auto& r : scalar_rows(text)) {
      EXPECT_TRUE(reports::is_named_scalar(r.module, r.name)) << r.module << " " << r.name;
      written.insert(r.module + "." + r.name);
    }
  }
  using V = reports::RunValue;
  // (sim.unsent_intended_pairs_under_attack is absent when none, and no attack runs here.)
  for (const V v : {V::kSimMessagesUnsent, V::kSimUnsentIntendedPairs, V::kSimSkippedNoMembers,
                    V::kSimSkippedNoSender, V::kSimMembershipsRenewedAtRestart}) {
    EXPECT_TRUE(written.contains(std::string(reports::run_value_def(v).key)))
        << reports::run_value_def(v).key;
  }
  EXPECT_TRUE(written.contains(std::string(reports::run_value_def(V::kSimNotSent).key) + ".channels_full"));
}

TEST(Runner, SameSeedSameMetricsOtherSeedOtherTraffic) {
  const auto a = run_scenario(load_or_fail(kLine), {});
  const auto b = run_scenario(load_or_fail(kLine), {});
  const auto c = run_scenario(load_or_fail(kLine, {"/seed=4"}), {});
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->metrics, b->metrics);
  EXPECT_EQ(a->events, b->events);
  EXPECT_NE(a->metrics.at("bytes_sent"), c->metrics.at("bytes_sent"));
}

// A stop flag raised before the run stops it during the build: nothing simulated, no metrics.
TEST(Runner, StopFlagRaisedBeforehandInterruptsTheBuild) {
  std::atomic<bool> stop{true};
  RunRequest r;
  r.stop = &stop;
  const auto out = run_scenario(load_or_fail(kLine), r);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->status, reports::RunStatus::kInterrupted);
  EXPECT_EQ(out->simulated_ns, 0);
  EXPECT_EQ(out->events, 0u);
  EXPECT_TRUE(out->metrics.empty());
  EXPECT_FALSE(out->passed);
}

// A stop flag raised from inside the simulation (here by the progress callback after the first
// slice; in ptplab by a signal handler) ends the run within that slice, with the metrics so far.
TEST(Runner, StopFlagRaisedMidRunInterruptsWithTheMetricsSoFar) {
  std::atomic<bool> stop{false};
  RunRequest r;
  r.stop = &stop;
  r.progress = [&](TimeNs, std::uint64_t) { stop.store(true); };
  const auto out = run_scenario(load_or_fail(kLine), r);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->status, reports::RunStatus::kInterrupted);
  EXPECT_GT(out->simulated_ns, 0);
  EXPECT_LE(out->simulated_ns, kRunSlice_ns);
  EXPECT_FALSE(out->metrics.empty());
  EXPECT_FALSE(out->passed);
}

// A run stopped by a signal at a million nodes spent seconds writing its per-node rows before
// it exited (review 13 S1): after a stop, keep_writing_after_stop is asked after each
// kNodeRowsChunk rows, and the rows it refuses are counted (sim.node_rows_unwritten) and warned
// of. A run that completes writes every row whatever the predicate says.
TEST(Runner, StopLeavesTheNodeRowsTheBudgetRefusesCountedAndWarned) {
  const std::string wide = R"({"name": "wide", "seed": 1, "duration": "1s",
    "nodes": [{"name": "n", "count": )" +
                           std::to_string(kNodeRowsChunk + 5) +
                           R"(, "placement": "public", "params": {"routing_enabled": false}}],
    "topology": {"edges": [[0, 1]]}})";
  const auto s = load_or_fail(wide);
  for (const bool stopped : {true, false}) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("ptplab_runner_rows_" + std::to_string(::getpid()) + (stopped ? "s" : "c") + ".db");
    std::filesystem::remove(path);
    int asked = 0;
    std::optional<Expected<RunOutcome, std::string>> out;
    {
      auto w = reports::ReportWriter::open(path.string());
      ASSERT_TRUE(w.has_value()) << w.error();
      std::atomic<bool> stop{false};
      RunRequest r;
      r.sink = &*w;
      r.stop = &stop;
      if (stopped) r.progress = [&](TimeNs, std::uint64_t) { stop.store(true); };
      r.keep_writing_after_stop = [&] { return ++asked, false; };
      out.emplace(run_scenario(s, r));
      ASSERT_TRUE(out->has_value()) << out->error();
    }
    const auto p = path.string();
    if (stopped) {
      EXPECT_EQ((*out)->status, reports::RunStatus::kInterrupted);
      EXPECT_EQ(asked, 1);
      EXPECT_EQ(query(p, "SELECT count(*) FROM node"), static_cast<double>(kNodeRowsChunk));
      EXPECT_EQ(query(p, "SELECT value FROM scalar WHERE name = 'node_rows_unwritten' AND module = 'sim'"),
                5);
      EXPECT_EQ((*out)->diagnostics.node_rows_unwritten, 5u);
      const auto lines = run_warnings((*out)->diagnostics);
      EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
        return l.starts_with("warning: 5 per-node rows not written (sim.node_rows_unwritten)");
      })) << ::testing::PrintToString(lines);
    } else {
      EXPECT_EQ((*out)->status, reports::RunStatus::kComplete);
      EXPECT_EQ(asked, 0);
      EXPECT_EQ(query(p, "SELECT count(*) FROM node"), static_cast<double>(kNodeRowsChunk + 5));
      EXPECT_EQ(query(p, "SELECT count(*) FROM scalar WHERE name = 'node_rows_unwritten'"), 0);
      EXPECT_EQ((*out)->diagnostics.node_rows_unwritten, 0u);
    }
    std::filesystem::remove(path);
  }
}

// Listing the run_param rows of a scenario with millions of leaves took seconds that a stop could
// not cut short (review 13: 28 s for 3 M explicit edges): a raised stop ends the listing.
TEST(Runner, FlattenParametersStopsWhenTheStopFlagIsRaised) {
  std::string edges;
  for (int i = 0; i < 20'000; ++i)
    edges += (i ? ",[" : "[") + std::to_string(i) + "," + std::to_string(i + 1) + "]";
  const std::string doc = R"({"name": "e", "topology": {"edges": [)" + edges + "]}}";
  EXPECT_EQ(flatten_parameters(doc).size(), 40'001u);
  std::atomic<bool> stop{false};
  EXPECT_EQ(flatten_parameters(doc, &stop).size(), 40'001u);
  stop.store(true);
  EXPECT_LT(flatten_parameters(doc, &stop).size(), 4'096u);
}

TEST(Runner, RejectedNodeParameterFailsTheBuild) {
  const auto s = load_or_fail(kLine, {R"(/nodes/0/params={"gossip_fanout": 3})"});
  auto bad = s;
  bad.nodes[0].params = {{"propagation", "\"teleport\""}};
  const auto out = run_scenario(bad, {});
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().find("propagation"), std::string::npos);
}

// Records what a capture writes.
struct RecordingSink final : reports::DatagramSink {
  struct Row {
    TimeNs t;
    Address from, to;
    std::string payload;
  };
  std::vector<Row> rows;
  void datagram(TimeNs t, const Address& from, const Address& to, std::string_view payload) override {
    rows.push_back({t, from, to, std::string(payload)});
  }
};

// The tap buffers the sends it keeps and writes them only when flushed (between time slices,
// never from inside a simulator event), in send order with their send times.
TEST(CaptureTap, BuffersUntilFlushedInSendOrder) {
  const auto s = load_or_fail(kLine);
  RecordingSink sink;
  CaptureRequest request;
  request.sink = &sink;
  auto tap = CaptureTap::make(request, s, plan_network(s));
  ASSERT_TRUE(tap.has_value()) << tap.error();
  const SharedBytes hello = make_bytes(R"({"msg_type": "HELLO"})");
  const SharedBytes ack = make_bytes(R"({"msg_type": "ACK"})");
  const Address a{0x0a000001, 9000}, b{0x0a000002, 9000};
  tap->on_send(5, sim::DatagramView{5, 0, 1, a, b, &hello});
  tap->on_send(7, sim::DatagramView{7, 1, 0, b, a, &ack});
  EXPECT_TRUE(sink.rows.empty());
  EXPECT_EQ(tap->buffered(), 2u);
  tap->flush();
  EXPECT_EQ(tap->buffered(), 0u);
  ASSERT_EQ(sink.rows.size(), 2u);
  EXPECT_EQ(sink.rows[0].t, 5);
  EXPECT_EQ(sink.rows[0].from.ip, a.ip);
  EXPECT_EQ(sink.rows[0].payload, *hello);
  EXPECT_EQ(sink.rows[1].t, 7);
  EXPECT_EQ(sink.rows[1].to.ip, a.ip);
  EXPECT_EQ(sink.rows[1].payload, *ack);
  tap->flush();
  EXPECT_EQ(sink.rows.size(), 2u);
}

// A whole run's capture: every send (the datagrams_sent metric), in time order, all written by
// the time the run returns.
// An unknown --pcap-verbs name gets the full list of verbs and the closest one.
TEST(CaptureTap, UnknownVerbListsEveryVerbAndTheClosest) {
  const auto s = load_or_fail(kLine);
  RecordingSink sink;
  CaptureRequest request;
  request.sink = &sink;
  request.verbs = {"MESAGE"};
  const auto tap = CaptureTap::make(request, s, plan_network(s));
  ASSERT_FALSE(tap.has_value());
  for (const auto* verb : {"\"HELLO\"", "\"GETCERTIFICATE\"", "\"ROUTING\"", "\"invalid\""})
    EXPECT_NE(tap.error().find(verb), std::string::npos) << tap.error();
  EXPECT_NE(tap.error().find("did you mean \"MESSAGE\"?"), std::string::npos) << tap.error();
}

TEST(CaptureTap, RunCapturesEverySendInOrder) {
  const auto s = load_or_fail(kLine);
  RecordingSink sink;
  RunRequest request;
  request.capture.sink = &sink;
  const auto out = run_scenario(s, request);
  ASSERT_TRUE(out.has_value()) << out.error();
  EXPECT_EQ(static_cast<double>(sink.rows.size()), out->metrics.at("datagrams_sent"));
  for (std::size_t i = 1; i < sink.rows.size(); ++i) ASSERT_LE(sink.rows[i - 1].t, sink.rows[i].t) << i;
}

// Servers and NATed clients (two per box), for the host filter.
constexpr const char* kServersAndClients = R"({
  "name": "sc", "seed": 1, "duration": "6s",
  "network": {"latency": {"model": "constant", "delay": "20ms"}, "nat": {"hosts_per_box": 2}},
  "nodes": [{"name": "servers", "count": 2, "role": "server", "placement": "public"},
            {"name": "clients", "count": 6, "placement": "full_cone"}],
  "topology": {"bootstrap": {"servers": "servers"}},
  "workload": {"channels": [{"name": "g", "members": {"groups": ["clients"]},
                             "messages": {"rate_per_s": 4, "stop": "5s"}}]}
})";

// The sends of a run whose capture keeps only `hosts`.
std::vector<RecordingSink::Row> capture(const Scenario& s, std::vector<std::string> hosts) {
  RecordingSink sink;
  RunRequest request;
  request.capture.sink = &sink;
  request.capture.hosts = std::move(hosts);
  const auto out = run_scenario(s, request);
  EXPECT_TRUE(out.has_value()) << out.error();
  return sink.rows;
}

// A group filter keeps datagrams from and to the group (review finding S1: it kept only those
// from it): to a public host at its address, to a NATed one at the mapping it is reached at.
// Every datagram is from a server or a client, so a group's capture is everything except what
// the other group sent to itself.
TEST(CaptureTap, GroupFilterKeepsDatagramsFromAndToTheGroup) {
  const auto s = load_or_fail(kServersAndClients);
  const auto plan = plan_network(s);
  const auto is_server = [&](const Address& a) {
    return a == plan.hosts[0].address || a == plan.hosts[1].address;
  };
  const auto all = capture(s, {});
  const auto servers = capture(s, {"servers"});
  const auto clients = capture(s, {"clients"});
  std::size_t server_to_server = 0, client_to_client = 0;
  for (const auto& r : all) {
    server_to_server += is_server(r.from) && is_server(r.to);
    client_to_client += !is_server(r.from) && !is_server(r.to);
  }
  ASSERT_GT(client_to_client, 0u);
  EXPECT_EQ(servers.size(), all.size() - client_to_client);
  EXPECT_EQ(clients.size(), all.size() - server_to_server);
  EXPECT_GT(servers.size() + clients.size(), all.size());  // client <-> server in both
}

}  // namespace
}  // namespace ptplab::scenarios
