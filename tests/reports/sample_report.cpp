// The sample run: node 0 sends m1 and m2 on "general" to nodes 1 and 2 (20 ms per hop).
// m1 reaches node 1 at 20 ms and node 2 at 40 ms; m2 reaches node 1 only (at 1020 ms).
#include "tests/reports/sample_report.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <system_error>
#include <vector>

namespace ptplab::reports::testing {
namespace {

// The paths temp_report_path gave during the current test.
std::vector<std::filesystem::path>& paths_of_this_test() {
  static std::vector<std::filesystem::path> paths;
  return paths;
}

// Removes the current test's temp reports (and journals, and fallback reports beside them) when
// it ends, passed or not: the test binaries otherwise leave a file per test per run in /tmp.
class TempReportRemover final : public ::testing::EmptyTestEventListener {
  void OnTestEnd(const ::testing::TestInfo&) override {
    for (const auto& p : paths_of_this_test()) {
      std::error_code ignored;
      const std::string prefix = p.filename().string();
      for (const auto& e : std::filesystem::directory_iterator(p.parent_path(), ignored)) {
        if (e.path().filename().string().rfind(prefix, 0) == 0) std::filesystem::remove(e.path(), ignored);
      }
    }
    paths_of_this_test().clear();
  }
};

// Registered once, when the first temp report is asked for.
void remove_temp_reports_after_each_test() {
  static const bool registered = [] {
    ::testing::UnitTest::GetInstance()->listeners().Append(new TempReportRemover);
    return true;
  }();
  (void)registered;
}

}  // namespace

std::string temp_report_path(const std::string& tag) {
  remove_temp_reports_after_each_test();
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "none";
  const auto path = std::filesystem::temp_directory_path() /
                    ("ptplab-" + name + "-" + tag + "-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  paths_of_this_test().push_back(path);
  return path.string();
}

RunId write_sample_run(ReportWriter& writer, std::uint64_t seed, const std::string& started) {
  const RunId run = writer.begin_run({"line3", R"({"name":"line3"})", seed, "0.1.0", started, ""}).value();
  writer.add(ParamRecord{"/nodes/0/count", "3"});
  writer.add(ParamRecord{"/network/latency/delay", "\"20ms\""});
  for (std::int64_t n = 0; n < 3; ++n) {
    writer.add(NodeRecord{n, "node-" + std::to_string(n), "line", "client", "public", ""});
  }
  writer.add(MessageRecord{"m1", 0, "general", 0, 200, 2});
  writer.add(MessageRecord{"m2", 0, "general", 1'000'000'000, 300, 2});
  writer.add(DeliveryRecord{"m1", 1, 20'000'000, 20'000'000, 1, true});
  writer.add(DeliveryRecord{"m1", 2, 40'000'000, 40'000'000 + static_cast<std::int64_t>(seed - 1), 2, true});
  writer.add(DeliveryRecord{"m2", 1, 1'020'000'000, 20'000'000, 1, true});
  writer.add(ScalarRecord{"metrics", "delivery_ratio", 0.75});
  writer.add(StatisticRecord{"latency_ms", 3, 26.6667, 9.4281, 20, 40, 20, 40, 40});
  writer.add(HistogramRecord{"latency_ms", 0, 25, 2});
  writer.add(HistogramRecord{"latency_ms", 25, 50, 1});
  writer.add(TimeseriesRecord{"peers_mean", 0, 0});
  writer.add(TimeseriesRecord{"peers_mean", 1'000'000'000, 1.333});
  writer.add(TrafficRecord{0, "HELLO", 6, 600, 0, 0, ""});
  writer.add(TrafficRecord{0, "MESSAGE", 4, 1000, 1, 300, "loss"});
  writer.add(TrafficRecord{1'000'000'000, "MESSAGE", 2, 600, 0, 0, ""});
  writer.add(TrafficRecord{1'000'000'000, "ACK", 3, 150, 1, 50, "queue_overflow"});
  writer.add(CollisionRecord{"msg_id", "m1", 2, 1, 0});
  writer.add(NatAttemptRecord{"symmetric", "full_cone", 0, true, 150'000'000});
  writer.add(NatAttemptRecord{"symmetric", "full_cone", 0, true, 250'000'000});
  writer.add(NatAttemptRecord{"symmetric", "symmetric", 0, false, std::nullopt});
  writer.add(ExpectationRecord{"delivery_ratio", ">=", 0.7, 0, 0.75, true});
  writer.add(ExpectationRecord{"latency_p99_ms", "<", 30, 0, 40, false});
  const auto finished = writer.finish_run({RunStatus::kComplete, started, 0.25, 2.0, 1234, 10 << 20});
  EXPECT_TRUE(finished.has_value()) << (finished ? "" : finished.error());
  return run;
}

}  // namespace ptplab::reports::testing
