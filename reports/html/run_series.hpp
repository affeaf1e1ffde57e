// Per-run detail queries that feed the time charts: delivery ratio by send time, latency
// samples or histogram bins, and traffic per verb per time bucket.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/html/cdf.hpp"
#include "reports/html/chart.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports::html {

// Delivery ratio of the messages sent in each interval of `bucket_s` seconds (by send time),
// and cumulatively over all messages sent so far; x in seconds. Empty without message rows.
struct DeliveryOverTime {
  std::vector<Point> per_interval;
  std::vector<Point> cumulative;
};
[[nodiscard]] Expected<DeliveryOverTime, std::string> delivery_over_time(Database& db, RunId run,
                                                                         double bucket_s);

// Latencies (ms) of first deliveries to intended recipients, at most `limit` of them (evenly
// spread over the run when there are more).
[[nodiscard]] Expected<std::vector<double>, std::string> latency_samples(Database& db, RunId run,
                                                                         std::int64_t limit);

// The "latency_ms" histogram of a run (summary-mode runs record no per-delivery rows).
struct LatencyBins {
  std::vector<Bin> bins;
  double lowest = kNoValue;
};
[[nodiscard]] Expected<LatencyBins, std::string> latency_bins(Database& db, RunId run);

// Datagrams sent per second per verb, per traffic bucket.
struct TrafficSeries {
  std::vector<double> bucket_s;                        // bucket start, seconds
  std::map<std::string, std::vector<double>> by_verb;  // datagrams/s in each bucket
  double bucket_width_s = 0;
};
[[nodiscard]] Expected<TrafficSeries, std::string> traffic_series(Database& db, RunId run);

// Every timeseries of a run by name, x in seconds.
[[nodiscard]] Expected<std::map<std::string, std::vector<Point>>, std::string> timeseries(Database& db,
                                                                                          RunId run);

}  // namespace ptplab::reports::html
