// The data behind an HTML report, read from one report file: every run's summary (through
// ReportReader), its metric values and population, and the conformance results.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/reader.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports::html {

// One run: its summary as `ptplab report` prints it, plus what the cross-run charts group by.
struct RunData {
  RunSummary summary;
  std::map<std::string, double> metrics;  // scalar rows of module "metrics"
  std::int64_t honest_nodes = 0;          // node rows whose role is not "attacker"
};

// One conformance_result row.
struct ConformanceRow {
  std::string suite, case_id, section, level, result, evidence;
  double duration_seconds = 0;
};

// A report file opened for the HTML report: the connection for per-run detail queries and the
// data read up front.
struct ReportSource {
  std::string path;
  Database db;
  std::vector<RunData> runs;   // by run_id, at most kReportRunsMax
  std::size_t runs_total = 0;  // runs in the file, including those beyond the bound
  std::vector<ConformanceRow> conformance;
};

// Runs read per report: a sweep larger than this is summarised over its first runs only.
inline constexpr std::size_t kReportRunsMax = 2000;

// Opens `path` read-only and reads runs and conformance results. An error names the file.
[[nodiscard]] Expected<ReportSource, std::string> load_report(const std::string& path);

}  // namespace ptplab::reports::html
