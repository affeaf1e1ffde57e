// The HTML report test fixture (see fixture.hpp).
#include "fixture.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>

#include "reports/writer.hpp"

namespace ptplab::reports::html::testing {
namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;

void write_run(ReportWriter& w, int fanout, int seed) {
  const std::string fanout_text = std::to_string(fanout);
  (void)w.begin_run({"gossip-fanout", "{}", static_cast<std::uint64_t>(seed), "0.1.0", "2026-11-25T17:00:00Z",
                     "/nodes/0/params/gossip_fanout=" + fanout_text + " seed=" + std::to_string(seed)});
  w.add(ParamRecord{"/nodes/0/params/propagation", "\"gossip\""});
  w.add(ParamRecord{"/nodes/0/params/gossip_fanout", fanout_text});
  w.add(ParamRecord{"/nodes/0/params/node_id_bits", "16"});
  w.add(ParamRecord{"/attackers/0/behaviour", "\"hello_flood\""});
  w.add(ParamRecord{"/nodes/0/params/rate_limit_enabled", fanout == 2 ? "false" : "true"});
  const double ratio = 0.8 + 0.05 * fanout + 0.01 * seed;
  w.add(ScalarRecord{"metrics", "delivery_ratio", ratio});
  w.add(ScalarRecord{"metrics", "honest_delivery_ratio", ratio - 0.1});
  w.add(ScalarRecord{"metrics", "latency_p50_ms", 300.0 / fanout + seed});
  w.add(ScalarRecord{"metrics", "node_id_collisions", seed == 1 ? 1.0 : 0.0});
  w.add(ScalarRecord{"metrics", "messages_sent", 2});
  w.add(ScalarRecord{"engine_drops", "rate_limited", 7});
  w.add(StatisticRecord{"latency_ms", 3, 150, 50, 100, 200, 150, 190, 199});
  w.add(TimeseriesRecord{"peers_table_max", 0, 1});
  w.add(TimeseriesRecord{"peers_table_max", 5 * kS, 4});
  // Nodes 0-2 in group "peers", 3 in "edge"; m1 (from 0) and m2 (from 1) are each meant for the
  // three others: per recipient, (messages it was meant for, first deliveries).
  constexpr std::array<std::pair<std::uint64_t, std::uint64_t>, 4> kReceived = {
      {{1, 1}, {1, 1}, {2, 1}, {2, 0}}};
  for (int n = 0; n < 4; ++n) {
    NodeRecord r{n, "id" + std::to_string(n), n < 3 ? "peers" : "edge", "client", "full_cone", ""};
    r.messages_intended = kReceived[static_cast<std::size_t>(n)].first;
    r.deliveries = kReceived[static_cast<std::size_t>(n)].second;
    w.add(r);
  }
  w.add(NodeRecord{4, "", "flooders", "attacker", "public", ""});
  w.add(MessageRecord{"m1", 0, "general", 1 * kS, 100, 3});
  w.add(MessageRecord{"m2", 1, "general", 6 * kS, 100, 3});
  w.add(DeliveryRecord{"m1", 1, 1 * kS + 100 * kMs, 100 * kMs, 1, true});
  w.add(DeliveryRecord{"m1", 2, 1 * kS + 150 * kMs, 150 * kMs, 2, true});
  w.add(DeliveryRecord{"m2", 0, 6 * kS + 200 * kMs, 200 * kMs, 1, true});
  w.add(NatAttemptRecord{"full_cone", "symmetric", 2 * kS, true, 300 * kMs});
  w.add(NatAttemptRecord{"symmetric", "symmetric", 2 * kS, false, std::nullopt});
  w.add(TrafficRecord{0, "HELLO", 40, 4000, 2, 200, "loss"});
  w.add(TrafficRecord{1 * kS, "HELLO", 42, 4200, 0, 0, ""});
  w.add(TrafficRecord{1 * kS, "MESSAGE", 6, 3000, 1, 500, "queue_overflow"});
  w.add(ExpectationRecord{"delivery_ratio", ">=", 0.9, 0, ratio, ratio >= 0.9});
  (void)w.finish_run({RunStatus::kComplete, "2026-11-25T17:00:01Z", 0.5, 10, 1000, 0});
}

}  // namespace

bool write_fixture_report(const std::string& path) {
  WriterOptions options;
  options.truncate = true;
  auto w = ReportWriter::open(path, options);
  if (!w) return false;
  for (const int fanout : {2, 4}) {
    for (const int seed : {1, 2}) write_run(*w, fanout, seed);
  }
  w->add(ConformanceRecord{"127.0.0.1:9000", "hello/1", "HELLO", "MUST", "pass", "", 0.1});
  w->add(ConformanceRecord{"127.0.0.1:9000", "ack/1", "ACK", "MUST", "fail",
                           "expected one of [ACK]\nactual: <script>alert(1)</script>", 0.2});
  return w->flush().has_value();
}

std::string temp_path(const std::string& name) {
  // ctest runs each test as its own process, several at once: the path names the test and the
  // process so that two tests of one fixture never share (and delete) each other's file.
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info ? std::string(info->test_suite_name()) + "." + info->name() : "none";
  return (std::filesystem::temp_directory_path() /
          ("ptplab_html_" + test + "_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

}  // namespace ptplab::reports::html::testing
