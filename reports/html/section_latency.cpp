// The latency section: CDF of origin-to-first-delivery latency per propagation policy, pooled
// over the runs that use it (see sections.hpp).
#include <algorithm>
#include <cmath>
#include <map>

#include "reports/html/cdf.hpp"
#include "reports/html/line_chart.hpp"
#include "reports/html/run_params.hpp"
#include "reports/html/run_series.hpp"
#include "reports/html/sections.hpp"

namespace ptplab::reports::html {
namespace {

// Latency samples read per policy at most, shared evenly among its runs (at least
// kLatencySamplesPerRunMin each); the CDF of an even subsample is indistinguishable.
constexpr std::int64_t kLatencySamplesPerPolicyMax = 200'000;
constexpr std::int64_t kLatencySamplesPerRunMin = 200;
// Largest / smallest latency above which the x axis becomes logarithmic.
constexpr double kLogAxisSpanMin = 100;

// The samples or histogram bins of one policy.
struct PolicyLatency {
  std::vector<double> samples;
  std::vector<Bin> bins;
  double lowest = kNoValue;
  int runs = 0;
};

}  // namespace

Expected<std::string, std::string> latency_section(ReportSource& src) {
  std::map<std::string, PolicyLatency> by_policy;
  for (const auto& run : src.runs) ++by_policy[propagation_label(run.summary.params)].runs;
  for (const auto& run : src.runs) {
    const RunId id = run.summary.run.run_id;
    PolicyLatency& p = by_policy[propagation_label(run.summary.params)];
    const std::int64_t per_run = std::max(kLatencySamplesPerRunMin, kLatencySamplesPerPolicyMax / p.runs);
    auto samples = latency_samples(src.db, id, per_run);
    if (!samples) return Unexpected(samples.error());
    if (!samples->empty()) {
      p.samples.insert(p.samples.end(), samples->begin(), samples->end());
      continue;
    }
    auto bins = latency_bins(src.db, id);
    if (!bins) return Unexpected(bins.error());
    p.bins.insert(p.bins.end(), bins->bins.begin(), bins->bins.end());
    if (!std::isnan(bins->lowest) && (std::isnan(p.lowest) || bins->lowest < p.lowest))
      p.lowest = bins->lowest;
  }
  LineChart chart;
  chart.title = "Propagation latency CDF per propagation policy";
  chart.x = Axis::of("origin send to first delivery", "ms");
  chart.y = Axis::of("share of deliveries", "");
  chart.y.min = 0;
  chart.y.max = 1;
  for (auto& [policy, p] : by_policy) {
    const std::string name = policy + " (" + std::to_string(p.runs) + (p.runs == 1 ? " run)" : " runs)");
    if (!p.samples.empty()) {
      chart.series.push_back({name, cdf_of_samples(std::move(p.samples)), LineStyle::kStep});
    } else if (!p.bins.empty()) {
      chart.series.push_back(
          {name + ", from histogram", cdf_of_bins(std::move(p.bins), p.lowest), LineStyle::kLine});
    }
  }
  // Latencies spanning more than two decades (a fast policy beside a slow one) read better on a
  // log axis; zero latencies cannot be drawn there, so they keep the linear axis.
  double lo = INFINITY, hi = 0;
  for (const auto& s : chart.series) {
    for (const auto& pt : s.points) {
      lo = std::min(lo, pt.x);
      hi = std::max(hi, pt.x);
    }
  }
  if (lo > 0 && hi / lo > kLogAxisSpanMin) chart.x.kind = ScaleKind::kLog;
  chart.empty_reason = "no delivery was recorded in any run";
  return render(chart);
}

}  // namespace ptplab::reports::html
