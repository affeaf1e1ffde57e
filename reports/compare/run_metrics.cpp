// Reading per-run metric values (see run_metrics.hpp).
#include "reports/compare/run_metrics.hpp"

#include <cmath>
#include <set>

#include "reports/reader.hpp"

namespace ptplab::reports::compare {

Expected<RunMetrics, std::string> read_run_metrics(const std::string& path) {
  auto reader = ReportReader::open(path);
  if (!reader) return Unexpected(reader.error());
  auto runs = reader->list_runs();
  if (!runs) return Unexpected(runs.error());
  RunMetrics out;
  bool any_complete = false;
  for (const auto& r : *runs) any_complete = any_complete || r.status == "complete";
  out.only_complete = any_complete;
  for (const auto& r : *runs) {
    if (any_complete && r.status != "complete") continue;
    auto summary = reader->load_summary(r.run_id);
    if (!summary) return Unexpected(summary.error());
    if (out.runs == 0) out.scenario = r.scenario;
    ++out.runs;
    std::set<std::string> seen;
    auto add = [&](const std::string& name, double v) {
      if (!std::isfinite(v) || !seen.insert(name).second) return;
      out.values[name].push_back(v);
    };
    for (const auto& s : summary->scalars)
      add(s.module == "metrics" ? s.name : s.module + "." + s.name, s.value);
    for (const auto& s : summary->statistics) {
      add(s.name + ".mean", s.mean);
      add(s.name + ".p50", s.p50);
      add(s.name + ".p90", s.p90);
      add(s.name + ".p99", s.p99);
      add(s.name + ".max", s.max);
    }
    for (const auto& e : summary->expectations) {
      if (e.actual) add(e.metric, *e.actual);
    }
  }
  return out;
}

}  // namespace ptplab::reports::compare
