// The scaling law of a node-count sweep (see scaling_law.hpp).
#include "reports/html/scaling_law.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "reports/compare/statistics.hpp"
#include "reports/html/escape.hpp"
#include "reports/html/format.hpp"
#include "reports/html/run_params.hpp"
#include "reports/html/table.hpp"

namespace ptplab::reports::html {
namespace {

using Swept = std::vector<std::pair<std::string, std::string>>;

// "/nodes/<i>/count": a group's node count.
bool is_group_count(const std::string& pointer) {
  static const std::regex kGroupCount("/nodes/[0-9]+/count");
  return std::regex_match(pointer, kGroupCount);
}

// A swept path that sets node counts: a group's count, or the whole `/nodes` array.
bool is_size_path(const std::string& path) { return path == "/nodes" || is_group_count(path); }

// The run's n: the sum of its groups' counts (attackers are not under /nodes); 0 when none.
double node_count(const RunData& run) {
  double n = 0;
  for (const auto& p : run.summary.params) {
    if (!is_group_count(p.name)) continue;
    char* end = nullptr;
    const double v = std::strtod(p.value.c_str(), &end);
    if (end != p.value.c_str() && std::isfinite(v)) n += v;
  }
  return n;
}

// Every leaf of `j` as pointer -> JSON text (a scalar is its own leaf at "").
void law_leaves(const nlohmann::json& j, const std::string& pointer,
                std::map<std::string, std::string>& out) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [key, value] : j.items()) law_leaves(value, pointer + "/" + key, out);
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) law_leaves(j[i], pointer + "/" + std::to_string(i), out);
  } else {
    out[pointer] = j.is_string() ? j.get<std::string>() : j.dump();
  }
}

// The leaves of one swept value, keyed by path + leaf pointer; a value that is not a JSON
// object or array is one leaf.
std::map<std::string, std::string> reading_leaves(const Swept& reading, bool& structured) {
  std::map<std::string, std::string> out;
  structured = false;
  for (const auto& [path, value] : reading) {
    const auto j = nlohmann::json::parse(value, nullptr, false);
    if (!j.is_discarded() && (j.is_object() || j.is_array())) {
      structured = true;
      std::map<std::string, std::string> leaves;
      law_leaves(j, "", leaves);
      for (const auto& [leaf, text] : leaves) out[path + leaf] = text;
    } else {
      out[path] = value;
    }
  }
  return out;
}

// "did not finish: timed_out at 12.3 simulated s after 600 s wall" for the point's runs, none complete.
std::string unfinished_why(const std::vector<const RunData*>& runs) {
  std::string out = "did not finish: ";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i]->summary.run;
    out += (i == 0 ? "" : ", ") + r.status + " at " + format_value(r.simulated_seconds) +
           " simulated s after " + format_value(r.wall_seconds) + " s wall";
  }
  return out;
}

// The mean, min and max of `metric` over the point's complete runs; nullopt when none has it.
std::optional<compare::Summary> metric_summary(const LawPoint& p, Metric metric) {
  std::vector<double> values;
  for (const auto* r : p.complete) {
    const auto it = r->metrics.find(std::string(metric_name(metric)));
    if (it != r->metrics.end()) values.push_back(it->second);
  }
  if (values.empty()) return std::nullopt;
  return compare::summarize(values);
}

}  // namespace

std::vector<std::string> reading_names(const std::vector<Swept>& readings) {
  std::vector<std::map<std::string, std::string>> leaves;
  std::vector<bool> structured;
  for (const auto& r : readings) {
    bool s = false;
    leaves.push_back(reading_leaves(r, s));
    structured.push_back(s);
  }
  // Leaves with the same value in every reading say nothing about a reading.
  const auto common = [&](const std::string& key, const std::string& value) {
    return std::all_of(leaves.begin(), leaves.end(), [&](const auto& l) {
      const auto it = l.find(key);
      return it != l.end() && it->second == value;
    });
  };
  std::vector<std::string> names;
  for (std::size_t i = 0; i < readings.size(); ++i) {
    std::vector<std::string> parts;
    for (const auto& [key, value] : leaves[i]) {
      // One reading: nothing differs, so it is named by the parameters it sets.
      if (readings.size() > 1 ? common(key, value) : key.find("/params/") == std::string::npos) continue;
      const std::string part = short_name(key) + "=" + value;
      if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
    }
    std::string name;
    for (const auto& p : parts) name += (name.empty() ? "" : ", ") + p;
    if (name.empty()) name = structured[i] ? "spec-literal (defaults)" : "all runs";
    names.push_back(name);
  }
  return names;
}

std::optional<ScalingLaw> scaling_law(const std::vector<RunData>& runs, bool force_log) {
  // reading (its swept values other than sizes) -> n -> runs, readings in first-seen order.
  std::vector<Swept> readings;
  std::vector<std::map<double, std::vector<const RunData*>>> by_reading;
  std::set<double> ns;
  for (const auto& run : runs) {
    const auto swept = swept_values(run.summary.run.sweep_point);
    if (swept.empty()) continue;
    // A swept group count is the size; a whole `/nodes` array swept besides it is a reading
    // (its groups' parameters), and the size when swept alone.
    const bool counted =
        std::any_of(swept.begin(), swept.end(), [](const auto& pv) { return is_group_count(pv.first); });
    Swept reading;
    for (const auto& [path, value] : swept) {
      if (is_group_count(path) || (path == "/nodes" && !counted)) continue;
      reading.emplace_back(path, value);
    }
    const double n = node_count(run);
    if (n <= 0) continue;
    ns.insert(n);
    auto it = std::find(readings.begin(), readings.end(), reading);
    if (it == readings.end()) {
      readings.push_back(reading);
      by_reading.emplace_back();
      it = readings.end() - 1;
    }
    by_reading[static_cast<std::size_t>(it - readings.begin())][n].push_back(&run);
  }
  const bool any_size = std::any_of(runs.begin(), runs.end(), [](const RunData& r) {
    const auto swept = swept_values(r.summary.run.sweep_point);
    return std::any_of(swept.begin(), swept.end(), [](const auto& pv) { return is_size_path(pv.first); });
  });
  if (!any_size || ns.size() < 2) return std::nullopt;
  ScalingLaw law;
  law.ns.assign(ns.begin(), ns.end());
  law.log_x = force_log || law.ns.back() > kLawLogSpan * law.ns.front();
  const auto names = reading_names(readings);
  for (std::size_t i = 0; i < readings.size(); ++i) {
    LawSeries s{names[i], {}};
    for (const double n : law.ns) {
      LawPoint p;
      p.n = n;
      const auto it = by_reading[i].find(n);
      if (it == by_reading[i].end()) {
        p.state = LawState::kNotRun;
        p.why = "not run";
      } else {
        for (const auto* r : it->second) {
          if (r->summary.run.status == run_status_name(RunStatus::kComplete)) p.complete.push_back(r);
        }
        p.state = p.complete.empty() ? LawState::kUnfinished : LawState::kFinished;
        if (p.complete.empty()) p.why = unfinished_why(it->second);
      }
      s.points.push_back(std::move(p));
    }
    law.series.push_back(std::move(s));
  }
  return law;
}

LineChart law_chart(const ScalingLaw& law, Metric metric) {
  const auto& def = metric_def(metric);
  LineChart chart;
  chart.title = std::string(def.name) + " against the node count n";
  chart.x = Axis::of("n", "nodes");
  chart.x.kind = law.log_x ? ScaleKind::kLog : ScaleKind::kLinear;
  chart.y = Axis::of(std::string(def.name),
                     def.unit == "count" || def.unit == "ratio" ? "" : std::string(def.unit));
  chart.y.kind = ScaleKind::kLog;
  for (std::size_t i = 0; i < law.series.size(); ++i) {
    Series s{law.series[i].name, {}, LineStyle::kMarkers};
    for (const auto& p : law.series[i].points) {
      if (p.state != LawState::kFinished) {
        chart.missing.push_back({i, p.n, p.why});
        continue;
      }
      const auto sum = metric_summary(p, metric);
      if (!sum) {
        const auto delivered = metric_summary(p, Metric::kDeliveredMessages);
        chart.missing.push_back({i, p.n,
                                 delivered && delivered->max > 0
                                     ? "finished, but its report has no value of this metric "
                                       "(written by a ptplab without it)"
                                     : "finished with no delivery, so no value"});
      } else if (!(sum->mean > 0)) {
        chart.missing.push_back({i, p.n, "value " + format_value(sum->mean) + ", not drawn on a log axis"});
      } else {
        s.points.push_back({p.n, sum->mean, sum->min > 0 ? sum->min : kNoValue, sum->max});
      }
    }
    chart.series.push_back(std::move(s));
  }
  chart.empty_reason = "no point of the sweep finished with a value";
  return chart;
}

std::string law_html(const ScalingLaw& law) {
  std::string out =
      "<p class=\"note\">Scaling law: the law's metrics against the node count n (" +
      std::string(law.log_x ? "log-log axes" : "log y axis") +
      "), one series per protocol reading (the sweep's other swept values), the mean over each "
      "point's complete runs with its min-max band. A point that did not run or did not finish is "
      "an open dashed marker on the x axis, named under the chart.</p>\n";
  for (const auto metric : kLawMetrics) out += render(law_chart(law, metric));
  Table t;
  t.header = {"reading", "n", "state"};
  for (const auto metric : kLawMetrics) t.header.emplace_back(metric_name(metric));
  t.header.insert(t.header.end(), {"members_joined", "simulated s", "wall s", "peak RSS MiB"});
  for (const auto& s : law.series) {
    for (const auto& p : s.points) {
      std::vector<std::string> row{s.name, format_value(p.n, 7),
                                   p.state == LawState::kFinished ? "finished" : p.why};
      for (const auto metric : kLawMetrics) {
        const auto sum = metric_summary(p, metric);
        row.push_back(sum ? format_value(sum->mean) : "–");
      }
      const auto joined = metric_summary(p, Metric::kMembersJoined);
      row.push_back(joined ? format_value(joined->mean) : "–");
      double simulated = 0, wall = 0, rss = 0;
      for (const auto* r : p.complete) {
        simulated = std::max(simulated, r->summary.run.simulated_seconds);
        wall = std::max(wall, r->summary.run.wall_seconds);
        rss = std::max(rss, static_cast<double>(r->summary.run.peak_rss_bytes) / (1024.0 * 1024.0));
      }
      const bool finished = p.state == LawState::kFinished;
      row.push_back(finished ? format_value(simulated) : "–");
      row.push_back(finished ? format_value(wall) : "–");
      row.push_back(finished ? format_value(rss) : "–");
      t.rows.push_back(std::move(row));
      t.row_classes.push_back(finished ? "" : "fail");
    }
  }
  out += render(t, "no point");
  return out;
}

}  // namespace ptplab::reports::html
