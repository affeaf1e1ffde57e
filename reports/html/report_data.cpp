// Reading a report file for the HTML report (see report_data.hpp).
#include "reports/html/report_data.hpp"

#include "reports/html/query.hpp"
#include "reports/records/metrics.hpp"

namespace ptplab::reports::html {
namespace {

// Conformance rows read at most (a full suite has a few hundred).
constexpr std::int64_t kConformanceRowsMax = 20'000;

}  // namespace

Expected<ReportSource, std::string> load_report(const std::string& path) {
  auto reader = ReportReader::open(path);
  if (!reader) return Unexpected(reader.error());
  auto runs = reader->list_runs();
  if (!runs) return Unexpected(runs.error());
  auto db = Database::open(path, /*create=*/false);
  if (!db) return Unexpected(db.error());

  ReportSource src{path, std::move(*db), {}, runs->size(), {}};
  for (const auto& row : *runs) {
    if (src.runs.size() >= kReportRunsMax) break;
    auto summary = reader->load_summary(row.run_id);
    if (!summary) return Unexpected(summary.error());
    RunData run;
    run.summary = std::move(*summary);
    for (const auto& s : run.summary.scalars) {
      if (s.module == kMetricModule) run.metrics[s.name] = s.value;
    }
    const Status counted =
        for_each_row(src.db, "SELECT count(*) FROM node WHERE run_id = ?1 AND role != 'attacker'",
                     {row.run_id}, [&](const Statement& r) { run.honest_nodes = r.int64(0); });
    if (!counted) return Unexpected(counted.error());
    src.runs.push_back(std::move(run));
  }
  const Status conf = for_each_row(
      src.db,
      "SELECT coalesce(suite, '') || coalesce(' (run ' || run_id || ')', ''), coalesce(case_id, ''), "
      "coalesce(section, ''), coalesce(level, ''), "
      "coalesce(result, ''), coalesce(evidence, ''), coalesce(duration_seconds, 0) FROM conformance_result "
      "ORDER BY suite, section, case_id LIMIT ?1",
      {kConformanceRowsMax}, [&](const Statement& r) {
        src.conformance.push_back(
            {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.real(6)});
      });
  if (!conf) return Unexpected(conf.error());
  return src;
}

}  // namespace ptplab::reports::html
