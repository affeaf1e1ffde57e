// The count sections of the chosen run: drops by reason and the NAT success matrix
// (see sections.hpp).
#include <algorithm>

#include "reports/html/bar_chart.hpp"
#include "reports/html/heatmap.hpp"
#include "reports/html/sections.hpp"
#include "reports/records/records.hpp"

namespace ptplab::reports::html {
namespace {

// NAT types in order of increasing strictness (kNatTypeNames); others follow in name order.
std::size_t nat_rank(const std::string& type) {
  const auto it = std::find(kNatTypeNames.begin(), kNatTypeNames.end(), type);
  return static_cast<std::size_t>(it - kNatTypeNames.begin());
}

void add_sorted(std::vector<std::string>& types, const std::string& t) {
  if (std::find(types.begin(), types.end(), t) != types.end()) return;
  types.push_back(t);
  std::sort(types.begin(), types.end(), [](const std::string& a, const std::string& b) {
    return std::make_pair(nat_rank(a), a) < std::make_pair(nat_rank(b), b);
  });
}

}  // namespace

std::string drops_section(const RunData& run) {
  BarChart chart;
  chart.title = "Datagrams dropped by reason (run " + std::to_string(run.summary.run.run_id) + ")";
  chart.value_axis = Axis::of("datagrams dropped", "");
  BarSeries series{"datagrams", {}, {}, {}};
  for (const auto& d : run.summary.drops) {
    if (d.datagrams == 0) continue;
    chart.categories.push_back("network: " + (d.reason.empty() ? std::string("unspecified") : d.reason));
    series.values.push_back(static_cast<double>(d.datagrams));
  }
  for (const auto& s : run.summary.scalars) {
    if (s.module != "engine_drops" || s.value <= 0) continue;
    chart.categories.push_back("engine: " + s.name);
    series.values.push_back(s.value);
  }
  chart.series.push_back(series);
  chart.empty_reason = "no datagram was dropped in this run";
  return render(chart);
}

std::string nat_section(const RunData& run) {
  Heatmap map;
  map.title = "CONNECT success ratio per NAT pair (run " + std::to_string(run.summary.run.run_id) + ")";
  map.row_label = "initiator (A) NAT";
  map.column_label = "target (B) NAT";
  map.value_label = "successes / attempts";
  for (const auto& p : run.summary.nat) {
    add_sorted(map.rows, p.nat_a);
    add_sorted(map.columns, p.nat_b);
  }
  map.values.assign(map.rows.size(), std::vector<double>(map.columns.size(), kNoValue));
  map.notes.assign(map.rows.size(), std::vector<std::string>(map.columns.size()));
  for (const auto& p : run.summary.nat) {
    if (p.attempts == 0) continue;
    const auto r =
        static_cast<std::size_t>(std::find(map.rows.begin(), map.rows.end(), p.nat_a) - map.rows.begin());
    const auto c = static_cast<std::size_t>(std::find(map.columns.begin(), map.columns.end(), p.nat_b) -
                                            map.columns.begin());
    map.values[r][c] = static_cast<double>(p.successes) / static_cast<double>(p.attempts);
    map.notes[r][c] = std::to_string(p.successes) + " of " + std::to_string(p.attempts) + " attempts";
  }
  map.empty_reason = "this run made no CONNECT attempt";
  return render(map);
}

}  // namespace ptplab::reports::html
