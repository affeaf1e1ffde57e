// Run comparison (see comparison.hpp).
#include "reports/compare/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ptplab::reports::compare {
namespace {

// A side needs this many runs before its seed noise can be estimated.
constexpr std::size_t kRunsForNoiseMin = 2;

Verdict verdict_of(const MetricComparison& m) {
  if (m.a.n < kRunsForNoiseMin || m.b.n < kRunsForNoiseMin) return Verdict::kTooFewRuns;
  if (m.difference_ci.contains(0)) return Verdict::kSame;
  if (m.better == Better::kNeither) return Verdict::kDifferent;
  const bool b_higher = m.difference > 0;
  return b_higher == (m.better == Better::kHigher) ? Verdict::kBetter : Verdict::kWorse;
}

}  // namespace

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kSame: return "same";
    case Verdict::kTooFewRuns: return "too few runs";
    case Verdict::kBetter: return "better";
    case Verdict::kWorse: return "worse";
    case Verdict::kDifferent: return "different";
  }
  return "same";
}

Expected<Comparison, std::string> compare_metrics(RunMetrics a, RunMetrics b,
                                                  const std::vector<std::string>& selected,
                                                  const BootstrapOptions& options) {
  Comparison c;
  c.confidence = options.confidence;
  // A selected name matches the metric itself and its per-sweep-point variants.
  auto is_selected = [&](const std::string& name) {
    return selected.empty() ||
           std::find(selected.begin(), selected.end(), base_metric(name)) != selected.end();
  };
  for (const auto& wanted : selected) {
    auto in = [&](const RunMetrics& side) {
      return std::any_of(side.values.begin(), side.values.end(),
                         [&](const auto& kv) { return base_metric(kv.first) == wanted; });
    };
    if (!in(a)) return Unexpected("metric '" + wanted + "' is not in A");
    if (!in(b)) return Unexpected("metric '" + wanted + "' is not in B");
  }
  for (const auto& [name, av] : a.values) {
    if (!is_selected(name)) continue;
    const auto bit = b.values.find(name);
    if (bit == b.values.end()) {
      c.only_in_a.push_back(name);
      continue;
    }
    const auto& bv = bit->second;
    MetricComparison m;
    m.metric = name;
    m.better = better_direction(base_metric(name));
    m.a = summarize(av);
    m.b = summarize(bv);
    m.a_ci = bootstrap_mean(av, options);
    m.b_ci = bootstrap_mean(bv, options);
    m.difference = m.b.mean - m.a.mean;
    m.difference_ci = bootstrap_difference(av, bv, options);
    m.relative = m.a.mean != 0 ? m.difference / std::abs(m.a.mean) : std::numeric_limits<double>::quiet_NaN();
    m.test = mann_whitney(av, bv);
    m.verdict = verdict_of(m);
    c.metrics.push_back(std::move(m));
  }
  for (const auto& [name, bv] : b.values) {
    if (!a.values.contains(name) &&
        (selected.empty() || std::find(selected.begin(), selected.end(), name) != selected.end())) {
      c.only_in_b.push_back(name);
    }
  }
  c.a = std::move(a);
  c.b = std::move(b);
  return c;
}

Expected<Comparison, std::string> compare_files(const std::string& a_path, const std::string& b_path,
                                                const std::vector<std::string>& selected) {
  auto a = read_run_metrics(a_path);
  if (!a) return Unexpected(a_path + ": " + a.error());
  auto b = read_run_metrics(b_path);
  if (!b) return Unexpected(b_path + ": " + b.error());
  auto c = compare_metrics(std::move(*a), std::move(*b), selected);
  if (!c) return c;
  c->a_path = a_path;
  c->b_path = b_path;
  return c;
}

}  // namespace ptplab::reports::compare
