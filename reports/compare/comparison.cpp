// Run comparison (see comparison.hpp).
#include "reports/compare/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "reports/compare/point_match.hpp"

namespace ptplab::reports::compare {
namespace {

// Values and seeds of one side, sorted by seed.
struct Side {
  std::vector<std::uint64_t> seeds;
  std::vector<double> values;
};

Side side_of(std::vector<Observation> obs) {
  std::sort(obs.begin(), obs.end(),
            [](const Observation& l, const Observation& r) { return l.seed < r.seed; });
  Side s;
  for (const auto& o : obs) {
    s.seeds.push_back(o.seed);
    s.values.push_back(o.value);
  }
  return s;
}

// The values a metric's comparison uses.
struct Selected {
  std::vector<double> a, b;  // paired: a[i] and b[i] ran the same seed
  bool paired = false;
};

// Paired on the seeds both sides ran when there are enough of them for a verdict (or when the
// two sides ran exactly the same seeds); the runs of a seed the other side lacks have no partner
// and are left out. Seeds are chosen before the runs, so leaving them out biases nothing, and
// pairing removes the between-seed spread (topology, senders, losses), which is usually most of
// the noise. Otherwise every run, unpaired.
Selected select_runs(const std::vector<Observation>& a, const std::vector<Observation>& b,
                     double confidence) {
  const Side sa = side_of(a);
  const Side sb = side_of(b);
  Selected pairs;
  pairs.paired = true;
  for (std::size_t i = 0, j = 0; i < sa.seeds.size() && j < sb.seeds.size();) {
    if (sa.seeds[i] < sb.seeds[j]) {
      ++i;
    } else if (sb.seeds[j] < sa.seeds[i]) {
      ++j;
    } else {
      pairs.a.push_back(sa.values[i++]);
      pairs.b.push_back(sb.values[j++]);
    }
  }
  if (sa.seeds == sb.seeds || pairs.a.size() >= runs_for_verdict(confidence)) return pairs;
  return {sa.values, sb.values, false};
}

Verdict verdict_of(const MetricComparison& m, double confidence) {
  const std::size_t need = runs_for_verdict(confidence);
  const Difference& d = m.difference;
  if (d.n_a < need || d.n_b < need || !d.ci.known()) return Verdict::kInconclusive;
  if (d.ci.contains(0)) return Verdict::kNoise;
  if (m.better == Better::kNeither) return Verdict::kDifferent;
  const bool b_higher = d.estimate > 0;
  return b_higher == (m.better == Better::kHigher) ? Verdict::kBetter : Verdict::kWorse;
}

bool has_metric(const ReportRuns& r, const std::string& name) {
  return std::any_of(r.points.begin(), r.points.end(),
                     [&](const PointRuns& p) { return p.values.contains(name); });
}

// The value of `/record` in a point's parameters, without its JSON quotes ("" when absent).
std::string record_of(const PointRuns& p) {
  for (const auto& r : p.params) {
    if (r.name == "/record") return r.value.size() >= 2 ? r.value.substr(1, r.value.size() - 2) : r.value;
  }
  return "";
}

// The metrics `record = summary` approximates (streaming buckets, scenarios/metrics/sample.hpp).
bool summary_approximates(std::string_view metric) {
  return metric == "latency_p50_ms" || metric == "latency_p90_ms" || metric == "latency_p99_ms";
}

PointComparison compare_point(const PointPair& pair, const std::vector<std::string>& selected,
                              double confidence) {
  PointComparison pc;
  pc.label = pair.label;
  pc.runs_a = pair.a->seeds.size();
  pc.runs_b = pair.b->seeds.size();
  pc.seeds_a = pair.a->seeds;
  pc.seeds_b = pair.b->seeds;
  pc.repeated_a = pair.a->repeated;
  pc.repeated_b = pair.b->repeated;
  pc.differing_a = pair.a->differing_params;
  pc.differing_b = pair.b->differing_params;
  pc.record_a = record_of(*pair.a);
  pc.record_b = record_of(*pair.b);
  const bool mixed_record = pc.record_a != pc.record_b;
  auto is_selected = [&](const std::string& name) {
    return selected.empty() || std::find(selected.begin(), selected.end(), name) != selected.end();
  };
  // A value stored only when non-zero is 0 in a complete run that lacks it, on either side.
  std::vector<std::string> names;
  for (const auto* side : {pair.a, pair.b}) {
    for (const auto& [name, v] : side->values) names.push_back(name);
  }
  const auto a_values = values_with_absent_as_zero(*pair.a, names);
  const auto b_values = values_with_absent_as_zero(*pair.b, names);
  for (const auto& [name, av] : a_values) {
    if (!is_selected(name)) continue;
    const auto bit = b_values.find(name);
    if (bit == b_values.end()) {
      pc.only_in_a.push_back(name);
      continue;
    }
    MetricComparison m;
    m.metric = name;
    m.better = better_direction(name);
    const Selected runs = select_runs(av, bit->second, confidence);
    m.a = summarize(runs.a);
    m.b = summarize(runs.b);
    m.difference = runs.paired ? paired_difference(runs.a, runs.b, confidence)
                               : welch_difference(runs.a, runs.b, confidence);
    m.relative =
        m.a.mean != 0 ? m.difference.estimate / std::abs(m.a.mean) : std::numeric_limits<double>::quiet_NaN();
    m.verdict =
        mixed_record && summary_approximates(name) ? Verdict::kInconclusive : verdict_of(m, confidence);
    pc.metrics.push_back(std::move(m));
  }
  for (const auto& [name, bv] : b_values) {
    if (!a_values.contains(name) && is_selected(name)) pc.only_in_b.push_back(name);
  }
  return pc;
}

}  // namespace

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kInconclusive: return "inconclusive";
    case Verdict::kNoise: return "noise";
    case Verdict::kBetter: return "better";
    case Verdict::kWorse: return "worse";
    case Verdict::kDifferent: return "different";
  }
  return "inconclusive";
}

std::size_t runs_for_verdict(double confidence) {
  // The exact two-sided sign test on n pairs that all agree in sign has p = 2 * 2^-n.
  const double alpha = 1 - confidence;
  std::size_t n = 2;
  while (n < 64 && std::ldexp(1.0, 1 - static_cast<int>(n)) > alpha) ++n;
  return n;
}

Expected<Comparison, std::string> compare_reports(const ReportRuns& a, const ReportRuns& b,
                                                  const std::vector<std::string>& selected,
                                                  double confidence) {
  for (const auto& wanted : selected) {
    if (!has_metric(a, wanted)) return Unexpected("metric '" + wanted + "' is not in A");
    if (!has_metric(b, wanted)) return Unexpected("metric '" + wanted + "' is not in B");
  }
  auto match = match_points(a, b);
  if (!match) return Unexpected(match.error());
  Comparison c;
  c.confidence = confidence;
  c.runs_a = a.runs;
  c.runs_b = b.runs;
  c.scenario_a = a.scenario;
  c.scenario_b = b.scenario;
  c.only_complete_a = a.only_complete;
  c.only_complete_b = b.only_complete;
  c.left_out_a = a.left_out;
  c.left_out_b = b.left_out;
  if (a.scenario != b.scenario) {
    c.warnings.push_back("warning: A ran scenario " + a.scenario + ", B ran scenario " + b.scenario +
                         ": a comparison assumes one experiment changed in one respect; check that "
                         "their other settings match");
  }
  for (const auto& pair : match->pairs) c.points.push_back(compare_point(pair, selected, confidence));
  c.points_only_in_a = std::move(match->only_in_a);
  c.points_only_in_b = std::move(match->only_in_b);
  return c;
}

Expected<Comparison, std::string> compare_files(const std::string& a_path, const std::string& b_path,
                                                const std::vector<std::string>& selected) {
  auto a = read_report_runs(a_path);
  if (!a) return Unexpected(a_path + ": " + a.error());
  auto b = read_report_runs(b_path);
  if (!b) return Unexpected(b_path + ": " + b.error());
  auto c = compare_reports(*a, *b, selected);
  if (!c) return Unexpected(a_path + " vs " + b_path + ": " + c.error());
  c->a_path = a_path;
  c->b_path = b_path;
  return c;
}

}  // namespace ptplab::reports::compare
