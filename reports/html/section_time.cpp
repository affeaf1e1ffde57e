// The time sections of the chosen run: delivery ratio over time, table sizes, and traffic per
// verb (see sections.hpp).
#include "reports/html/format.hpp"
#include "reports/html/line_chart.hpp"
#include "reports/html/run_series.hpp"
#include "reports/html/scale.hpp"
#include "reports/html/sections.hpp"
#include "reports/html/stacked_chart.hpp"

namespace ptplab::reports::html {
namespace {

// Intervals the run's duration is cut into for the delivery ratio by send time.
constexpr int kDeliveryIntervals = 40;

}  // namespace

Expected<std::string, std::string> delivery_section(ReportSource& src, const RunData& run) {
  const RunId id = run.summary.run.run_id;
  const double bucket_s = nice_step(std::max(run.summary.run.simulated_seconds, 1e-3), kDeliveryIntervals);
  auto delivery = delivery_over_time(src.db, id, bucket_s);
  if (!delivery) return Unexpected(delivery.error());
  LineChart chart;
  chart.title = "Delivery ratio over time (run " + std::to_string(id) + ")";
  chart.x = Axis::of("send time", "s");
  chart.y = Axis::of("delivery ratio", "delivered / intended pairs");
  chart.y.min = 0;
  chart.y.max = 1;
  chart.series.push_back({"messages sent in each " + format_value(bucket_s) + " s interval",
                          delivery->per_interval, LineStyle::kMarkers});
  chart.series.push_back({"all messages sent so far", delivery->cumulative, LineStyle::kLine});
  chart.empty_reason = "no per-message rows in this run (record: summary, or no message was sent)";
  std::string out = render(chart);

  auto series = timeseries(src.db, id);
  if (!series) return Unexpected(series.error());
  LineChart tables;
  tables.title = "Largest table of any node over time (run " + std::to_string(id) + ")";
  tables.x = Axis::of("simulated time", "s");
  tables.y = Axis::of("entries", "");
  tables.y.include_zero = true;
  for (const auto& [name, points] : *series) tables.series.push_back({name, points, LineStyle::kLine});
  tables.empty_reason = "this run recorded no time series";
  out += render(tables);
  return out;
}

Expected<std::string, std::string> traffic_section(ReportSource& src, const RunData& run) {
  const RunId id = run.summary.run.run_id;
  auto traffic = traffic_series(src.db, id);
  if (!traffic) return Unexpected(traffic.error());
  StackedChart chart;
  chart.title = "Datagrams sent per verb (run " + std::to_string(id) + ")";
  chart.x = Axis::of("simulated time", "s");
  chart.y = Axis::of("datagrams sent", "per s");
  chart.x_values = traffic->bucket_s;
  // Largest verbs at the bottom of the stack, where they are easiest to read.
  for (const auto& v : run.summary.traffic) {
    const auto it = traffic->by_verb.find(v.verb);
    if (it != traffic->by_verb.end()) chart.layers.push_back({v.verb, it->second});
  }
  chart.empty_reason = "this run recorded no traffic";
  return render(chart);
}

}  // namespace ptplab::reports::html
