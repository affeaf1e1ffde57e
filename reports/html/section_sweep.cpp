// The sweep section: for a sweep over the node count, its scaling law (scaling_law.hpp);
// otherwise each metric against the swept parameter over the seeds of each point: a mean line
// with a min-max band for numeric values, mean bars with min-max whiskers otherwise (see
// sections.hpp).

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "reports/compare/statistics.hpp"
#include "reports/html/bar_chart.hpp"
#include "reports/html/escape.hpp"
#include "reports/html/line_chart.hpp"
#include "reports/html/run_params.hpp"
#include "reports/html/scaling_law.hpp"
#include "reports/html/sections.hpp"

namespace ptplab::reports::html {
namespace {

// Charts drawn at most (one per metric); metrics that do not vary across the sweep are skipped.
constexpr std::size_t kSweepChartsMax = 16;

std::optional<double> number(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

// One run of a sweep: the swept value on the x axis, the other swept values, its metrics.
struct SweepRun {
  std::string x;
  std::string label;
  const std::map<std::string, double>* metrics;
};

// A chart per metric with a numeric swept value: mean line with a min-max band per series.
std::string numeric_chart(const std::string& metric, const std::string& x_name,
                          const std::vector<SweepRun>& runs) {
  // label -> x -> values
  std::map<std::string, std::map<double, std::vector<double>>> groups;
  for (const auto& r : runs) {
    const auto it = r.metrics->find(metric);
    if (it != r.metrics->end()) groups[r.label][*number(r.x)].push_back(it->second);
  }
  LineChart chart;
  chart.title = metric + " against " + x_name;
  chart.x = Axis::of(x_name, "");
  chart.y = Axis::of(metric, "");
  for (const auto& [label, by_x] : groups) {
    Series s{label, {}, LineStyle::kMarkers};
    for (const auto& [x, values] : by_x) {
      const compare::Summary sum = compare::summarize(values);
      s.points.push_back({x, sum.mean, sum.min, sum.max});
    }
    chart.series.push_back(std::move(s));
  }
  return render(chart);
}

// A chart per metric with a categorical swept value: mean bars with min-max whiskers.
std::string categorical_chart(const std::string& metric, const std::string& x_name,
                              const std::vector<SweepRun>& runs) {
  std::vector<std::string> categories;
  std::map<std::string, std::vector<double>> values;
  for (const auto& r : runs) {
    const auto it = r.metrics->find(metric);
    if (it == r.metrics->end()) continue;
    const std::string category = r.label.empty() ? r.x : r.x + " (" + r.label + ")";
    if (!values.contains(category)) categories.push_back(category);
    values[category].push_back(it->second);
  }
  BarChart chart;
  chart.title = metric + " per " + x_name;
  chart.value_axis = Axis::of(metric + " (mean over seeds, whisker: min to max)", "");
  chart.categories = categories;
  BarSeries series{"mean over seeds", {}, {}, {}};
  for (const auto& c : categories) {
    const compare::Summary sum = compare::summarize(values[c]);
    series.values.push_back(sum.mean);
    series.lo.push_back(sum.min);
    series.hi.push_back(sum.max);
  }
  chart.series.push_back(std::move(series));
  return render(chart);
}

}  // namespace

std::string sweep_section(const ReportSource& src, bool log_n) {
  if (const auto law = scaling_law(src.runs, log_n)) return law_html(*law);
  std::string x_param;
  std::vector<SweepRun> runs;
  std::set<std::string> metric_names;
  bool numeric = true;
  for (const auto& run : src.runs) {
    const auto swept = swept_values(run.summary.run.sweep_point);
    if (swept.empty()) continue;
    if (x_param.empty()) x_param = swept.front().first;
    SweepRun r{"", "", &run.metrics};
    for (const auto& [path, value] : swept) {
      if (path == x_param) {
        r.x = value;
      } else {
        r.label += (r.label.empty() ? "" : ", ") + short_name(path) + "=" + value;
      }
    }
    numeric = numeric && number(r.x).has_value();
    for (const auto& [name, value] : run.metrics) metric_names.insert(name);
    runs.push_back(std::move(r));
  }
  if (runs.empty()) {
    LineChart empty;
    empty.title = "Metrics against the swept parameter";
    empty.empty_reason =
        "no run in this file belongs to a sweep over parameters (run.sweep_point names none)";
    return render(empty);
  }
  if (numeric) {
    for (auto& r : runs) {
      if (r.label.empty()) r.label = "mean over seeds (band: min to max)";
    }
  }
  std::string out = "<p class=\"note\">Swept parameter: <code>" + escape(x_param) + "</code>.</p>\n";
  std::size_t charts = 0;
  for (const auto& metric : metric_names) {
    if (charts >= kSweepChartsMax) break;
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& r : runs) {
      const auto it = r.metrics->find(metric);
      if (it == r.metrics->end()) continue;
      lo = std::min(lo, it->second);
      hi = std::max(hi, it->second);
    }
    if (!(hi > lo)) continue;  // constant over the sweep: nothing to see
    out += numeric ? numeric_chart(metric, short_name(x_param), runs)
                   : categorical_chart(metric, short_name(x_param), runs);
    ++charts;
  }
  if (charts == 0) out += "<p class=\"nodata\">No data: no metric varies across the sweep.</p>\n";
  return out;
}

}  // namespace ptplab::reports::html
