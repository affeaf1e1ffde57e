// Which sweep point of one report is compared with which of the other: points are matched by
// the values of the swept parameters (the union of both reports' swept JSON pointers), read
// from each point's effective parameters. A report without a sweep is one point whose values
// are its scenario's, so a plain run meets the sweep point that ran its parameters.
#pragma once

#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/compare/run_metrics.hpp"

namespace ptplab::reports::compare {

// Two points, one from each report, that ran the same swept values.
struct PointPair {
  const PointRuns* a = nullptr;
  const PointRuns* b = nullptr;
  std::string label;  // "gossip_fanout=4 loss/rate=0.1"; "" when neither report sweeps
};

// The matched points and the points left without a counterpart (their labels).
struct PointMatch {
  std::vector<PointPair> pairs;  // in A's point order
  std::vector<std::string> only_in_a, only_in_b;
};

// Matches the points of `a` and `b` (which must outlive the result). Fails when no point of A
// matches one of B, with a message naming, for each swept parameter, the values on each side.
[[nodiscard]] Expected<PointMatch, std::string> match_points(const ReportRuns& a, const ReportRuns& b);

}  // namespace ptplab::reports::compare
