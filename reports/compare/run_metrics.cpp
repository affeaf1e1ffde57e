// Reading per-run metric values by sweep point (see run_metrics.hpp).
#include "reports/compare/run_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "reports/html/run_params.hpp"
#include "reports/reader.hpp"

namespace ptplab::reports::compare {
namespace {

// The sweep label without its seed token, values unquoted ("/nodes/0/params/gossip_fanout=4"):
// the key of a point.
std::string point_label(const std::string& sweep_point) {
  std::string out;
  for (const auto& [path, value] : html::swept_values(sweep_point)) {
    if (!out.empty()) out += ' ';
    out += path + "=" + value;
  }
  return out;
}

// Adds to `out` the parameters other than /seed whose values differ between `first` and `run`.
void note_differences(const std::vector<ParamRecord>& first, const std::vector<ParamRecord>& run,
                      std::vector<std::string>& out) {
  std::map<std::string, std::pair<std::string, std::string>> values;  // name -> (first, run)
  for (const auto& p : first) values[p.name].first = p.value;
  for (const auto& p : run) values[p.name].second = p.value;
  for (const auto& [name, v] : values) {
    if (name != "/seed" && v.first != v.second && std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(name);
    }
  }
}

}  // namespace

Expected<ReportRuns, std::string> read_report_runs(const std::string& path) {
  auto reader = ReportReader::open(path);
  if (!reader) return Unexpected(reader.error());
  auto runs = reader->list_runs();
  if (!runs) return Unexpected(runs.error());
  ReportRuns out;
  const bool any_complete =
      std::any_of(runs->begin(), runs->end(), [](const RunRow& r) { return r.status == "complete"; });
  out.only_complete = any_complete;
  std::map<std::string, PointRuns> points;
  for (const auto& r : *runs) {
    if (any_complete && r.status != "complete") continue;
    auto summary = reader->load_summary(r.run_id);
    if (!summary) return Unexpected(summary.error());
    if (out.runs == 0) out.scenario = r.scenario;
    ++out.runs;
    const std::string label = point_label(r.sweep_point);
    auto [it, fresh] = points.try_emplace(label);
    PointRuns& point = it->second;
    if (fresh) {
      point.label = label;
      for (const auto& [swept, value] : html::swept_values(r.sweep_point)) point.swept.push_back(swept);
      point.params = summary->params;
    } else {
      note_differences(point.params, summary->params, point.differing_params);
    }
    if (std::find(point.seeds.begin(), point.seeds.end(), r.seed) != point.seeds.end()) {
      point.repeated_seeds.push_back(r.seed);
      continue;
    }
    point.seeds.push_back(r.seed);
    std::set<std::string> seen;
    auto add = [&](const std::string& name, double v) {
      if (!std::isfinite(v) || !seen.insert(name).second) return;
      point.values[name].push_back({r.seed, v});
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
  for (auto& [label, point] : points) out.points.push_back(std::move(point));
  return out;
}

}  // namespace ptplab::reports::compare
