// The `--fail-if-worse METRIC[:THRESHOLD]` gate: B fails it at a point when the metric is worse
// with confidence AND by more than the threshold with confidence, i.e. the whole interval of
// B - A lies beyond THRESHOLD on the metric's worse side. THRESHOLD is absolute, in the metric's
// unit ("latency_p50_ms:20": 20 ms), or relative to mean(A) ("bytes_sent:5%"); without it the
// threshold is 0, so the gate fails exactly when the verdict is worse. An inconclusive metric
// (too few runs) never fails the gate: the exit status must mean "shown to be worse", and
// too few runs show nothing; the gate's line says inconclusive instead.
#pragma once

#include <string>
#include <string_view>

#include "engine/core/expected.hpp"
#include "reports/compare/comparison.hpp"

namespace ptplab::reports::compare {

// A parsed gate.
struct Gate {
  std::string metric;
  double threshold = 0;   // >= 0; a percentage of |mean(A)| when relative
  bool relative = false;  // written with a trailing '%'
};

// Parses "METRIC", "METRIC:20", "METRIC:2.5%". Errors: an empty metric, a threshold that is not
// a finite non-negative number.
[[nodiscard]] Expected<Gate, std::string> parse_gate(std::string_view spec);

// What a gate concludes at one point.
enum class GateOutcome : unsigned char { kPass, kFail, kInconclusive };

// The gate's outcome for one compared metric and the line that explains it, e.g.
// "FAIL latency_p50_ms: worse by more than 1 ms (B - A +20 [19.6, 20.4])".
struct GateResult {
  GateOutcome outcome = GateOutcome::kPass;
  std::string line;
};

// Applies `gate` to `m` (whose metric has a better direction).
[[nodiscard]] GateResult apply_gate(const Gate& gate, const MetricComparison& m);

}  // namespace ptplab::reports::compare
