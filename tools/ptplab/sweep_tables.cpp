// The sweep's closing tables (see sweep_tables.hpp).
#include "tools/ptplab/sweep_tables.hpp"

#include <algorithm>
#include <cmath>

#include "reports/compare/comparison.hpp"
#include "reports/compare/statistics.hpp"
#include "reports/compare/student_t.hpp"
#include "reports/text_table.hpp"

namespace ptplab::cli {
namespace {

namespace cmp = reports::compare;

std::string value_text(const std::optional<double>& v) { return v ? reports::format_number(*v) : "-"; }

// "mean ± h" over the values present (h: half-width of the kConfidence t interval of the mean),
// followed by " (k of n runs)" when only k of the point's n finished runs have the metric.
std::string mean_interval(const std::vector<double>& values, std::size_t runs) {
  if (values.empty()) return "-";
  const auto s = cmp::summarize(values);
  std::string text = reports::format_number(s.mean);
  if (s.n >= 2) {
    const double t = cmp::student_t_quantile(1 - (1 - cmp::kConfidence) / 2, static_cast<double>(s.n - 1));
    text += " ± " + reports::format_number(t * s.stddev / std::sqrt(static_cast<double>(s.n)));
  }
  if (values.size() < runs)
    text += " (" + std::to_string(values.size()) + " of " + std::to_string(runs) + " runs)";
  return text;
}

}  // namespace

std::string point_of(const std::string& label) {
  const auto at = label.rfind("seed=");
  if (at == 0) return "(every run)";
  if (at == std::string::npos || label[at - 1] != ' ') return label;
  return label.substr(0, at - 1);
}

std::string format_sweep_runs(const std::vector<SweepRun>& runs) {
  reports::TextTable t({"status", "point", std::string(metric_name(reports::Metric::kDeliveryRatio)),
                        std::string(metric_name(reports::Metric::kLatencyP50Ms)), "expectations"});
  t.widen(1);  // the point's label: a two-parameter point is longer than a bounded cell
  for (const auto& r : runs) {
    t.row({r.status, r.label, value_text(r.delivery_ratio), value_text(r.latency_p50_ms),
           r.judged ? std::to_string(r.expectations_passed) + "/" + std::to_string(r.expectations)
                    : std::string("not judged")});
  }
  return t.render();
}

std::string format_sweep_points(const std::vector<SweepRun>& runs) {
  struct Point {
    std::string name;
    std::vector<double> delivery, p50;
    std::size_t runs = 0;
  };
  std::vector<Point> points;
  for (const auto& r : runs) {
    const auto name = point_of(r.label);
    auto it = std::find_if(points.begin(), points.end(), [&](const Point& p) { return p.name == name; });
    if (it == points.end()) it = points.insert(points.end(), Point{name, {}, {}, 0});
    // An interrupted or timed-out run's figures cover part of its duration, and a run not run has
    // none: only finished runs (passed or failed expectations) enter the point's means.
    if (r.status == "interrupted" || r.status == "timed out" || r.status == "not run") continue;
    ++it->runs;
    if (r.delivery_ratio) it->delivery.push_back(*r.delivery_ratio);
    if (r.latency_p50_ms) it->p50.push_back(*r.latency_p50_ms);
  }
  reports::TextTable t({"point", "runs", std::string(metric_name(reports::Metric::kDeliveryRatio)),
                        std::string(metric_name(reports::Metric::kLatencyP50Ms))});
  t.widen(0);
  for (const auto& p : points)
    t.row({p.name, std::to_string(p.runs), mean_interval(p.delivery, p.runs), mean_interval(p.p50, p.runs)});
  return t.render() + "  (mean over the point's seeds ± the half-width of its " +
         std::to_string(static_cast<int>(100 * cmp::kConfidence)) +
         " % Student t interval over the finished runs; interrupted, timed-out and not-run runs are left "
         "out, "
         "and a run without the metric: \"(k of n runs)\" then says how many runs the mean covers)\n";
}

}  // namespace ptplab::cli
