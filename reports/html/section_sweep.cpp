// The sweep section: each metric against the swept parameter, the mean over seeds with the
// min-max spread as a band (see sections.hpp).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "reports/compare/statistics.hpp"
#include "reports/html/escape.hpp"
#include "reports/html/line_chart.hpp"
#include "reports/html/run_params.hpp"
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

// The runs of one sweep: x value -> series label (the other swept values) -> metric -> values.
using Groups = std::map<std::string, std::map<double, std::map<std::string, std::vector<double>>>>;

}  // namespace

std::string sweep_section(const ReportSource& src) {
  std::string x_param;
  Groups groups;
  std::set<std::string> metric_names;
  std::size_t categorical = 0;
  for (const auto& run : src.runs) {
    const auto swept = swept_values(run.summary.run.sweep_point);
    if (swept.empty()) continue;
    if (x_param.empty()) x_param = swept.front().first;
    std::optional<double> x;
    std::string label;
    for (const auto& [path, value] : swept) {
      if (path == x_param) {
        x = number(value);
      } else {
        label += (label.empty() ? "" : ", ") + short_name(path) + "=" + value;
      }
    }
    if (!x) {
      ++categorical;
      continue;
    }
    if (label.empty()) label = "mean over seeds (band: min to max)";
    for (const auto& [name, value] : run.metrics) {
      groups[label][*x][name].push_back(value);
      metric_names.insert(name);
    }
  }
  if (groups.empty()) {
    LineChart empty;
    empty.title = "Metrics against the swept parameter";
    empty.empty_reason = categorical > 0
                             ? "the swept parameter is not numeric"
                             : "no run in this file belongs to a sweep (run_param sweep_point is empty)";
    return render(empty);
  }
  std::string out = "<p class=\"note\">Swept parameter: <code>" + escape(x_param) + "</code>.</p>\n";
  std::size_t charts = 0;
  for (const auto& metric : metric_names) {
    if (charts >= kSweepChartsMax) break;
    LineChart chart;
    chart.title = metric + " against " + short_name(x_param);
    chart.x = Axis::of(short_name(x_param), "");
    chart.y = Axis::of(metric, "");
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& [label, by_x] : groups) {
      Series s{label, {}, LineStyle::kMarkers};
      for (const auto& [x, metrics] : by_x) {
        const auto it = metrics.find(metric);
        if (it == metrics.end()) continue;
        const compare::Summary sum = compare::summarize(it->second);
        s.points.push_back({x, sum.mean, sum.min, sum.max});
        lo = std::min(lo, sum.min);
        hi = std::max(hi, sum.max);
      }
      if (!s.points.empty()) chart.series.push_back(std::move(s));
    }
    if (!(hi > lo)) continue;  // constant over the sweep: nothing to see
    out += render(chart);
    ++charts;
  }
  if (charts == 0) out += "<p class=\"nodata\">No data: no metric varies across the sweep.</p>\n";
  return out;
}

}  // namespace ptplab::reports::html
