// Reports of schema version 3 (before the sweep columns) stay readable without being changed, and
// a writer appending to one upgrades it in place (reports/schema_upgrade.hpp).
#include "reports/schema_upgrade.hpp"

#include <gtest/gtest.h>

#include "reports/digest.hpp"
#include "reports/merge.hpp"
#include "reports/reader.hpp"
#include "reports/writer.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

using testing::temp_report_path;
using testing::write_sample_run;

std::int64_t user_version(const std::string& path) {
  auto db = Database::open(path, false).value();
  auto stmt = db.prepare("PRAGMA user_version").value();
  return stmt.step() ? stmt.int64(0) : -1;
}

// A report as schema 3 wrote it: the sample run, without the columns version 4 added.
std::string schema3_report(const std::string& tag) {
  const auto path = temp_report_path(tag);
  {
    auto writer = ReportWriter::open(path).value();
    write_sample_run(writer);
  }
  auto db = Database::open(path, true).value();
  for (const char* c : {"sweep_plan", "sweep_index", "sweep_runs", "sweep_shard"})
    EXPECT_TRUE(db.exec(std::string("ALTER TABLE run DROP COLUMN ") + c).has_value()) << c;
  EXPECT_TRUE(db.exec("PRAGMA user_version = 3").has_value());
  return path;
}

TEST(SchemaUpgrade, ASchema3ReportReadsAsTheCurrentSchemaAndIsNotChanged) {
  const auto current = temp_report_path("upgrade-current");
  {
    auto writer = ReportWriter::open(current).value();
    write_sample_run(writer);
  }
  const auto old = schema3_report("upgrade-read");
  auto reader = ReportReader::open(old);
  ASSERT_TRUE(reader.has_value()) << reader.error();
  const auto runs = reader->list_runs();
  ASSERT_TRUE(runs.has_value()) << runs.error();
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].sweep_plan, "");
  EXPECT_FALSE((*runs)[0].sweep_index.has_value());
  EXPECT_EQ(report_digest(old).value(), report_digest(current).value());
  EXPECT_EQ(user_version(old), 3);  // read through a temporary view: the file is as it was
}

TEST(SchemaUpgrade, AppendingToASchema3ReportUpgradesIt) {
  const auto old = schema3_report("upgrade-append");
  {
    auto writer = ReportWriter::open(old);
    ASSERT_TRUE(writer.has_value()) << writer.error();
    write_sample_run(*writer, 2);
  }
  EXPECT_EQ(user_version(old), kSchemaVersion);
  auto runs = ReportReader::open(old).value().list_runs().value();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].sweep_plan, "");
  EXPECT_EQ(runs[1].scenario, runs[0].scenario);
}

// review2 M2: `report merge --append` (copy_runs) of a schema 3 report failed on its missing columns.
TEST(SchemaUpgrade, ASchema3ReportsRunsCopyIntoANewReport) {
  const auto old = schema3_report("upgrade-copy-src");
  const auto out = temp_report_path("upgrade-copy-out");
  const auto copied = copy_runs(out, {RunOf{old, 1}});
  ASSERT_TRUE(copied.has_value()) << copied.error();
  EXPECT_EQ(report_digest(out).value(), report_digest(old).value());
  EXPECT_EQ(ReportReader::open(out).value().list_runs().value().at(0).sweep_plan, "");
}

TEST(SchemaUpgrade, VersionsOutsideTheRangeAreRefused) {
  auto db = Database::open(temp_report_path("upgrade-range"), true).value();
  EXPECT_FALSE(upgrade_schema(db, kOldestUpgradableSchema - 1).has_value());
  EXPECT_FALSE(upgrade_schema(db, kSchemaVersion).has_value());
  EXPECT_FALSE(view_as_current_schema(db, kSchemaVersion).has_value());
}

}  // namespace
}  // namespace ptplab::reports
