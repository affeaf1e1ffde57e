// The abuse section: honest delivery ratio under each attack with mitigations on and off,
// beside the runs without attackers (see sections.hpp).
#include <map>

#include "reports/compare/statistics.hpp"
#include "reports/html/bar_chart.hpp"
#include "reports/html/format.hpp"
#include "reports/html/run_params.hpp"
#include "reports/html/sections.hpp"
#include "reports/html/table.hpp"
#include "reports/records/metrics.hpp"

namespace ptplab::reports::html {

std::string abuse_section(const ReportSource& src) {
  // attack label -> mitigations on? -> honest delivery ratios over runs
  std::map<std::string, std::map<bool, std::vector<double>>> values;
  bool any_attack = false;
  for (const auto& run : src.runs) {
    const auto it = run.metrics.find(std::string(metric_name(Metric::kHonestDeliveryRatio)));
    if (it == run.metrics.end()) continue;
    std::string attack = attack_label(run.summary.params);
    any_attack = any_attack || !attack.empty();
    if (attack.empty()) attack = "no attack (baseline)";
    values[attack][mitigations_on(run.summary.params)].push_back(it->second);
  }
  BarChart chart;
  chart.title = "Honest delivery ratio under attack, mitigations on and off";
  chart.value_axis = Axis::of("honest delivery ratio (mean over runs)", "");
  chart.value_axis.max = 1;
  BarSeries on{"mitigations on", {}, {}, {}}, off{"mitigations off", {}, {}, {}};
  Table table{{"attack", "mitigations", "runs", "mean", "min", "max"}, {}, {}};
  for (const auto& [attack, by_mitigation] : values) {
    chart.categories.push_back(attack);
    on.values.push_back(kNoValue);
    off.values.push_back(kNoValue);
    for (const auto& [mitigated, ratios] : by_mitigation) {
      const compare::Summary s = compare::summarize(ratios);
      (mitigated ? on : off).values.back() = s.mean;
      table.rows.push_back({attack, mitigated ? "on" : "off", std::to_string(s.n), format_value(s.mean),
                            format_value(s.min), format_value(s.max)});
    }
  }
  chart.series = {on, off};
  if (!any_attack) {
    chart.categories.clear();
    chart.empty_reason = "no run in this file has attackers";
  }
  return render(chart) + render(table, "no run recorded an honest delivery ratio");
}

}  // namespace ptplab::reports::html
