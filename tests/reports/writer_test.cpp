// ReportWriter: every table round-trips through SQLite, batches commit, runs are numbered,
// interrupted runs stay readable, and files of another schema are refused.
#include "reports/writer.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "reports/reader.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/writer_presence.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

using testing::temp_report_path;
using testing::write_sample_run;

// Counts rows of `sql` (a SELECT count(*) ...) in the file.
std::int64_t scalar_query(const std::string& path, const std::string& sql) {
  auto db = Database::open(path, false);
  EXPECT_TRUE(db.has_value());
  auto stmt = db->prepare(sql);
  EXPECT_TRUE(stmt.has_value()) << (stmt ? "" : stmt.error());
  EXPECT_TRUE(stmt->step());
  return stmt->int64(0);
}

TEST(ReportWriter, WritesEveryTable) {
  const auto path = temp_report_path("all");
  {
    auto writer = ReportWriter::open(path).value();
    EXPECT_EQ(write_sample_run(writer), 1);
  }
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run WHERE status = 'complete'"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run_param"), 2);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM node"), 3);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM message"), 2);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM delivery"), 3);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM scalar"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count FROM statistic"), 3);
  EXPECT_EQ(scalar_query(path, "SELECT sum(count) FROM histogram"), 3);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM timeseries"), 2);
  EXPECT_EQ(scalar_query(path, "SELECT sum(bytes_sent) FROM traffic"), 2350);
  EXPECT_EQ(scalar_query(path, "SELECT count FROM collision WHERE kind = 'msg_id'"), 2);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM nat_attempt WHERE time_to_connect_ns IS NULL"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM expectation WHERE NOT passed"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT events FROM run"), 1234);
  EXPECT_EQ(scalar_query(path, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"), 1);
}

TEST(ReportWriter, NumbersRunsAndAppendsToExistingFiles) {
  const auto path = temp_report_path("append");
  {
    auto writer = ReportWriter::open(path).value();
    EXPECT_EQ(write_sample_run(writer, 1), 1);
    EXPECT_EQ(write_sample_run(writer, 2), 2);
  }
  {
    auto writer = ReportWriter::open(path).value();
    EXPECT_EQ(write_sample_run(writer, 3), 3);
  }
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run"), 3);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM delivery WHERE run_id = 2"), 3);
  auto truncated = ReportWriter::open(path, {.truncate = true}).value();
  EXPECT_EQ(write_sample_run(truncated, 1), 1);
}

TEST(ReportWriter, BatchesCommitWhileTheRunIsOpen) {
  const auto path = temp_report_path("batch");
  auto writer = ReportWriter::open(path, {.batch_rows_max = 10}).value();
  ASSERT_TRUE(writer.begin_run({"batch", "{}", 1, "0.1.0", "2026-11-25T17:00:00Z", ""}).has_value());
  for (int i = 0; i < 25; ++i) writer.add(TimeseriesRecord{"x", i, 1.0 * i});
  // Two batches of 10 are on disk; 5 rows are still buffered.
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM timeseries"), 20);
  EXPECT_EQ(writer.flush().value(), 5u);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM timeseries"), 25);
  EXPECT_EQ(writer.flush().value(), 0u);
}

TEST(ReportWriter, InterruptedRunKeepsWhatWasRecorded) {
  const auto path = temp_report_path("interrupted");
  auto writer = ReportWriter::open(path).value();
  const RunId run = writer.begin_run({"long", "{}", 9, "0.1.0", "2026-11-25T17:00:00Z", ""}).value();
  writer.add(DeliveryRecord{"m1", 1, 5, 5, 1, true});
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run WHERE status = 'running'"), 1);
  // What a signal-aware runner does on SIGINT: finish the run as interrupted.
  EXPECT_EQ(writer.finish_run({RunStatus::kInterrupted, "2026-11-25T17:00:01Z", 1.0, 0.5, 10, 0}).value(),
            run);
  EXPECT_EQ(writer.current_run(), 0);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run WHERE status = 'interrupted'"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM delivery"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
            1);
}

// The wrapper follows SQLite's C API: bind(1, ...) sets the first parameter, int64(0) reads the
// first result column (reports/sqlite_db.hpp).
TEST(Statement, BindsCountFromOneColumnsFromZero) {
  auto db = Database::open(temp_report_path("stmt"), true).value();
  auto stmt = db.prepare("SELECT ?1, ?2, ?").value();
  stmt.bind(1, std::int64_t{7});
  stmt.bind(2, std::string_view("x"));
  stmt.bind(3, 0.5);
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.column_count(), 3);
  EXPECT_EQ(stmt.int64(0), 7);
  EXPECT_EQ(stmt.text(1), "x");
  EXPECT_DOUBLE_EQ(stmt.real(2), 0.5);
}

// The run table made from kRunColumns is the one every schema-4 report has: same columns, same
// order, same types and constraints (pragma_table_info: name, type, notnull, pk).
TEST(ReportWriter, RunTableKeepsTheSchema4Columns) {
  const auto path = temp_report_path("run_columns");
  { auto writer = ReportWriter::open(path).value(); }
  auto db = Database::open(path, false).value();
  auto stmt =
      db.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info('run') ORDER BY cid").value();
  std::string columns;
  while (stmt.step()) {
    columns += stmt.text(0) + " " + stmt.text(1) + (stmt.int64(2) ? " NOT NULL" : "") +
               (stmt.int64(3) ? " PRIMARY KEY" : "") + "; ";
  }
  EXPECT_EQ(columns,
            "run_id INTEGER PRIMARY KEY; scenario TEXT NOT NULL; scenario_text TEXT NOT NULL; "
            "seed INTEGER NOT NULL; version TEXT NOT NULL; started TEXT NOT NULL; finished TEXT; "
            "wall_seconds REAL; simulated_seconds REAL; events INTEGER; peak_rss_bytes INTEGER; "
            "status TEXT NOT NULL; sweep_point TEXT NOT NULL; sweep_plan TEXT NOT NULL; sweep_index INTEGER; "
            "sweep_runs INTEGER; sweep_shard TEXT NOT NULL; ");
}

// begin_run writes the RunInfo columns and leaves the RunEnd ones NULL; finish_run fills them.
TEST(ReportWriter, RunRowIsWrittenInTwoSteps) {
  const auto path = temp_report_path("run_steps");
  auto writer = ReportWriter::open(path).value();
  ASSERT_TRUE(writer.begin_run({"two", "{\"a\": 1}", 42, "9.9", "2026-11-25T17:00:00Z", "/x=1 seed=42"}));
  EXPECT_EQ(
      scalar_query(path,
                   "SELECT count(*) FROM run WHERE scenario = 'two' AND scenario_text = '{\"a\": 1}' AND "
                   "seed = 42 AND version = '9.9' AND started = '2026-11-25T17:00:00Z' AND "
                   "sweep_point = '/x=1 seed=42' AND status = 'running' AND finished IS NULL AND "
                   "wall_seconds IS NULL AND simulated_seconds IS NULL AND events IS NULL AND "
                   "peak_rss_bytes IS NULL"),
      1);
  ASSERT_TRUE(writer.finish_run({RunStatus::kTimedOut, "2026-11-25T17:00:02Z", 2.5, 7.25, 99, 4096}));
  EXPECT_EQ(
      scalar_query(path,
                   "SELECT count(*) FROM run WHERE status = 'timed_out' AND "
                   "finished = '2026-11-25T17:00:02Z' AND wall_seconds = 2.5 AND simulated_seconds = 7.25 "
                   "AND events = 99 AND peak_rss_bytes = 4096 AND seed = 42"),
      1);
}

TEST(ReportWriter, DestructorFlushesARunLeftOpen) {
  const auto path = temp_report_path("open");
  {
    auto writer = ReportWriter::open(path).value();
    ASSERT_TRUE(writer.begin_run({"open", "{}", 1, "0.1.0", "t", ""}).has_value());
    writer.add(ScalarRecord{"metrics", "x", 1});
  }
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run WHERE status = 'running'"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM scalar"), 1);
}

TEST(ReportWriter, ConformanceRowsWithoutARunHaveANullRunId) {
  const auto path = temp_report_path("conformance");
  {
    auto writer = ReportWriter::open(path).value();
    writer.add(ConformanceRecord{"127.0.0.1:9000", "hello-1", "HELLO", "MUST", "pass", "got HELLO", 0.01});
    ASSERT_EQ(writer.flush().value(), 1u);
  }
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM conformance_result WHERE run_id IS NULL"), 1);
}

// Review 14 M1: a run left `running` by a writer that was killed is told apart from one being
// written by the writer's flock (writer_presence.hpp), which the kernel drops with the process.
TEST(ReportWriter, HoldsItsPresenceWhileOpen) {
  const auto path = temp_report_path("presence");
  {
    auto writer = ReportWriter::open(path).value();
    ASSERT_TRUE(writer.begin_run(RunInfo{}).has_value());
    EXPECT_EQ(writer_present(path), std::optional<bool>(true));
  }
  EXPECT_EQ(writer_present(path), std::optional<bool>(false));
  EXPECT_EQ(writer_present(path + ".none"), std::nullopt);
}

// An exclusive flock on the report (`sweep --resume`'s ResumeLock, here in this very process) does
// not make opening a writer wait: a blocking shared flock deadlocked every resume (review6 S1). The
// presence is taken by the first batch written after the exclusive lock is gone.
TEST(ReportWriter, OpensBesideAnExclusiveFlockAndTakesItsPresenceLater) {
  const auto path = temp_report_path("presence-resume");
  (void)ReportWriter::open(path).value();
  const int resume_lock = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(resume_lock, 0);
  ASSERT_EQ(::flock(resume_lock, LOCK_EX | LOCK_NB), 0);
  auto writer = ReportWriter::open(path);  // returns: the test would hang here before the fix
  ASSERT_TRUE(writer.has_value()) << writer.error();
  ASSERT_TRUE(writer->begin_run(RunInfo{}).has_value());
  ::close(resume_lock);  // the resume ends
  writer->add(TimeseriesRecord{"x", 1, 1.0});
  ASSERT_TRUE(writer->flush().has_value());
  EXPECT_EQ(writer_present(path), std::optional<bool>(true));
}

TEST(ReportWriter, FinishWithoutBeginIsAnError) {
  auto writer = ReportWriter::open(temp_report_path("nobegin")).value();
  EXPECT_FALSE(writer.finish_run({}).has_value());
}

TEST(ReportWriter, RefusesFilesOfAnotherSchema) {
  const auto path = temp_report_path("foreign");
  {
    auto db = Database::open(path, true).value();
    ASSERT_TRUE(db.exec("CREATE TABLE other (x); PRAGMA user_version = 7").has_value());
  }
  const auto writer = ReportWriter::open(path);
  ASSERT_FALSE(writer.has_value());
  EXPECT_NE(writer.error().find("schema version"), std::string::npos) << writer.error();
  EXPECT_FALSE(ReportWriter::open("/nonexistent-dir/x.db").has_value());
}

// What is not a report is called exactly that, and is left as it was.
TEST(ReportWriter, SaysAFileIsNotAReport) {
  const auto text = temp_report_path("text");
  std::FILE* f = std::fopen(text.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("just some notes, long enough to be read as a database header\n", f);
  std::fclose(f);
  const auto from_text = ReportWriter::open(text);
  ASSERT_FALSE(from_text.has_value());
  EXPECT_EQ(from_text.error(), text + " is not a ptplab report: file is not a database");

  const auto other = temp_report_path("other-tables");
  ASSERT_TRUE(Database::open(other, true).value().exec("CREATE TABLE t (x)").has_value());
  const auto from_other = ReportWriter::open(other);
  ASSERT_FALSE(from_other.has_value());
  EXPECT_EQ(from_other.error(),
            other + " is not a ptplab report: an SQLite database with other tables (user_version 0)");
  EXPECT_EQ(scalar_query(other, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 1);
}

// Review finding 22: `run --report /dev/null` simulated the whole run, then failed to read
// back its schema. A path that is not a regular file is refused when the report is opened.
TEST(ReportWriter, RefusesWhatIsNotARegularFile) {
  for (const std::string path : {"/dev/null", "/tmp"}) {
    const auto writer = ReportWriter::open(path);
    ASSERT_FALSE(writer.has_value()) << path;
    EXPECT_EQ(writer.error(), "cannot use " + path + " as a report: not a regular file");
  }
}

// A second writer on a report the first is writing in a transaction waits for it instead of
// failing with "database is locked", and both runs land.
TEST(ReportWriter, SecondWriterWaitsForTheFirstsTransaction) {
  const auto path = temp_report_path("two-writers");
  auto first = ReportWriter::open(path).value();
  auto second = ReportWriter::open(path).value();
  auto holder = Database::open(path, true).value();
  ASSERT_TRUE(holder.exec("BEGIN IMMEDIATE").has_value());
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    (void)holder.exec("COMMIT");
  });
  const auto a = first.begin_run({"a", "{}", 1, "test", "2026-11-29T18:00:00Z", ""});
  release.join();
  const auto b = second.begin_run({"b", "{}", 2, "test", "2026-11-29T18:00:01Z", ""});
  ASSERT_TRUE(a.has_value()) << a.error();
  ASSERT_TRUE(b.has_value()) << b.error();
  EXPECT_NE(*a, *b);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run"), 2);
}

// A run whose report is locked by another writer past the wait (after a stop: 1 s) is not
// lost: the writer goes on in its fallback report, which gets the run's row and every row not
// yet committed; the locked file is left as it was (review finding: lock_sig.sh).
TEST(ReportWriter, GoesOnInItsFallbackWhenTheLockCannotBeHad) {
  const auto path = temp_report_path("locked");
  const std::string fallback = path + ".1.pending.db";
  auto writer = ReportWriter::open(path, {.batch_rows_max = 2, .fallback_path = fallback}).value();
  const RunId run = writer.begin_run({"locked", "{}", 7, "test", "2026-11-30T12:00:00Z", ""}).value();
  writer.add(TimeseriesRecord{"x", 0, 0.0});
  writer.add(TimeseriesRecord{"x", 1, 1.0});  // a batch of 2: committed to `path`
  auto holder = Database::open(path, true).value();
  ASSERT_TRUE(holder.exec("BEGIN IMMEDIATE").has_value());
  writer.add(TimeseriesRecord{"x", 2, 2.0});
  const std::atomic<bool> stopped{true};
  give_up_lock_waits_when(&stopped);
  const auto finished = writer.finish_run({RunStatus::kInterrupted, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0});
  give_up_lock_waits_when(nullptr);
  ASSERT_TRUE(finished.has_value()) << finished.error();
  ASSERT_TRUE(writer.diverted().has_value());
  EXPECT_EQ(writer.diverted()->path, fallback);
  EXPECT_EQ(writer.diverted()->partial_run_in_file, run);
  (void)holder.exec("ROLLBACK");
  EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM run WHERE status = 'interrupted' AND seed = 7"), 1);
  EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM timeseries WHERE run_id = 1 AND t_ns = 2"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM timeseries"), 2);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run WHERE status = 'running'"), 1);
  // The next run goes to the fallback too, as a whole.
  EXPECT_EQ(write_sample_run(writer), 2);
  EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM run WHERE status = 'complete'"), 1);
}

// A reader holding the file past the wait for COMMIT's exclusive lock: the batch goes to the
// fallback too (lock_hold.sh, read mode).
TEST(ReportWriter, GoesOnInItsFallbackWhenAReaderOutlastsTheCommit) {
  const auto path = temp_report_path("read-locked");
  const std::string fallback = path + ".1.pending.db";
  auto writer = ReportWriter::open(path, {.fallback_path = fallback}).value();
  ASSERT_TRUE(writer.begin_run({"read", "{}", 3, "test", "2026-11-30T12:00:00Z", ""}).has_value());
  writer.add(TimeseriesRecord{"x", 5, 5.0});
  auto reader = Database::open(path, false).value();
  ASSERT_TRUE(reader.exec("BEGIN").has_value());
  auto reading = reader.prepare("SELECT run_id FROM run").value();
  ASSERT_TRUE(reading.step());  // a shared lock, held while the statement is open
  const std::atomic<bool> stopped{true};
  give_up_lock_waits_when(&stopped);
  const auto finished = writer.finish_run({RunStatus::kComplete, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0});
  give_up_lock_waits_when(nullptr);
  ASSERT_TRUE(finished.has_value()) << finished.error();
  ASSERT_TRUE(writer.diverted().has_value());
  EXPECT_EQ(writer.diverted()->partial_run_in_file, 1);  // its row was written at begin_run
  reading = Statement();
  (void)reader.exec("COMMIT");
  EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM timeseries WHERE run_id = 1 AND t_ns = 5"), 1);
  EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM run WHERE status = 'complete'"), 1);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM timeseries"), 0);
}

// Review finding (review2 S2): a run of a report that already held runs lost the lock part-way,
// then was stopped: its end went to the run of the same id in the fallback, which was not the
// run's there, and the fallback kept the run `running` though stderr said interrupted. The run
// keeps its id in the fallback when that is free, and its end is written whatever its id there.
TEST(ReportWriter, ARunDivertedPartWayEndsAsItEndedInTheFallback) {
  for (const bool id_taken_in_fallback : {false, true}) {
    SCOPED_TRACE(id_taken_in_fallback ? "run 3 taken in the fallback" : "run 3 free in the fallback");
    const auto path = temp_report_path(id_taken_in_fallback ? "locked-later-taken" : "locked-later-free");
    const std::string fallback = path + ".1.pending.db";
    {
      auto earlier = ReportWriter::open(path).value();
      write_sample_run(earlier, 1);
      write_sample_run(earlier, 2);
    }
    if (id_taken_in_fallback) {
      auto other = ReportWriter::open(fallback).value();
      for (std::uint64_t seed = 1; seed <= 3; ++seed) write_sample_run(other, seed);
    }
    auto writer = ReportWriter::open(path, {.batch_rows_max = 2, .fallback_path = fallback}).value();
    const RunId run = writer.begin_run({"later", "{}", 9, "test", "2026-11-30T12:00:00Z", ""}).value();
    ASSERT_EQ(run, 3);
    writer.add(TimeseriesRecord{"x", 0, 0.0});
    writer.add(TimeseriesRecord{"x", 1, 1.0});  // committed to `path`
    auto holder = Database::open(path, true).value();
    ASSERT_TRUE(holder.exec("BEGIN IMMEDIATE").has_value());
    writer.add(TimeseriesRecord{"x", 2, 2.0});
    const std::atomic<bool> stopped{true};
    give_up_lock_waits_when(&stopped);
    const auto finished =
        writer.finish_run({RunStatus::kInterrupted, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0});
    give_up_lock_waits_when(nullptr);
    (void)holder.exec("ROLLBACK");
    ASSERT_TRUE(finished.has_value()) << finished.error();
    ASSERT_TRUE(writer.diverted().has_value());
    EXPECT_EQ(writer.diverted()->partial_run_in_file, 3);
    const int id_there = id_taken_in_fallback ? 4 : 3;
    EXPECT_EQ(scalar_query(fallback, "SELECT run_id FROM run WHERE seed = 9 AND status = 'interrupted'"),
              id_there);
    EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM run WHERE status = 'running'"), 0);
    EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM timeseries WHERE t_ns = 2 AND run_id = " +
                                         std::to_string(id_there)),
              1);
    EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run WHERE run_id = 3 AND status = 'running'"), 1);
  }
}

// Locked from the start: the writer opens its fallback instead, and the run is whole there.
TEST(ReportWriter, OpensItsFallbackWhenTheFileIsLockedFromTheStart) {
  const auto path = temp_report_path("locked-open");
  const std::string fallback = path + ".1.pending.db";
  (void)ReportWriter::open(path).value();
  auto holder = Database::open(path, true).value();
  ASSERT_TRUE(holder.exec("BEGIN EXCLUSIVE").has_value());
  const std::atomic<bool> stopped{true};
  give_up_lock_waits_when(&stopped);
  auto writer = ReportWriter::open(path, {.fallback_path = fallback});
  give_up_lock_waits_when(nullptr);
  ASSERT_TRUE(writer.has_value()) << writer.error();
  ASSERT_TRUE(writer->diverted().has_value());
  EXPECT_EQ(writer->diverted()->partial_run_in_file, 0);
  EXPECT_EQ(write_sample_run(*writer), 1);
  (void)holder.exec("ROLLBACK");
  EXPECT_EQ(scalar_query(fallback, "SELECT count(*) FROM delivery WHERE run_id = 1"), 3);
  EXPECT_EQ(scalar_query(path, "SELECT count(*) FROM run"), 0);
}

TEST(ReportWriter, RunStatusNamesRoundTrip) {
  for (const auto s : {RunStatus::kRunning, RunStatus::kComplete, RunStatus::kInterrupted, RunStatus::kFailed,
                       RunStatus::kTimedOut}) {
    EXPECT_EQ(parse_run_status(run_status_name(s)), s);
  }
  EXPECT_EQ(parse_run_status("done"), std::nullopt);
}

// Writes the sample report where tests/e2e/report.sh asks for it (no-op otherwise).
TEST(ReportWriter, WritesTheE2eFixtureWhenAsked) {
  const char* fixture = std::getenv("PTPLAB_REPORT_FIXTURE");
  const std::string path = fixture ? fixture : temp_report_path("fixture");
  auto writer = ReportWriter::open(path, {.truncate = true}).value();
  EXPECT_EQ(write_sample_run(writer), 1);
}

// Review 14 S1: `report merge --replace R.db` renamed a new report over R.db while a `ptplab run`
// had it open, its run not yet begun: the run went to the old file, gone with it, exit 0. The
// writer checks inside its write transaction that the file at its path is the one it writes, and
// begins the run in the file now there.
TEST(ReportWriter, ARunBegunAfterItsFileWasReplacedGoesToTheFileNowThere) {
  const auto path = temp_report_path("replaced");
  const auto replacement = temp_report_path("replacement");
  {
    auto r = ReportWriter::open(replacement).value();
    write_sample_run(r, 2);
  }
  auto w = ReportWriter::open(path).value();
  write_sample_run(w, 1);  // a run finished before the replace goes with the old file
  ASSERT_EQ(std::rename(replacement.c_str(), path.c_str()), 0);
  EXPECT_EQ(write_sample_run(w, 3), 2);
  auto reader = ReportReader::open(path).value();
  const auto runs = reader.list_runs().value();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[1].seed, 3u);
  EXPECT_EQ(runs[1].status, "complete");
}

// A file replaced while a run is being written to it (`report merge --replace` refuses that, but a
// `mv` does not): the run's rows since cannot go anywhere, and the error says why.
TEST(ReportWriter, AFileReplacedUnderAnOpenRunIsAnErrorSayingSo) {
  const auto path = temp_report_path("replaced-open");
  const auto replacement = temp_report_path("replacement-open");
  ASSERT_TRUE(ReportWriter::open(replacement).has_value());
  auto w = ReportWriter::open(path).value();
  ASSERT_EQ(w.begin_run({"b", "{}", 5, "test", "2026-11-30T12:00:00Z", ""}).value(), 1);
  ASSERT_EQ(std::rename(replacement.c_str(), path.c_str()), 0);
  w.add(TimeseriesRecord{"x", 0, 0.0});
  const auto flushed = w.flush();
  ASSERT_FALSE(flushed.has_value());
  EXPECT_NE(flushed.error().find(path + " was replaced by another process while run 1 was written"),
            std::string::npos)
      << flushed.error();
}

}  // namespace
}  // namespace ptplab::reports
