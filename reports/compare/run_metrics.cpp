// Reading per-run metric values by sweep point (see run_metrics.hpp).
#include "reports/compare/run_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <set>

#include "reports/html/run_params.hpp"
#include "reports/reader.hpp"
#include "reports/records/metrics.hpp"

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

// One run of a seed at a point: what makes it a configuration.
struct SeedRun {
  RunId run = 0;
  std::string scenario;
  std::vector<ParamRecord> params;
};

std::string value_of(const std::vector<ParamRecord>& params, const std::string& name) {
  for (const auto& p : params) {
    if (p.name == name) return html::unquote(p.value);
  }
  return "(not set)";
}

// "1, 2 and 3".
std::string and_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// The error for runs of one seed at one point that are different configurations, or "".
std::string conflict(const std::string& label, std::uint64_t seed, const std::vector<SeedRun>& runs) {
  std::vector<std::string> differing;
  bool scenarios_differ = false;
  for (const auto& r : runs) {
    note_differences(runs.front().params, r.params, differing);
    scenarios_differ = scenarios_differ || r.scenario != runs.front().scenario;
  }
  if (differing.empty() && !scenarios_differ) return "";
  std::vector<std::string> ids, what;
  for (const auto& r : runs) ids.push_back(std::to_string(r.run));
  auto values = [&](auto get) {
    std::vector<std::string> v;
    for (const auto& r : runs) v.push_back(get(r));
    return and_list(v);
  };
  if (scenarios_differ) what.push_back("scenario " + values([](const SeedRun& r) { return r.scenario; }));
  for (const auto& name : differing) {
    what.push_back(name + " " + values([&](const SeedRun& r) { return value_of(r.params, name); }));
  }
  std::string why;
  for (const auto& w : what) why += (why.empty() ? "" : "; ") + w;
  return "runs " + and_list(ids) + " ran seed " + std::to_string(seed) +
         (label.empty() ? std::string() : " at point " + label) + " as different configurations (" + why +
         "), so no one of them stands for this file. Give each configuration its own report file "
         "(ptplab run --report FILE), or make them the points of one sweep (sweep.parameters)";
}

}  // namespace

std::map<std::string, std::vector<Observation>> values_with_absent_as_zero(
    const PointRuns& p, const std::vector<std::string>& names) {
  auto out = p.values;
  if (!p.complete) return out;
  for (const auto& name : names) {
    const auto* def = find_run_value(name);
    if (def == nullptr || !def->absent_when_none()) continue;
    auto& obs = out[name];
    for (const auto seed : p.seeds) {
      if (std::none_of(obs.begin(), obs.end(), [seed](const Observation& o) { return o.seed == seed; }))
        obs.push_back({seed, 0.0});
    }
  }
  return out;
}

bool value_less(const std::string& a, const std::string& b) {
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a.c_str(), &end_a);
  const double y = std::strtod(b.c_str(), &end_b);
  const bool numbers = end_a != a.c_str() && end_b != b.c_str() && std::isfinite(x) && std::isfinite(y);
  if (!numbers || x == y) return numbers ? std::strcmp(end_a, end_b) < 0 : a < b;
  return x < y;
}

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
  std::map<std::string, std::map<std::uint64_t, std::vector<SeedRun>>> by_seed;  // label -> seed -> runs
  std::vector<std::string> scenarios;
  std::map<std::string, std::string> first_scenario;  // label -> scenario of the point's first run
  for (const auto& r : *runs) {
    if (any_complete && r.status != "complete") {
      ++out.left_out[r.status];
      continue;
    }
    auto summary = reader->load_summary(r.run_id);
    if (!summary) return Unexpected(summary.error());
    if (std::find(scenarios.begin(), scenarios.end(), r.scenario) == scenarios.end())
      scenarios.push_back(r.scenario);
    ++out.runs;
    const std::string label = point_label(r.sweep_point);
    auto [it, fresh] = points.try_emplace(label);
    PointRuns& point = it->second;
    if (fresh) {
      point.label = label;
      for (const auto& [swept, value] : html::swept_values(r.sweep_point)) {
        point.swept.push_back(swept);
        point.swept_values.push_back(value);
      }
      point.params = summary->params;
      first_scenario[label] = r.scenario;
    } else {
      note_differences(point.params, summary->params, point.differing_params);
      const std::string kScenario = "the scenario";
      if (r.scenario != first_scenario[label] &&
          std::find(point.differing_params.begin(), point.differing_params.end(), kScenario) ==
              point.differing_params.end()) {
        point.differing_params.push_back(kScenario);
      }
    }
    point.complete = any_complete;
    auto& same_seed = by_seed[label][r.seed];
    same_seed.push_back({r.run_id, r.scenario, summary->params});
    if (same_seed.size() > 1) {
      if (conflict(label, r.seed, {same_seed.front(), same_seed.back()}).empty())
        point.repeated.push_back({r.run_id, same_seed.front().run, r.seed});
      continue;
    }
    point.seeds.push_back(r.seed);
    std::set<std::string> seen;
    auto add = [&](const std::string& name, double v) {
      if (!std::isfinite(v) || !seen.insert(name).second) return;
      point.values[name].push_back({r.seed, v});
    };
    for (const auto& s : summary->scalars)
      add(s.module == kMetricModule ? s.name : s.module + "." + s.name, s.value);
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
  for (const auto& [label, seeds] : by_seed) {
    for (const auto& [seed, same_seed] : seeds) {
      if (auto why = conflict(label, seed, same_seed); !why.empty()) return Unexpected(why);
    }
  }
  for (const auto& name : scenarios) out.scenario += (out.scenario.empty() ? "" : ", ") + name;
  for (auto& [label, point] : points) out.points.push_back(std::move(point));
  std::sort(out.points.begin(), out.points.end(), [](const PointRuns& a, const PointRuns& b) {
    return std::lexicographical_compare(a.swept_values.begin(), a.swept_values.end(), b.swept_values.begin(),
                                        b.swept_values.end(), value_less);
  });
  return out;
}

}  // namespace ptplab::reports::compare
