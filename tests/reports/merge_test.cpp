// merge_report: runs are appended with new ids and every row follows its run. copy_runs: the
// runs named, in the order named, from several files.
#include "reports/merge.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>

#include "reports/digest.hpp"
#include "reports/reader.hpp"
#include "reports/sqlite_db.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

using testing::temp_report_path;
using testing::write_sample_run;

TEST(MergeReport, AppendsRunsWithNewIdsAndTheirRows) {
  const auto a = temp_report_path("a");
  const auto b = temp_report_path("b");
  {
    auto wa = ReportWriter::open(a).value();
    write_sample_run(wa, 1);
    auto wb = ReportWriter::open(b).value();
    write_sample_run(wb, 2);
    write_sample_run(wb, 3);
  }
  const auto merged = temp_report_path("merged");
  EXPECT_EQ(merge_report(merged, a).value(), std::vector<RunId>{1});
  EXPECT_EQ(merge_report(merged, b).value(), (std::vector<RunId>{2, 3}));
  auto reader = ReportReader::open(merged).value();
  const auto runs = reader.list_runs().value();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[2].run_id, 3);
  EXPECT_EQ(runs[2].seed, 3u);
  EXPECT_EQ(reader.load_summary(3).value().delivery.delivered, 3u);
  // Each merged run has exactly the content it had in its own file.
  EXPECT_EQ(report_digest(merged, 2).value(), report_digest(b, 1).value());
  EXPECT_EQ(report_digest(merged, 3).value(), report_digest(b, 2).value());
}

TEST(MergeReport, MissingSourceIsAnError) {
  EXPECT_FALSE(merge_report(temp_report_path("dest"), "/nonexistent/x.db").has_value());
}

TEST(CopyRuns, CopiesTheNamedRunsInTheOrderGivenAcrossFiles) {
  const auto a = temp_report_path("a");
  const auto b = temp_report_path("b");
  {
    auto wa = ReportWriter::open(a).value();
    write_sample_run(wa, 1);
    write_sample_run(wa, 3);
    auto wb = ReportWriter::open(b).value();
    write_sample_run(wb, 2);
  }
  const auto out = temp_report_path("out");
  // Interleaved as `ptplab report merge` puts a sweep's shards back: a1, b1, a2.
  EXPECT_EQ(copy_runs(out, {{a, 1}, {b, 1}, {a, 2}}).value(), (std::vector<RunId>{1, 2, 3}));
  auto reader = ReportReader::open(out).value();
  const auto runs = reader.list_runs().value();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].seed, 1u);
  EXPECT_EQ(runs[1].seed, 2u);
  EXPECT_EQ(runs[2].seed, 3u);
  EXPECT_EQ(report_digest(out, 2).value(), report_digest(b, 1).value());
  EXPECT_EQ(report_digest(out, 3).value(), report_digest(a, 2).value());
}

TEST(CopyRuns, AMissingRunIsAnErrorNamingIt) {
  const auto a = temp_report_path("a");
  {
    auto wa = ReportWriter::open(a).value();
    write_sample_run(wa, 1);
  }
  const auto copied = copy_runs(temp_report_path("out"), {{a, 1}, {a, 7}});
  ASSERT_FALSE(copied.has_value());
  EXPECT_NE(copied.error().find("run 7"), std::string::npos) << copied.error();
}

// Review finding (review2 S2): a run that lost the lock of its report part-way left its first
// rows there (`running`) and the rest in its pending report; `report merge --append` made them two
// runs. With join_continued the rest is joined to its first rows: one run, as if written whole.
TEST(CopyRuns, JoinsTheRestOfARunThatLostTheLockToItsFirstRows) {
  const auto write = [](ReportWriter& w, Database* lock_after_first_batch) {
    const RunId run = w.begin_run({"split", "{}", 5, "test", "2026-11-30T12:00:00Z", ""}).value();
    w.add(TimeseriesRecord{"x", 0, 0.0});
    w.add(TimeseriesRecord{"x", 1, 1.0});   // a batch of 2: committed
    const std::atomic<bool> stopped{true};  // lock waits give up after 1 s
    if (lock_after_first_batch) {
      EXPECT_TRUE(lock_after_first_batch->exec("BEGIN IMMEDIATE").has_value());
      give_up_lock_waits_when(&stopped);
    }
    w.add(TimeseriesRecord{"x", 2, 2.0});
    w.add(TimeseriesRecord{"y", 3, 3.0});  // a batch of 2: goes to the pending report
    const auto end = w.finish_run({RunStatus::kComplete, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0});
    give_up_lock_waits_when(nullptr);
    if (lock_after_first_batch) (void)lock_after_first_batch->exec("ROLLBACK");
    EXPECT_TRUE(end.has_value()) << end.error();
    return run;
  };
  const auto whole = temp_report_path("whole");
  {
    auto w = ReportWriter::open(whole).value();
    write(w, nullptr);
  }
  for (const bool join : {true, false}) {
    SCOPED_TRACE(join ? "joined" : "appended");
    const auto split = temp_report_path(join ? "split-joined" : "split-appended");
    const std::string pending = split + ".1.pending.db";
    {
      auto w = ReportWriter::open(split, {.batch_rows_max = 2, .fallback_path = pending}).value();
      auto holder = Database::open(split, true).value();
      write(w, &holder);
      ASSERT_TRUE(w.diverted().has_value());
      EXPECT_EQ(w.diverted()->partial_run_in_file, 1);
    }
    const auto ids = copy_runs(split, {{pending, 1}}, join);
    ASSERT_TRUE(ids.has_value()) << ids.error();
    auto reader = ReportReader::open(split).value();
    const auto runs = reader.list_runs().value();
    if (join) {
      EXPECT_EQ(*ids, std::vector<RunId>{1});
      ASSERT_EQ(runs.size(), 1u);
      EXPECT_EQ(runs[0].status, "complete");
      EXPECT_EQ(report_digest(split, 1).value(), report_digest(whole, 1).value());
    } else {
      EXPECT_EQ(*ids, std::vector<RunId>{2});
      ASSERT_EQ(runs.size(), 2u);
      EXPECT_EQ(runs[0].status, "running");
    }
  }
}

// Review 12 S1: the pending report already held a run with the stub's id (a run of the same
// command that went there whole), so the rest of the run had another id there: it is still
// joined to its first rows, found by what the run is.
TEST(CopyRuns, JoinsTheRestOfARunUnderAnotherIdInThePendingReport) {
  const auto out = temp_report_path("stub-1");
  const auto pending = temp_report_path("pending-2");
  {
    auto w = ReportWriter::open(out).value();
    ASSERT_EQ(w.begin_run({"b", "{}", 5, "test", "2026-11-30T12:00:00Z", ""}).value(), 1);
    w.add(TimeseriesRecord{"x", 0, 0.0});
    ASSERT_TRUE(w.flush().has_value());
    auto p = ReportWriter::open(pending).value();
    write_sample_run(p, 1);  // run 1 there: another run
    ASSERT_EQ(p.begin_run({"b", "{}", 5, "test", "2026-11-30T12:00:00Z", ""}).value(), 2);
    p.add(TimeseriesRecord{"x", 1, 1.0});
    ASSERT_TRUE(p.finish_run({RunStatus::kInterrupted, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0}).has_value());
  }  // `out`'s run 1 is left running
  EXPECT_EQ(copy_runs(out, {{pending, 1}, {pending, 2}}, /*join_continued=*/true).value(),
            (std::vector<RunId>{2, 1}));
  auto reader = ReportReader::open(out).value();
  const auto runs = reader.list_runs().value();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].status, "interrupted");
  EXPECT_EQ(runs[0].events, 10u);
}

// Review 12 (second): the pending report joined into another report before the report holding the
// run's first rows: those came second, and were appended as a run left `running`. The parts of
// a run join in either order, the end taken from the finished one.
TEST(CopyRuns, JoinsTheTwoPartsOfARunInEitherOrder) {
  const auto first = temp_report_path("first-rows");
  const auto rest = temp_report_path("rest");
  {
    auto w = ReportWriter::open(first).value();
    ASSERT_EQ(w.begin_run({"b", "{}", 5, "test", "2026-11-30T12:00:00Z", ""}).value(), 1);
    w.add(TimeseriesRecord{"x", 0, 0.0});
    ASSERT_TRUE(w.flush().has_value());
    auto p = ReportWriter::open(rest).value();
    ASSERT_EQ(p.begin_run({"b", "{}", 5, "test", "2026-11-30T12:00:00Z", ""}).value(), 1);
    p.add(TimeseriesRecord{"x", 1, 1.0});
    ASSERT_TRUE(p.finish_run({RunStatus::kInterrupted, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0}).has_value());
  }  // `first`'s run is left running
  const auto rest_first = temp_report_path("all-rest-first");
  EXPECT_EQ(copy_runs(rest_first, {{rest, 1}, {first, 1}}, /*join_continued=*/true).value(),
            (std::vector<RunId>{1, 1}));
  const auto first_first = temp_report_path("all-first-first");
  EXPECT_EQ(copy_runs(first_first, {{first, 1}, {rest, 1}}, /*join_continued=*/true).value(),
            (std::vector<RunId>{1, 1}));
  for (const auto& all : {rest_first, first_first}) {
    auto reader = ReportReader::open(all).value();
    const auto runs = reader.list_runs().value();
    ASSERT_EQ(runs.size(), 1u) << all;
    EXPECT_EQ(runs[0].status, "interrupted");
    EXPECT_EQ(runs[0].events, 10u);
  }
  EXPECT_EQ(report_digest(rest_first).value(), report_digest(first_first).value());
}

// A run of another file that merely has the same id as a `running` run is appended, not joined:
// the two must agree on scenario, text, seed, version, start and sweep point.
TEST(CopyRuns, JoinsOnlyTheSameRun) {
  const auto out = temp_report_path("out");
  const auto other = temp_report_path("other");
  {
    auto w = ReportWriter::open(out).value();
    ASSERT_EQ(w.begin_run({"split", "{}", 5, "test", "2026-11-30T12:00:00Z", ""}).value(), 1);
    auto o = ReportWriter::open(other).value();
    ASSERT_EQ(o.begin_run({"split", "{}", 6, "test", "2026-11-30T12:00:00Z", ""}).value(), 1);
    ASSERT_TRUE(o.finish_run({RunStatus::kComplete, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0}).has_value());
  }  // `out`'s run is left running
  EXPECT_EQ(copy_runs(out, {{other, 1}}, /*join_continued=*/true).value(), std::vector<RunId>{2});
}

// Review 14 S2: `report merge --append OUT P` twice at once both found P's run missing from OUT
// (the check was made before the write transaction): the run was in OUT twice. copy_runs checks
// inside its transaction; a run OUT holds already is refused, nothing of that source appended.
TEST(CopyRuns, RefusesARunTheDestinationHoldsAlready) {
  const auto out = temp_report_path("out");
  const auto p = temp_report_path("p");
  {
    auto w = ReportWriter::open(p).value();
    write_sample_run(w, 1);
  }
  EXPECT_EQ(copy_runs(out, {{p, 1}}, /*join_continued=*/true).value(), std::vector<RunId>{1});
  const auto again = copy_runs(out, {{p, 1}}, /*join_continued=*/true);
  ASSERT_FALSE(again.has_value());
  EXPECT_NE(again.error().find("already in " + out + " as run 1"), std::string::npos) << again.error();
  EXPECT_EQ(ReportReader::open(out).value().list_runs().value().size(), 1u);
  // Without join_continued (a sweep's shards, a suite's children) runs are copied as they are.
  EXPECT_EQ(copy_runs(out, {{p, 1}}).value(), std::vector<RunId>{2});
}

// Review 14 M2: two processes of one scenario and seed started in the same second, one killed
// after its first batch (in `out`, `running`), the other complete in its own report: the join took
// them for the two parts of one run, and every figure counted twice. Parts of one run never hold
// rows of the same parameter, node or message: such a candidate is another run, appended.
TEST(CopyRuns, DoesNotJoinARunThatSharesRowsWithTheRunningOne) {
  const RunInfo info{"b", "{}", 5, "test", "2026-11-30T12:00:00Z", ""};
  const auto out = temp_report_path("killed");
  const auto other = temp_report_path("complete");
  {
    auto w = ReportWriter::open(out).value();
    ASSERT_EQ(w.begin_run(info).value(), 1);
    w.add(ParamRecord{"fanout", "4"});
    w.add(TimeseriesRecord{"x", 0, 0.0});
    ASSERT_TRUE(w.flush().has_value());
    auto o = ReportWriter::open(other).value();
    ASSERT_EQ(o.begin_run(info).value(), 1);
    o.add(ParamRecord{"fanout", "4"});
    o.add(TimeseriesRecord{"x", 0, 0.0});
    o.add(TimeseriesRecord{"x", 1, 1.0});
    ASSERT_TRUE(o.finish_run({RunStatus::kComplete, "2026-11-30T12:00:01Z", 1.0, 0.5, 10, 0}).has_value());
  }  // `out`'s run is left running, as by a SIGKILL
  std::vector<std::string> notes;
  EXPECT_EQ(copy_runs(out, {{other, 1}}, /*join_continued=*/true, &notes).value(), std::vector<RunId>{2});
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("run 1 of " + other + " looks like the other part of run 1"), std::string::npos)
      << notes[0];
  auto reader = ReportReader::open(out).value();
  const auto runs = reader.list_runs().value();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].status, "running");
  EXPECT_EQ(runs[1].status, "complete");
  EXPECT_EQ(report_digest(out, 2).value(), report_digest(other, 1).value());
}

// Review 14 S1: `report merge --replace` renames a new report over OUT; a connection opened on OUT
// before writes to the old file, gone with it. It can tell (merge_report and copy_runs check inside
// their write transaction, and open the path again), and the merge goes to the new file.
TEST(CopyRuns, AConnectionTellsItsFileWasReplacedAndMergesGoToTheNewOne) {
  const auto out = temp_report_path("out");
  const auto a = temp_report_path("a");
  const auto replacement = temp_report_path("replacement");
  {
    auto wa = ReportWriter::open(a).value();
    write_sample_run(wa, 1);
    auto wr = ReportWriter::open(replacement).value();
    write_sample_run(wr, 2);
    write_sample_run(wr, 3);
  }
  ASSERT_TRUE(ReportWriter::open(out).has_value());
  auto held = Database::open(out, /*create=*/false).value();
  EXPECT_FALSE(held.file_replaced());
  ASSERT_EQ(std::rename(replacement.c_str(), out.c_str()), 0);
  EXPECT_TRUE(held.file_replaced());
  EXPECT_FALSE(Database::open(out, /*create=*/false).value().file_replaced());
  EXPECT_EQ(copy_runs(out, {{a, 1}}).value(), std::vector<RunId>{3});
  EXPECT_EQ(merge_report(out, a).value(), std::vector<RunId>{4});
}

}  // namespace
}  // namespace ptplab::reports
