// The pending report's name and the command printed to join it: pasted into a shell, it must
// name the same files whatever their names hold (review2: the --append command was not quoted).
#include "tools/ptplab/pending_report.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace ptplab::cli {
namespace {

TEST(PendingReport, IsBesideTheReportAndNamesThisProcess) {
  EXPECT_EQ(pending_report_path("out/r.db"), "out/r.db." + std::to_string(getpid()) + ".pending.db");
}

// Review 12 S2: a pending report left by an earlier process of the same pid was appended to, and
// its runs were joined a second time with the new one's.
TEST(PendingReport, IsNeverAFileThatExists) {
  const std::string report = ::testing::TempDir() + "pending-" + std::to_string(getpid()) + ".db";
  const std::string first = report + "." + std::to_string(getpid()) + ".pending.db";
  const std::string second = report + "." + std::to_string(getpid()) + "-2.pending.db";
  std::FILE* f = std::fopen(first.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  EXPECT_EQ(pending_report_path(report), second);
  f = std::fopen(second.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  EXPECT_EQ(pending_report_path(report), report + "." + std::to_string(getpid()) + "-3.pending.db");
  std::remove(first.c_str());
  std::remove(second.c_str());
}

TEST(ShellWord, KeepsPlainPathsAndQuotesTheRest) {
  EXPECT_EQ(shell_word("/tmp/a-b_c.1.pending.db"), "/tmp/a-b_c.1.pending.db");
  EXPECT_EQ(shell_word("my report.db"), "'my report.db'");
  EXPECT_EQ(shell_word("it's.db"), "'it'\\''s.db'");
  EXPECT_EQ(shell_word("$(rm -rf x).db"), "'$(rm -rf x).db'");
  EXPECT_EQ(shell_word(""), "''");
  EXPECT_EQ(shell_word("a\nb"), "'a\nb'");
  // Review 12 M1: "-r.db" pasted was read as an option.
  EXPECT_EQ(shell_word("-r.db"), "./-r.db");
  EXPECT_EQ(shell_word("-my r.db"), "'./-my r.db'");
}

TEST(JoinCommand, QuotesEachPath) {
  EXPECT_EQ(join_command("r.db", "r.db.7.pending.db"), "ptplab report merge --append r.db r.db.7.pending.db");
  EXPECT_EQ(join_command("my r.db", "my r.db.7.pending.db"),
            "ptplab report merge --append 'my r.db' 'my r.db.7.pending.db'");
}

}  // namespace
}  // namespace ptplab::cli
