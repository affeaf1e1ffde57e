// Text and HTML output of a comparison (see comparison_output.hpp).
#include "reports/compare/comparison_output.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <tuple>

#include "reports/html/bar_chart.hpp"
#include "reports/html/escape.hpp"
#include "reports/html/format.hpp"
#include "reports/html/page.hpp"
#include "reports/html/table.hpp"
#include "reports/text_table.hpp"

namespace ptplab::reports::compare {
namespace {

using html::format_value;

std::string signed_value(double v) {
  std::string out(v > 0 ? "+" : "");
  return out += format_value(v);
}

std::string interval_cell(const Difference& d) {
  if (!d.ci.known()) return "–";
  std::string out("[");
  out += format_value(d.ci.lo);
  out += ", ";
  out += format_value(d.ci.hi);
  return out += "]";
}

std::string relative_cell(const MetricComparison& m) {
  if (!std::isfinite(m.relative)) return "–";
  std::string out(m.relative > 0 ? "+" : "");
  out += format_value(100 * m.relative, 3);
  return out += "%";
}

std::vector<std::string> header(double confidence) {
  return {"metric",   "better", "A mean",  "B mean", "B - A", format_value(100 * confidence, 3) + "% CI",
          "relative", "n A/B",  "pairing", "verdict"};
}

std::vector<std::string> row_of(const MetricComparison& m) {
  return {m.metric,
          std::string(better_name(m.better)),
          format_value(m.a.mean),
          format_value(m.b.mean),
          signed_value(m.difference.estimate),
          interval_cell(m.difference),
          relative_cell(m),
          std::to_string(m.difference.n_a) + "/" + std::to_string(m.difference.n_b),
          std::string(pairing_name(m.difference.pairing)),
          std::string(verdict_name(m.verdict))};
}

// "1-10", "1-3, 7, 9-10": sorted seeds as ranges.
std::string seeds_text(std::vector<std::uint64_t> seeds) {
  std::sort(seeds.begin(), seeds.end());
  std::string out;
  for (std::size_t i = 0; i < seeds.size();) {
    std::size_t j = i;
    while (j + 1 < seeds.size() && seeds[j + 1] == seeds[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(seeds[i]);
    if (j > i) out += '-', out += std::to_string(seeds[j]);
    i = j + 1;
  }
  return out;
}

std::string runs_text(std::size_t runs) { return std::to_string(runs) + (runs == 1 ? " run" : " runs"); }

// "A: a.db (5 runs, scenario basic; left out 1 run not complete: 1 interrupted)".
std::string side_line(const Comparison& c, bool a) {
  const auto& [path, runs, scenario, only_complete, left_out] =
      a ? std::tie(c.a_path, c.runs_a, c.scenario_a, c.only_complete_a, c.left_out_a)
        : std::tie(c.b_path, c.runs_b, c.scenario_b, c.only_complete_b, c.left_out_b);
  std::string out = std::string(a ? "A" : "B") + ": " + path + " (" + runs_text(runs) +
                    (scenario.empty() ? "" : ", scenario " + scenario) +
                    (only_complete ? "" : ", none complete");
  std::size_t n = 0;
  std::string why;
  for (const auto& [status, count] : left_out) {
    n += count;
    why += (why.empty() ? "" : ", ") + std::to_string(count) + " " + status;
  }
  if (n > 0) out += "; left out " + runs_text(n) + " not complete: " + why;
  return out + ")";
}

// "point gossip_fanout=4: A 5 runs (seeds 1-5), B 5 runs (seeds 1-5)".
std::string point_line(const PointComparison& p) {
  return (p.label.empty() ? std::string("runs") : "point " + p.label) + ": A " + runs_text(p.runs_a) +
         " (seeds " + seeds_text(p.seeds_a) + "), B " + runs_text(p.runs_b) + " (seeds " +
         seeds_text(p.seeds_b) + ")";
}

// How the point's runs were paired, when the two sides did not run exactly the same seeds.
std::string pairing_note(const PointComparison& p, double confidence) {
  std::vector<std::uint64_t> a = p.seeds_a, b = p.seeds_b, shared, only_a, only_b;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a == b) return "";
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  const std::size_t need = runs_for_verdict(confidence);
  if (shared.size() < need) {
    return "seeds differ (" + std::to_string(shared.size()) + " shared, " + std::to_string(need) +
           " needed to pair): unpaired intervals over all runs";
  }
  std::string out = "paired on the " + std::to_string(shared.size()) + " seeds both sides ran; left out:";
  if (!only_a.empty()) out += " A's seeds " + seeds_text(only_a);
  if (!only_b.empty()) out += std::string(only_a.empty() ? "" : ",") + " B's seeds " + seeds_text(only_b);
  return out;
}

std::vector<std::string> point_notes(const PointComparison& p, double confidence) {
  std::vector<std::string> notes;
  if (auto note = pairing_note(p, confidence); !note.empty()) notes.push_back(std::move(note));
  for (const auto& [side, repeated] : {std::pair{"A", &p.repeated_a}, std::pair{"B", &p.repeated_b}}) {
    for (const auto& r : *repeated) {
      notes.push_back(std::string(side) + ": run " + std::to_string(r.run) + " left out: it repeats run " +
                      std::to_string(r.first) + " (seed " + std::to_string(r.seed) +
                      ", same scenario and parameters; a seed repeats its run)");
    }
  }
  for (const auto& [side, differing] : {std::pair{"A", &p.differing_a}, std::pair{"B", &p.differing_b}}) {
    if (differing->empty()) continue;
    std::string names;
    for (const auto& name : *differing) names += (names.empty() ? "" : ", ") + name;
    notes.push_back(std::string("warning: ") + side + "'s runs here differ in " + names +
                    ", not only in their seed: their spread is not seed noise alone");
  }
  if (p.record_a != p.record_b) {
    notes.push_back("warning: A was recorded " +
                    (p.record_a.empty() ? std::string("(unknown)") : p.record_a) + ", B " +
                    (p.record_b.empty() ? std::string("(unknown)") : p.record_b) +
                    ": record = summary approximates latency_p50/p90/p99_ms (up to 1/64 high), so they "
                    "are inconclusive here");
  }
  if (!p.only_in_a.empty()) notes.push_back("only in A: " + std::to_string(p.only_in_a.size()) + " metrics");
  if (!p.only_in_b.empty()) notes.push_back("only in B: " + std::to_string(p.only_in_b.size()) + " metrics");
  return notes;
}

std::vector<std::string> unmatched_lines(const Comparison& c) {
  std::vector<std::string> out;
  for (const auto& [side, labels] :
       {std::pair{"A", &c.points_only_in_a}, std::pair{"B", &c.points_only_in_b}}) {
    for (const auto& l : *labels)
      out.push_back(std::string("point only in ") + side + ", not compared: " + l);
  }
  return out;
}

// What the columns and verdicts mean, one sentence a line.
std::string legend(const Comparison& c) {
  const std::string level = format_value(100 * c.confidence, 3) + "%";
  const std::string need = std::to_string(runs_for_verdict(c.confidence));
  return "B - A: mean(B) - mean(A) over the runs used, with its " + level +
         " Student t interval: paired (on the per-seed\n"
         "  differences) when both sides ran the same seeds or share at least " +
         need +
         ", else unpaired (Welch).\n"
         "Verdict: better or worse (different, for a metric with no better direction) when the interval\n"
         "  excludes 0; noise when it contains 0 (no difference told from seed noise: not proof of "
         "equality);\n"
         "  inconclusive with fewer than " +
         need +
         " runs on a side, whatever the interval.\n"
         "Each line is a separate " +
         level + " interval: up to 1 in " + std::to_string(std::lround(1 / (1 - c.confidence))) +
         " unchanged metrics shows a difference by chance.";
}

}  // namespace

std::string comparison_text(const Comparison& c) {
  std::string out = side_line(c, true) + "\n" + side_line(c, false) + "\n";
  for (const auto& w : c.warnings) out += w + "\n";
  for (const auto& p : c.points) {
    out += '\n';
    out += point_line(p);
    out += '\n';
    TextTable t(header(c.confidence));
    for (const auto& m : p.metrics) t.row(row_of(m));
    out += t.empty() ? std::string("  no metric is present on both sides\n") : t.render();
    for (const auto& note : point_notes(p, c.confidence)) out += "  " + note + "\n";
  }
  out += '\n';
  for (const auto& line : unmatched_lines(c)) out += line + "\n";
  out += legend(c);
  out += '\n';
  return out;
}

std::string comparison_html(const Comparison& c) {
  html::Page page;
  page.title = "ptplab compare";
  page.subtitle = "A = " + c.a_path + " · B = " + c.b_path;

  std::string sides =
      "<p>" + html::escape(side_line(c, true)) + "<br>" + html::escape(side_line(c, false)) + "</p>";
  for (const auto& w : c.warnings) sides += "<p class=\"note\">" + html::escape(w) + "</p>";
  for (const auto& line : unmatched_lines(c)) sides += "<p>" + html::escape(line) + "</p>";
  sides += "<p class=\"note\">" + html::escape(legend(c)) + "</p>\n";
  page.sections.push_back({"sides", "What is compared", sides});

  html::BarChart chart;
  chart.title = "Relative difference of B from A, with its interval";
  chart.value_axis = html::Axis::of("(mean B - mean A) / |mean A|", "%");
  html::BarSeries series{"B vs A", {}, {}, {}};
  for (const auto& p : c.points) {
    html::Table table{header(c.confidence), {}, {}};
    for (const auto& m : p.metrics) {
      table.rows.push_back(row_of(m));
      table.row_classes.push_back(m.verdict == Verdict::kWorse       ? "fail"
                                  : m.verdict == Verdict::kBetter    ? "pass"
                                  : m.verdict == Verdict::kDifferent ? "warn"
                                                                     : "");
      if (!std::isfinite(m.relative)) continue;
      chart.categories.push_back((p.label.empty() ? "" : p.label + ": ") + m.metric + " (" +
                                 std::string(verdict_name(m.verdict)) + ")");
      const double scale = 100 / std::abs(m.a.mean);
      series.values.push_back(100 * m.relative);
      series.lo.push_back(m.difference.ci.known() ? m.difference.ci.lo * scale : html::kNoValue);
      series.hi.push_back(m.difference.ci.known() ? m.difference.ci.hi * scale : html::kNoValue);
    }
    std::string body = "<p>" + html::escape(point_line(p)) + "</p>";
    for (const auto& note : point_notes(p, c.confidence))
      body += "<p class=\"note\">" + html::escape(note) + "</p>";
    body += html::render(table, "no metric is present on both sides");
    page.sections.push_back(
        {"metrics " + p.label, p.label.empty() ? "Metrics" : "Metrics at " + p.label, body});
  }
  chart.series.push_back(std::move(series));
  chart.empty_reason = "no shared metric has a non-zero mean in A";
  page.sections.push_back({"chart", "Differences", html::render(chart)});
  return html::render(page);
}

}  // namespace ptplab::reports::compare
