// Text and HTML output of a comparison (see comparison_output.hpp).
#include "reports/compare/comparison_output.hpp"

#include <cmath>

#include "reports/html/bar_chart.hpp"
#include "reports/html/escape.hpp"
#include "reports/html/format.hpp"
#include "reports/html/page.hpp"
#include "reports/html/table.hpp"
#include "reports/text_table.hpp"

namespace ptplab::reports::compare {
namespace {

using html::format_value;

std::string mean_with_interval(const Summary& s, const Interval& ci) {
  if (s.n < 2) return format_value(s.mean);
  return format_value(s.mean) + " [" + format_value(ci.lo) + ", " + format_value(ci.hi) + "]";
}

std::string difference_cell(const MetricComparison& m) {
  std::string out(m.difference > 0 ? "+" : "");
  out += format_value(m.difference);
  if (m.a.n >= 2 && m.b.n >= 2) {
    out += " [" + format_value(m.difference_ci.lo) + ", " + format_value(m.difference_ci.hi) + "]";
  }
  return out;
}

std::string relative_cell(const MetricComparison& m) {
  if (!std::isfinite(m.relative)) return "–";
  std::string out(m.relative > 0 ? "+" : "");
  out += format_value(100 * m.relative, 3);
  return out + "%";
}

std::vector<std::string> row_of(const MetricComparison& m) {
  return {m.metric,
          std::string(better_name(m.better)),
          mean_with_interval(m.a, m.a_ci),
          mean_with_interval(m.b, m.b_ci),
          difference_cell(m),
          relative_cell(m),
          format_value(m.test.p, 3),
          std::string(verdict_name(m.verdict))};
}

const std::vector<std::string> kHeader = {"metric",     "better",   "A mean [CI]", "B mean [CI]",
                                          "B - A [CI]", "relative", "MW p",        "verdict"};

std::string side_line(const char* label, const std::string& path, const RunMetrics& m) {
  return std::string(label) + ": " + path + " (" + std::to_string(m.runs) + (m.runs == 1 ? " run" : " runs") +
         (m.scenario.empty() ? "" : ", scenario " + m.scenario) + (m.only_complete ? "" : ", none complete") +
         ")";
}

std::string legend(const Comparison& c) {
  return "Intervals: " + format_value(100 * c.confidence, 3) +
         "% percentile bootstrap (fixed seed) over the runs of each side. A metric differs when the interval "
         "of "
         "B - A excludes 0; MW p is the two-sided Mann-Whitney U p-value over the same runs.";
}

}  // namespace

std::string comparison_text(const Comparison& c) {
  std::string out = side_line("A", c.a_path, c.a) + "\n" + side_line("B", c.b_path, c.b) + "\n\n";
  TextTable t(kHeader);
  for (const auto& m : c.metrics) t.row(row_of(m));
  out += t.empty() ? std::string("  no metric is present in both files\n") : t.render();
  out += '\n';
  out += legend(c);
  out += '\n';
  if (!c.only_in_a.empty()) out += "only in A: " + std::to_string(c.only_in_a.size()) + " metrics\n";
  if (!c.only_in_b.empty()) out += "only in B: " + std::to_string(c.only_in_b.size()) + " metrics\n";
  return out;
}

std::string comparison_html(const Comparison& c) {
  html::Page page;
  page.title = "ptplab compare";
  page.subtitle = "A = " + c.a_path + " · B = " + c.b_path;

  std::string sides = "<p>" + html::escape(side_line("A", c.a_path, c.a)) + "<br>" +
                      html::escape(side_line("B", c.b_path, c.b)) + "</p><p class=\"note\">" +
                      html::escape(legend(c)) + "</p>\n";
  page.sections.push_back({"sides", "What is compared", sides});

  html::Table table{kHeader, {}, {}};
  for (const auto& m : c.metrics) {
    table.rows.push_back(row_of(m));
    table.row_classes.push_back(m.verdict == Verdict::kWorse       ? "fail"
                                : m.verdict == Verdict::kBetter    ? "pass"
                                : m.verdict == Verdict::kDifferent ? "warn"
                                                                   : "");
  }
  page.sections.push_back({"metrics", "Metrics", html::render(table, "no metric is present in both files")});

  html::BarChart chart;
  chart.title = "Relative difference of B from A, with its interval";
  chart.value_axis = html::Axis::of("(mean B - mean A) / |mean A|", "%");
  html::BarSeries series{"B vs A", {}, {}, {}};
  for (const auto& m : c.metrics) {
    if (!std::isfinite(m.relative)) continue;
    chart.categories.push_back(m.metric + " (" + std::string(verdict_name(m.verdict)) + ")");
    const double scale = 100 / std::abs(m.a.mean);
    series.values.push_back(100 * m.relative);
    const bool interval = m.a.n >= 2 && m.b.n >= 2;
    series.lo.push_back(interval ? m.difference_ci.lo * scale : html::kNoValue);
    series.hi.push_back(interval ? m.difference_ci.hi * scale : html::kNoValue);
  }
  chart.series.push_back(std::move(series));
  chart.empty_reason = "no shared metric has a non-zero mean in A";
  page.sections.push_back({"chart", "Differences", html::render(chart)});
  return html::render(page);
}

}  // namespace ptplab::reports::compare
