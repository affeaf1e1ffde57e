// report_digest: identical content gives the same digest whatever the wall clock; any content
// change, or a different run, changes it.
#include "reports/digest.hpp"

#include <gtest/gtest.h>

#include "reports/sqlite_db.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

using testing::temp_report_path;
using testing::write_sample_run;

std::string write_file(const std::string& tag, std::uint64_t seed, const std::string& started) {
  const auto path = temp_report_path(tag);
  auto writer = ReportWriter::open(path).value();
  write_sample_run(writer, seed, started);
  return path;
}

TEST(ReportDigest, StableAcrossIdenticalWritesWithDifferentWallClocks) {
  const auto a = write_file("a", 1, "2026-11-25T17:00:00Z");
  const auto b = write_file("b", 1, "2030-01-01T00:00:00Z");
  const auto da = report_digest(a).value();
  EXPECT_EQ(da.size(), 64u);
  EXPECT_EQ(da, report_digest(b).value());
  EXPECT_EQ(report_digest(a, 1).value(), report_digest(b, 1).value());
}

TEST(ReportDigest, ChangesWithContent) {
  const auto a = write_file("a", 1, "t");
  const auto c = write_file("c", 2, "t");  // seed and one latency differ
  EXPECT_NE(report_digest(a).value(), report_digest(c).value());
  {
    auto db = Database::open(a, true).value();
    ASSERT_TRUE(db.exec("UPDATE traffic SET bytes_sent = bytes_sent + 1 WHERE verb = 'ACK'").has_value());
  }
  const auto b = write_file("b", 1, "t");
  EXPECT_NE(report_digest(a).value(), report_digest(b).value());
}

TEST(ReportDigest, RowOrderOnDiskDoesNotMatter) {
  const auto a = write_file("a", 1, "t");
  const auto b = write_file("b", 1, "t");
  {
    auto db = Database::open(b, true).value();
    ASSERT_TRUE(db.exec("CREATE TABLE t AS SELECT * FROM delivery ORDER BY rowid DESC; DELETE FROM delivery; "
                        "INSERT INTO delivery SELECT * FROM t; DROP TABLE t")
                    .has_value());
  }
  EXPECT_EQ(report_digest(a).value(), report_digest(b).value());
}

TEST(ReportDigest, OneRunDigestsTheSameInAnyFile) {
  const auto path = temp_report_path("two");
  {
    auto writer = ReportWriter::open(path).value();
    write_sample_run(writer, 2);
    write_sample_run(writer, 1);
  }
  const auto single = write_file("single", 1, "t");
  EXPECT_EQ(report_digest(path, 2).value(), report_digest(single, 1).value());
  EXPECT_NE(report_digest(path, 1).value(), report_digest(path, 2).value());
  EXPECT_NE(report_digest(path).value(), report_digest(single).value());
}

TEST(ReportDigest, ErrorsForMissingFilesAndRuns) {
  EXPECT_FALSE(report_digest("/nonexistent/x.db").has_value());
  const auto a = write_file("a", 1, "t");
  const auto missing = report_digest(a, 5);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().find("no run 5"), std::string::npos);
}

}  // namespace
}  // namespace ptplab::reports
