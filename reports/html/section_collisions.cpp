// The collisions section: the share of runs in which some id was shared, per id kind, width
// and population, against the birthday bound 1 - prod(1 - i/2^b) (see sections.hpp).
#include <algorithm>
#include <map>

#include "reports/html/birthday.hpp"
#include "reports/html/format.hpp"
#include "reports/html/line_chart.hpp"
#include "reports/html/run_params.hpp"
#include "reports/html/sections.hpp"
#include "reports/html/table.hpp"

namespace ptplab::reports::html {
namespace {

// Points of each drawn birthday curve.
constexpr int kCurvePoints = 60;
// Widths at or above this make the bound indistinguishable from 0 at any simulated population,
// so they are listed in the table but not drawn.
constexpr int kDrawnBitsMax = 64;

// Runs with at least one collision among the runs of one (population, width).
struct Tally {
  int runs = 0;
  int with_collision = 0;
};

// One id kind: how to read its population, width and collision count from a run.
struct IdKind {
  std::string label;       // "node_id"
  std::string bits_param;  // "node_id_bits"
  std::string metric;      // "node_id_collisions"
};

}  // namespace

std::string collisions_section(const ReportSource& src) {
  const IdKind kinds[] = {{"node_id", "node_id_bits", "node_id_collisions"},
                          {"msg_id", "msg_id_bits", "msg_id_collisions"}};
  LineChart chart;
  chart.title = "Runs with an id collision vs the birthday bound";
  chart.x = Axis::of("ids drawn (nodes, or messages sent)", "count");
  chart.x.kind = ScaleKind::kLog;
  chart.y = Axis::of("P(at least one collision)", "");
  chart.y.min = 0;
  chart.y.max = 1;
  Table table{
      {"id", "bits", "ids drawn", "runs", "runs with a collision", "measured share", "birthday bound"},
      {},
      {}};
  for (const auto& kind : kinds) {
    // (bits, population) -> tally
    std::map<std::pair<int, double>, Tally> tallies;
    for (const auto& run : src.runs) {
      const auto collisions = run.metrics.find(kind.metric);
      if (collisions == run.metrics.end()) continue;
      double population = 0;
      if (kind.label == "node_id") {
        population = static_cast<double>(run.honest_nodes);
      } else if (const auto sent = run.metrics.find("messages_sent"); sent != run.metrics.end()) {
        population = sent->second;
      }
      if (population < 1) continue;
      Tally& t = tallies[{id_bits(run.summary.params, kind.bits_param), population}];
      ++t.runs;
      if (collisions->second > 0) ++t.with_collision;
    }
    std::map<int, Series> measured;
    std::map<int, double> largest;
    for (const auto& [key, t] : tallies) {
      const auto [bits, population] = key;
      const double share = static_cast<double>(t.with_collision) / t.runs;
      const double bound = birthday_collision_probability(population, bits);
      table.rows.push_back({kind.label, std::to_string(bits), format_value(population),
                            std::to_string(t.runs), std::to_string(t.with_collision), format_value(share),
                            format_value(bound)});
      if (bits > kDrawnBitsMax) continue;
      Series& s = measured[bits];
      s.name = kind.label + ", " + std::to_string(bits) + " bits: measured";
      s.style = LineStyle::kMarkers;
      s.points.push_back({population, share});
      largest[bits] = std::max(largest[bits], population);
    }
    for (auto& [bits, s] : measured) {
      chart.series.push_back(std::move(s));
      chart.series.push_back({kind.label + ", " + std::to_string(bits) + " bits: birthday bound",
                              birthday_curve(largest[bits] * 4, bits, kCurvePoints), LineStyle::kDashed});
    }
  }
  chart.empty_reason =
      "no run used ids of 64 bits or fewer (the default UUIDv4 ids do not collide at simulated scale)";
  return render(chart) + render(table, "no run recorded collision metrics");
}

}  // namespace ptplab::reports::html
