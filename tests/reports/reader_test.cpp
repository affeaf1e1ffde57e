// ReportReader on the hand-computable sample: delivery ratio 3/4, nearest-rank latency
// percentiles, traffic sums per verb, drops by reason, collisions, NAT pairs, expectations.
#include "reports/reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>

#include "reports/digest.hpp"
#include "reports/merge.hpp"
#include "reports/sqlite_db.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

using testing::temp_report_path;
using testing::write_sample_run;

RunSummary sample_summary() {
  const auto path = temp_report_path("sample");
  {
    auto writer = ReportWriter::open(path).value();
    write_sample_run(writer);
  }
  auto reader = ReportReader::open(path).value();
  return reader.load_summary(1).value();
}

// Review finding 16: report, report --digest and compare read any SQLite file; a foreign one
// gave a raw SQL error and another schema version was read silently. Each now says what it is.
TEST(ReportReader, SaysWhatIsNotAReportOfThisSchemaVersion) {
  const auto text = temp_report_path("reader-text");
  std::FILE* f = std::fopen(text.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("just some notes, long enough to be read as a database header\n", f);
  std::fclose(f);
  EXPECT_EQ(ReportReader::open(text).error(), text + " is not a ptplab report: file is not a database");
  EXPECT_EQ(report_digest(text).error(), text + " is not a ptplab report: file is not a database");

  const auto other = temp_report_path("reader-other");
  ASSERT_TRUE(Database::open(other, true).value().exec("CREATE TABLE run (x)").has_value());
  EXPECT_EQ(ReportReader::open(other).error(),
            other + " is not a ptplab report: an SQLite database without a ptplab schema version");

  const auto future = temp_report_path("reader-future");
  {
    auto writer = ReportWriter::open(future).value();
    write_sample_run(writer);
  }
  ASSERT_TRUE(Database::open(future, true).value().exec("PRAGMA user_version = 99").has_value());
  const auto expected =
      future + ": report schema version 99, this ptplab reads " + std::to_string(kSchemaVersion);
  EXPECT_EQ(ReportReader::open(future).error(), expected);
  EXPECT_EQ(report_digest(future).error(), expected);
}

// An edit outside ptplab that puts text where ptplab writes numbers: SQLite reads it as 0, a figure
// that would look right; the reader, the digest and the merge refuse the file, naming the cell.
TEST(ReportReader, RefusesTextInANumberColumnNamingTheCell) {
  const auto path = temp_report_path("reader-edited");
  {
    auto writer = ReportWriter::open(path).value();
    write_sample_run(writer);
  }
  ASSERT_TRUE(ReportReader::open(path).has_value());
  ASSERT_TRUE(Database::open(path, true)
                  .value()
                  .exec("UPDATE delivery SET hops = 'three' WHERE rowid = 2")
                  .has_value());
  const auto expected =
      path +
      " is not a ptplab report as ptplab wrote it: delivery.hops of row 2 holds 'three' where "
      "ptplab writes an integer (the file was changed outside ptplab)";
  EXPECT_EQ(ReportReader::open(path).error(), expected);
  EXPECT_EQ(report_digest(path).error(), expected);
  const auto merged = temp_report_path("reader-edited-merged");
  EXPECT_EQ(merge_report(merged, path).error(), expected);
  ASSERT_TRUE(
      Database::open(path, true).value().exec("UPDATE delivery SET hops = 3 WHERE rowid = 2").has_value());
  ASSERT_TRUE(Database::open(path, true).value().exec("UPDATE run SET events = x'00'").has_value());
  EXPECT_EQ(ReportReader::open(path).error(),
            path +
                " is not a ptplab report as ptplab wrote it: run.events of row 1 holds X'00' where ptplab "
                "writes an integer (the file was changed outside ptplab)");
  // A real in an INTEGER column (3.5 read as 3; review6 minor 5); a REAL column takes any number.
  ASSERT_TRUE(Database::open(path, true).value().exec("UPDATE run SET events = 10").has_value());
  ASSERT_TRUE(
      Database::open(path, true).value().exec("UPDATE delivery SET hops = 3.5 WHERE rowid = 1").has_value());
  EXPECT_EQ(ReportReader::open(path).error(),
            path +
                " is not a ptplab report as ptplab wrote it: delivery.hops of row 1 holds 3.5 where ptplab "
                "writes an integer (the file was changed outside ptplab)");
  ASSERT_TRUE(
      Database::open(path, true).value().exec("UPDATE delivery SET hops = 3 WHERE rowid = 1").has_value());
  ASSERT_TRUE(Database::open(path, true).value().exec("UPDATE run SET simulated_seconds = 7").has_value());
  EXPECT_TRUE(ReportReader::open(path).has_value());
}

// Another application's database whose table is named `run` under a report schema version (review 14
// M1): refused by readers and writers alike, naming the missing column, and left as it was.
TEST(ReportReader, RefusesPtplabTableNamesWithOtherColumns) {
  for (const int version : {3, 4}) {
    const auto path = temp_report_path("reader-run-shape-" + std::to_string(version));
    ASSERT_TRUE(Database::open(path, true)
                    .value()
                    .exec("CREATE TABLE run (run_id INTEGER PRIMARY KEY, name TEXT); PRAGMA user_version = " +
                          std::to_string(version))
                    .has_value());
    const auto expected = path + " is not a ptplab report: an SQLite database with user_version " +
                          std::to_string(version) + " but the table run without the column ";
    EXPECT_EQ(ReportReader::open(path).error().rfind(expected, 0), 0u) << ReportReader::open(path).error();
    const auto written = ReportWriter::open(path);
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().rfind(expected, 0), 0u) << written.error();
    auto db = Database::open(path, false).value();
    auto tables = db.prepare("SELECT count(*) FROM sqlite_master").value();
    ASSERT_TRUE(tables.step());
    EXPECT_EQ(tables.int64(0), 1) << "the writer added tables to another application's database";
  }
}

TEST(ReportReader, RunRowAndParameters) {
  const auto s = sample_summary();
  EXPECT_EQ(s.run.scenario, "line3");
  EXPECT_EQ(s.run.status, "complete");
  EXPECT_EQ(s.run.events, 1234u);
  EXPECT_DOUBLE_EQ(s.run.simulated_seconds, 2.0);
  ASSERT_EQ(s.params.size(), 2u);
  EXPECT_EQ(s.params[1].name, "/network/latency/delay");
}

// Every column of `run` reads back into its RunRow member; a run still running reads its NULL
// end columns as empty values.
TEST(ReportReader, EveryRunColumnReadsBack) {
  const auto path = temp_report_path("run_row");
  {
    auto writer = ReportWriter::open(path).value();
    ASSERT_TRUE(writer.begin_run({"a", "{}", 7, "1.2", "2026-11-25T17:00:00Z", "/x=1"}));
    ASSERT_TRUE(writer.finish_run({RunStatus::kComplete, "2026-11-25T17:00:03Z", 3.5, 10.0, 77, 2048}));
    ASSERT_TRUE(writer.begin_run({"b", "{\"b\": 2}", 8, "1.3", "2026-11-25T18:00:00Z", ""}));
  }
  auto reader = ReportReader::open(path).value();
  const auto runs = reader.list_runs().value();
  ASSERT_EQ(runs.size(), 2u);
  const RunRow& a = runs[0];
  EXPECT_EQ(a.run_id, 1);
  EXPECT_EQ(a.scenario, "a");
  EXPECT_EQ(a.scenario_text, "{}");
  EXPECT_EQ(a.seed, 7u);
  EXPECT_EQ(a.version, "1.2");
  EXPECT_EQ(a.started, "2026-11-25T17:00:00Z");
  EXPECT_EQ(a.finished, "2026-11-25T17:00:03Z");
  EXPECT_DOUBLE_EQ(a.wall_seconds, 3.5);
  EXPECT_DOUBLE_EQ(a.simulated_seconds, 10.0);
  EXPECT_EQ(a.events, 77u);
  EXPECT_EQ(a.peak_rss_bytes, 2048u);
  EXPECT_EQ(a.status, "complete");
  EXPECT_EQ(a.sweep_point, "/x=1");
  const RunRow& b = runs[1];
  EXPECT_EQ(b.run_id, 2);
  EXPECT_EQ(b.scenario_text, "{\"b\": 2}");
  EXPECT_EQ(b.status, "running");
  EXPECT_EQ(b.finished, "");
  EXPECT_EQ(b.events, 0u);
  EXPECT_DOUBLE_EQ(b.wall_seconds, 0.0);
}

TEST(ReportReader, DeliveryAndLatencyFromRows) {
  const auto d = sample_summary().delivery;
  EXPECT_EQ(d.messages, 2u);
  EXPECT_EQ(d.intended, 4u);
  EXPECT_EQ(d.delivered, 3u);
  EXPECT_DOUBLE_EQ(d.ratio.value(), 0.75);
  // Latencies 20, 20, 40 ms: nearest rank p50 = 2nd = 20, p90 = p99 = max = 40.
  EXPECT_DOUBLE_EQ(d.latency_p50_ms.value(), 20);
  EXPECT_DOUBLE_EQ(d.latency_p90_ms.value(), 40);
  EXPECT_DOUBLE_EQ(d.latency_p99_ms.value(), 40);
  EXPECT_DOUBLE_EQ(d.latency_max_ms.value(), 40);
}

TEST(ReportReader, TrafficDropsCollisionsNat) {
  const auto s = sample_summary();
  ASSERT_EQ(s.traffic.size(), 3u);
  EXPECT_EQ(s.traffic[0].verb, "MESSAGE");  // most bytes first
  EXPECT_EQ(s.traffic[0].datagrams_sent, 6u);
  EXPECT_EQ(s.traffic[0].bytes_sent, 1600u);
  ASSERT_EQ(s.drops.size(), 2u);
  EXPECT_EQ(s.drops[0].reason, "loss");
  EXPECT_EQ(s.drops[0].bytes, 300u);
  ASSERT_EQ(s.collisions.size(), 1u);
  EXPECT_EQ(s.collisions[0].holders, 2u);
  EXPECT_EQ(s.collisions[0].messages_wrongly_suppressed, 1u);
  ASSERT_EQ(s.nat.size(), 2u);
  EXPECT_EQ(s.nat[0].nat_b, "full_cone");
  EXPECT_EQ(s.nat[0].successes, 2u);
  EXPECT_DOUBLE_EQ(s.nat[0].time_to_connect_p50_ms.value(), 150);
  EXPECT_EQ(s.nat[1].successes, 0u);
  EXPECT_FALSE(s.nat[1].time_to_connect_p50_ms.has_value());
}

TEST(ReportReader, ScalarsStatisticsExpectations) {
  const auto s = sample_summary();
  ASSERT_EQ(s.scalars.size(), 1u);
  EXPECT_DOUBLE_EQ(s.scalars[0].value, 0.75);
  ASSERT_EQ(s.statistics.size(), 1u);
  EXPECT_EQ(s.statistics[0].count, 3u);
  ASSERT_EQ(s.expectations.size(), 2u);
  EXPECT_TRUE(s.expectations[0].passed);
  EXPECT_FALSE(s.expectations[1].passed);
  EXPECT_DOUBLE_EQ(s.expectations[1].actual.value(), 40);
}

TEST(ReportReader, ListsRunsAndRejectsUnknownOnes) {
  const auto path = temp_report_path("list");
  {
    auto writer = ReportWriter::open(path).value();
    write_sample_run(writer, 1);
    write_sample_run(writer, 2);
  }
  auto reader = ReportReader::open(path).value();
  const auto runs = reader.list_runs().value();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[1].seed, 2u);
  EXPECT_FALSE(reader.load_summary(3).has_value());
  EXPECT_FALSE(ReportReader::open("/nonexistent/x.db").has_value());
}

}  // namespace
}  // namespace ptplab::reports
