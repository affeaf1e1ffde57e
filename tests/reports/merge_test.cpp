// merge_report: runs are appended with new ids and every row follows its run. copy_runs: the
// runs named, in the order named, from several files.
#include "reports/merge.hpp"

#include <gtest/gtest.h>

#include "reports/digest.hpp"
#include "reports/reader.hpp"
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

}  // namespace
}  // namespace ptplab::reports
