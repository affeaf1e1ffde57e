// The summary section: runs, parameters, metrics, per-group delivery, expectations (see sections.hpp).
#include "reports/group_columns.hpp"
#include "reports/html/escape.hpp"
#include "reports/html/format.hpp"
#include "reports/html/sections.hpp"
#include "reports/html/table.hpp"
#include "reports/records/metrics.hpp"
#include "reports/text_table.hpp"

namespace ptplab::reports::html {
namespace {

std::string runs_table(const ReportSource& src) {
  Table t{{"run", "scenario", "seed", "status", "sweep point", "simulated s", "events", "wall s"}, {}, {}};
  for (const auto& r : src.runs) {
    const RunRow& row = r.summary.run;
    t.rows.push_back({std::to_string(row.run_id), row.scenario, std::to_string(row.seed), row.status,
                      row.sweep_point, format_value(row.simulated_seconds), std::to_string(row.events),
                      format_value(row.wall_seconds)});
    t.row_classes.push_back(row.status == "complete" ? "" : "warn");
  }
  std::string out = render(t, "the file holds no run");
  if (src.runs_total > src.runs.size()) {
    out += "<p class=\"note\">Showing the first " + std::to_string(src.runs.size()) + " of " +
           std::to_string(src.runs_total) + " runs.</p>\n";
  }
  return out;
}

}  // namespace

std::string summary_section(const ReportSource& src, const RunData& run, std::string_view why) {
  const RunSummary& s = run.summary;
  std::string out = "<h3>Runs in this file</h3>\n" + runs_table(src);
  out += "<h3>Run " + std::to_string(s.run.run_id) + " of " + std::to_string(src.runs_total) +
         ": the run the per-run charts below show (" + escape(why) + ")</h3>\n";

  // Values in their metric's unit as the text report prints them ("36.0 kB", "0.9875", "85 ms"),
  // with the unit the metric table gives (review M17: "37.3779k" said neither).
  Table metrics{{"metric", "value", "unit"}, {}, {}};
  for (const auto& [name, value] : run.metrics) {
    const auto* def = find_metric(name);
    const std::string_view unit = def != nullptr ? def->unit : "";
    metrics.rows.push_back({name, format_in_unit(value, unit), std::string(unit)});
  }
  out += render(metrics, "this run recorded no metrics");

  if (s.groups.size() > 1) {
    Table groups{{}, {}, {}};
    for (const auto& c : kGroupColumns) groups.header.emplace_back(c.header);
    const auto text = [](const GroupCell& cell) {
      if (const auto* t = std::get_if<std::string_view>(&cell)) return std::string(*t);
      if (const auto* n = std::get_if<std::uint64_t>(&cell)) return std::to_string(*n);
      const auto& v = std::get<std::optional<double>>(cell);
      return v ? format_value(*v, 6) : std::string("-");
    };
    for (const auto& g : s.groups) {
      std::vector<std::string> row;
      for (const auto& c : kGroupColumns) row.push_back(text(c.cell(g)));
      groups.rows.push_back(std::move(row));
    }
    out += "<h3>Delivery and latency per group (recipients in the group)</h3>\n" + render(groups, "");
  }

  Table expectations{{"metric", "operator", "expected", "tolerance", "actual", "verdict"}, {}, {}};
  for (const auto& e : s.expectations) {
    expectations.rows.push_back({e.metric, e.op, format_value(e.expected, 6), format_value(e.tolerance, 6),
                                 e.actual ? format_value(*e.actual, 6) : "not computed",
                                 e.passed ? "pass" : "fail"});
    expectations.row_classes.push_back(e.passed ? "pass" : "fail");
  }
  out += "<h3>Expectations</h3>\n" + render(expectations, "the scenario states no expectations");

  Table params{{"parameter", "value"}, {}, {}};
  for (const auto& p : s.params) params.rows.push_back({p.name, p.value});
  out += "<details><summary>Parameters (" + std::to_string(s.params.size()) + ")</summary>\n" +
         render(params, "no parameters recorded") + "</details>\n";
  return out;
}

}  // namespace ptplab::reports::html
