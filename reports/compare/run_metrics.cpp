// Reading per-run metric values (see run_metrics.hpp).
#include "reports/compare/run_metrics.hpp"

#include <cmath>
#include <set>

#include "reports/html/run_params.hpp"
#include "reports/reader.hpp"

namespace ptplab::reports::compare {
namespace {

constexpr std::string_view kPointSeparator = " @ ";

// The sweep point of a run without its seed ("gossip_fanout=4"), "" outside sweeps.
std::string point_of(const RunRow& run) {
  std::string out;
  for (const auto& [path, value] : html::swept_values(run.sweep_point)) {
    if (!out.empty()) out += ' ';
    out += html::short_name(path);
    out += '=';
    out += value;
  }
  return out;
}

}  // namespace

std::string base_metric(const std::string& name) { return name.substr(0, name.find(kPointSeparator)); }

Expected<RunMetrics, std::string> read_run_metrics(const std::string& path) {
  auto reader = ReportReader::open(path);
  if (!reader) return Unexpected(reader.error());
  auto runs = reader->list_runs();
  if (!runs) return Unexpected(runs.error());
  RunMetrics out;
  bool any_complete = false;
  for (const auto& r : *runs) any_complete = any_complete || r.status == "complete";
  out.only_complete = any_complete;
  std::set<std::string> points;
  for (const auto& r : *runs) points.insert(point_of(r));
  for (const auto& r : *runs) {
    if (any_complete && r.status != "complete") continue;
    auto summary = reader->load_summary(r.run_id);
    if (!summary) return Unexpected(summary.error());
    if (out.runs == 0) out.scenario = r.scenario;
    ++out.runs;
    std::set<std::string> seen;
    const std::string suffix = points.size() > 1 ? std::string(kPointSeparator) + point_of(r) : "";
    auto add = [&](const std::string& name, double v) {
      if (!std::isfinite(v) || !seen.insert(name).second) return;
      out.values[name + suffix].push_back(v);
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
