// The pending report's name and the command printed to join it: pasted into a shell, it must
// name the same files whatever their names hold (review2: the --append command was not quoted).
#include "tools/ptplab/pending_report.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

namespace ptplab::cli {
namespace {

TEST(PendingReport, IsBesideTheReportAndNamesThisProcess) {
  EXPECT_EQ(pending_report_path("out/r.db"), "out/r.db." + std::to_string(getpid()) + ".pending.db");
}

TEST(ShellWord, KeepsPlainPathsAndQuotesTheRest) {
  EXPECT_EQ(shell_word("/tmp/a-b_c.1.pending.db"), "/tmp/a-b_c.1.pending.db");
  EXPECT_EQ(shell_word("my report.db"), "'my report.db'");
  EXPECT_EQ(shell_word("it's.db"), "'it'\\''s.db'");
  EXPECT_EQ(shell_word("$(rm -rf x).db"), "'$(rm -rf x).db'");
  EXPECT_EQ(shell_word(""), "''");
  EXPECT_EQ(shell_word("a\nb"), "'a\nb'");
}

TEST(JoinCommand, QuotesEachPath) {
  EXPECT_EQ(join_command("r.db", "r.db.7.pending.db"), "ptplab report merge --append r.db r.db.7.pending.db");
  EXPECT_EQ(join_command("my r.db", "my r.db.7.pending.db"),
            "ptplab report merge --append 'my r.db' 'my r.db.7.pending.db'");
}

}  // namespace
}  // namespace ptplab::cli
