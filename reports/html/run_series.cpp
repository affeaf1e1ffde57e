// Per-run detail queries (see run_series.hpp).
#include "reports/html/run_series.hpp"

#include <algorithm>
#include <cmath>

#include "reports/html/query.hpp"

namespace ptplab::reports::html {
namespace {

constexpr double kNsPerSecond = 1e9;
// Traffic buckets read at most per run.
constexpr std::int64_t kTrafficBucketsMax = 4000;
// Timeseries points read at most per run (the charts thin them further).
constexpr std::int64_t kTimeseriesPointsMax = 200'000;

}  // namespace

Expected<DeliveryOverTime, std::string> delivery_over_time(Database& db, RunId run, double bucket_s) {
  DeliveryOverTime out;
  // In [1 ns, 2^62 ns]: bucket_s comes from the report, which may hold any double (report_fuzz
  // found 5e173, whose conversion to an integer is undefined); NaN reads as 1 ns.
  const double wanted_ns = bucket_s * kNsPerSecond;
  const std::int64_t bucket_ns = !(wanted_ns >= 1.0)   ? 1
                                 : wanted_ns >= 0x1p62 ? std::int64_t{1} << 62
                                                       : static_cast<std::int64_t>(wanted_ns);
  double intended_total = 0, delivered_total = 0;
  const Status s =
      for_each_row(db,
                   "SELECT m.sent_ns / ?2 AS b, sum(m.intended_recipients), sum(min(coalesce(d.n, 0), "
                   "m.intended_recipients)) "
                   "FROM message m LEFT JOIN (SELECT msg_id, count(DISTINCT node) AS n FROM delivery "
                   "WHERE run_id = ?1 AND intended GROUP BY msg_id) d ON d.msg_id = m.msg_id "
                   "WHERE m.run_id = ?1 GROUP BY b ORDER BY b",
                   {run, bucket_ns}, [&](const Statement& r) {
                     const double t = static_cast<double>(r.int64(0)) * bucket_s;
                     const double intended = r.real(1);
                     const double delivered = r.real(2);
                     if (intended <= 0) return;
                     intended_total += intended;
                     delivered_total += delivered;
                     out.per_interval.push_back({t, delivered / intended});
                     out.cumulative.push_back({t + bucket_s, delivered_total / intended_total});
                   });
  if (!s) return Unexpected(s.error());
  return out;
}

Expected<std::vector<double>, std::string> latency_samples(Database& db, RunId run, std::int64_t limit) {
  std::int64_t count = 0;
  Status s = for_each_row(db, "SELECT count(*) FROM delivery WHERE run_id = ?1 AND intended", {run},
                          [&](const Statement& r) { count = r.int64(0); });
  if (!s) return Unexpected(s.error());
  std::vector<double> out;
  // Every k-th row keeps the sample spread over the whole run when there are too many.
  const std::int64_t stride =
      std::max<std::int64_t>(1, (count + limit - 1) / std::max<std::int64_t>(1, limit));
  s = for_each_row(db,
                   "SELECT latency_ns FROM (SELECT latency_ns, row_number() OVER (ORDER BY rowid) AS i "
                   "FROM delivery WHERE run_id = ?1 AND intended) WHERE i % ?2 = 0 LIMIT ?3",
                   {run, stride, limit},
                   [&](const Statement& r) { out.push_back(static_cast<double>(r.int64(0)) / 1e6); });
  if (!s) return Unexpected(s.error());
  return out;
}

Expected<LatencyBins, std::string> latency_bins(Database& db, RunId run) {
  LatencyBins out;
  const Status s = for_each_row(db,
                                "SELECT bin_lower, bin_upper, count FROM histogram WHERE run_id = ?1 AND "
                                "name = 'latency_ms' ORDER BY bin_upper",
                                {run}, [&](const Statement& r) {
                                  if (std::isnan(out.lowest)) out.lowest = r.real(0);
                                  out.bins.push_back({r.real(1), static_cast<double>(r.int64(2))});
                                });
  if (!s) return Unexpected(s.error());
  return out;
}

Expected<TrafficSeries, std::string> traffic_series(Database& db, RunId run) {
  TrafficSeries out;
  std::vector<std::int64_t> starts;
  Status s =
      for_each_row(db,
                   "SELECT DISTINCT bucket_start_ns FROM traffic WHERE run_id = ?1 ORDER BY bucket_start_ns "
                   "LIMIT ?2",
                   {run, kTrafficBucketsMax}, [&](const Statement& r) { starts.push_back(r.int64(0)); });
  if (!s) return Unexpected(s.error());
  if (starts.empty()) return out;
  std::int64_t width_ns = 0;
  for (std::size_t i = 1; i < starts.size(); ++i) {
    const std::int64_t gap = starts[i] - starts[i - 1];
    if (gap > 0 && (width_ns == 0 || gap < width_ns)) width_ns = gap;
  }
  if (width_ns == 0) width_ns = static_cast<std::int64_t>(kNsPerSecond);
  out.bucket_width_s = static_cast<double>(width_ns) / kNsPerSecond;
  for (const auto t : starts) out.bucket_s.push_back(static_cast<double>(t) / kNsPerSecond);
  s = for_each_row(db,
                   "SELECT bucket_start_ns, verb, sum(datagrams_sent) FROM traffic WHERE run_id = ?1 AND "
                   "bucket_start_ns <= ?2 GROUP BY bucket_start_ns, verb",
                   {run, starts.back()}, [&](const Statement& r) {
                     const auto it = std::lower_bound(starts.begin(), starts.end(), r.int64(0));
                     auto& values = out.by_verb[r.text(1)];
                     values.resize(starts.size(), 0.0);
                     values[static_cast<std::size_t>(it - starts.begin())] = r.real(2) / out.bucket_width_s;
                   });
  if (!s) return Unexpected(s.error());
  return out;
}

Expected<std::map<std::string, std::vector<Point>>, std::string> timeseries(Database& db, RunId run) {
  std::map<std::string, std::vector<Point>> out;
  const Status s =
      for_each_row(db,
                   "SELECT name, t_ns, value FROM timeseries WHERE run_id = ?1 ORDER BY name, t_ns "
                   "LIMIT ?2",
                   {run, kTimeseriesPointsMax}, [&](const Statement& r) {
                     out[r.text(0)].push_back({static_cast<double>(r.int64(1)) / kNsPerSecond, r.real(2)});
                   });
  if (!s) return Unexpected(s.error());
  return out;
}

}  // namespace ptplab::reports::html
