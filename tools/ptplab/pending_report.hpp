// A pending report: where a run goes when the lock of the report asked for cannot be had (another
// process held it past the wait: reports/writer.hpp, WriterOptions::fallback_path), and how the
// user is told to join it. `ptplab run` writes one through its ReportWriter; `suite` and `sweep`
// merge their children's reports into one (ChildReportMerger).
#pragma once

#include <string>
#include <string_view>

namespace ptplab::cli {

// "REPORT.<pid>.pending.db", the pending report of this process beside `report`, or when a file
// of that name exists (left by an earlier process of the same pid, or written by an earlier
// scenario of this command) "REPORT.<pid>-K.pending.db" for the first K from 2 with no file: a
// pending report holds only the runs its stderr line names, so `report merge --append` of it
// never brings in another process's runs.
[[nodiscard]] std::string pending_report_path(const std::string& report);

// `word` as one POSIX shell word: as it is when it holds only [A-Za-z0-9_./:=+,@%-], else in
// single quotes (a ' as '\''), so a printed command can be pasted whatever the file names; a
// word starting with '-' gets "./" in front, so that it is not read as an option.
[[nodiscard]] std::string shell_word(std::string_view word);

// "ptplab report merge --append REPORT PENDING", each path a shell_word: the command that joins a
// pending report to the report it was meant for (a run that lost the lock part-way is joined to
// the rows it left there: reports/merge.hpp, copy_runs).
[[nodiscard]] std::string join_command(const std::string& report, const std::string& pending);

}  // namespace ptplab::cli
