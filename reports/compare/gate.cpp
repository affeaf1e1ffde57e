// The --fail-if-worse gate (see gate.hpp).
#include "reports/compare/gate.hpp"

#include <cmath>
#include <cstdlib>

#include "reports/html/format.hpp"

namespace ptplab::reports::compare {
namespace {

using html::format_value;

std::string threshold_text(const Gate& g, std::string_view unit) {
  std::string out = format_value(g.threshold);
  if (g.relative) return out + "% of A";
  return unit.empty() || unit == "count" || unit == "ratio" ? out : out + " " + std::string(unit);
}

std::string difference_text(const MetricComparison& m) {
  const Difference& d = m.difference;
  std::string out = "B - A " + std::string(d.estimate > 0 ? "+" : "") + format_value(d.estimate);
  if (d.ci.known()) out += " [" + format_value(d.ci.lo) + ", " + format_value(d.ci.hi) + "]";
  return out + ", " + std::to_string(d.n_a) + "/" + std::to_string(d.n_b) + " runs " +
         std::string(pairing_name(d.pairing));
}

}  // namespace

Expected<Gate, std::string> parse_gate(std::string_view spec) {
  Gate g;
  const std::size_t colon = spec.rfind(':');
  g.metric = std::string(spec.substr(0, colon));
  if (g.metric.empty()) return Unexpected("--fail-if-worse '" + std::string(spec) + "': no metric name");
  if (colon == std::string_view::npos) return g;
  std::string number(spec.substr(colon + 1));
  if (!number.empty() && number.back() == '%') {
    g.relative = true;
    number.pop_back();
  }
  char* end = nullptr;
  g.threshold = number.empty() ? -1 : std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(g.threshold) ||
      g.threshold < 0) {
    return Unexpected("--fail-if-worse '" + std::string(spec) +
                      "': the threshold after ':' must be a non-negative number, optionally with '%'");
  }
  return g;
}

GateResult apply_gate(const Gate& gate, const MetricComparison& m) {
  const MetricDef* def = find_metric(m.metric);
  const std::string limit = threshold_text(gate, def != nullptr ? def->unit : "");
  const std::string why = " (" + difference_text(m) + ")";
  if (m.verdict == Verdict::kInconclusive) {
    return {GateOutcome::kInconclusive, "inconclusive " + m.metric + ": fewer than " +
                                            std::to_string(runs_for_verdict(kConfidence)) +
                                            " runs a side, so the gate cannot decide" + why};
  }
  if (m.verdict != Verdict::kWorse) {
    return {GateOutcome::kPass, "pass " + m.metric + ": " + std::string(verdict_name(m.verdict)) + why};
  }
  // How far beyond "no change" the near end of the interval lies, on the worse side.
  const double near_end = m.better == Better::kLower ? m.difference.ci.lo : -m.difference.ci.hi;
  // A relative threshold against mean(A) = 0: any change is infinitely many percent.
  const double absolute = gate.relative ? gate.threshold / 100 * std::abs(m.a.mean) : gate.threshold;
  if (near_end > absolute) {
    return {GateOutcome::kFail, "FAIL " + m.metric + ": worse by more than " + limit + why};
  }
  // Passing here proves nothing about the threshold: the interval's far end may lie beyond it.
  return {GateOutcome::kPass, "pass " + m.metric + ": worse, but not shown to be worse by more than " +
                                  limit + " (the " + format_value(100 * kConfidence) +
                                  "% interval's near end is within it)" + why};
}

}  // namespace ptplab::reports::compare
