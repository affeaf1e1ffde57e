// The scaling law of a sweep over the node count (issue 16 item 5): for each protocol reading
// (the sweep's other swept values) and each node count n the sweep covers, the runs at that
// point and whether they finished; from it, log-log charts of the law's metrics against n, one
// series per reading, in which a point that did not run or did not finish is drawn as missing,
// never left out and never drawn as a zero.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/html/line_chart.hpp"
#include "reports/html/report_data.hpp"
#include "reports/records/metrics.hpp"

namespace ptplab::reports::html {

// The metrics a scaling law charts, in order: datagrams and bytes per delivered message,
// delivery ratio and p99 latency (issue 16 item 5).
inline constexpr std::array<Metric, 4> kLawMetrics = {Metric::kDatagramsPerDeliveredMessage,
                                                      Metric::kBytesPerDeliveredMessage,
                                                      Metric::kDeliveryRatio, Metric::kLatencyP99Ms};

// The x axis goes logarithmic when the largest n is more than this many times the smallest.
inline constexpr double kLawLogSpan = 10;

// How a (reading, n) point of the grid ended.
enum class LawState {
  kFinished,    // at least one run of the point is complete (its seeds' complete runs are used)
  kUnfinished,  // runs exist and none is complete (timed_out, interrupted, failed, running)
  kNotRun,      // the report holds no run of the point
};

// One (reading, n) point: its complete runs and, when it has none, why.
struct LawPoint {
  double n = 0;  // nodes in the run: the sum of its groups' counts
  LawState state = LawState::kNotRun;
  std::vector<const RunData*> complete;  // the point's complete runs (one per seed)
  std::string why;  // for kUnfinished/kNotRun: "not run", "did not finish: timed_out at 12.3 simulated s
                    // after 600 s wall"
};

// One protocol reading: its name and one point per n of the grid, by increasing n.
struct LawSeries {
  std::string name;
  std::vector<LawPoint> points;
};

// A sweep's scaling law: the grid of node counts and a series per reading.
struct ScalingLaw {
  std::vector<double> ns;  // every n any run of the sweep has, increasing
  std::vector<LawSeries> series;
  bool log_x = false;  // n spans more than kLawLogSpan (or log axes were asked for)
};

// The law of the sweep runs in `runs` (those whose sweep_point names swept values), when one of
// the swept parameters is a node count (`/nodes/<i>/count`, or `/nodes` itself) and the runs
// have at least two distinct n; nullopt otherwise. A run's n is the sum of its `/nodes/<i>/count`
// parameters; its reading is its other swept values, named by readings_names(). `force_log`
// chooses log axes whatever the span. The law's points point into `runs`, which must outlive it.
[[nodiscard]] std::optional<ScalingLaw> scaling_law(const std::vector<RunData>& runs, bool force_log = false);

// Display names for readings given as the swept (path, value) pairs other than the node count,
// one list per reading: values that are JSON objects or arrays (a whole `/nodes` array per
// reading) are named by their leaves that differ between the readings ("propagation=mesh,
// routing_advert=sample"), identical leaves (the same parameter in several groups) once; a
// reading none of whose leaves differs from every other is "spec-literal (defaults)" (the
// engine's defaults are the spec-literal reading, engine/PROTOCOL.md "Node: presets"). A single
// reading is named by its leaves under a "params" object. Scalar values are "name=value".
[[nodiscard]] std::vector<std::string> reading_names(
    const std::vector<std::vector<std::pair<std::string, std::string>>>& readings);

// The chart of `metric` against n: log x when law.log_x, log y, a series per reading (mean over
// its complete runs, min-max band), and a MissingPoint for each point not finished, not run, or
// whose value is absent or not positive.
[[nodiscard]] LineChart law_chart(const ScalingLaw& law, Metric metric);

// The law as an HTML note, a chart per kLawMetrics entry and a table of every point (reading, n,
// state, the law's metrics, members_joined, simulated seconds, wall seconds, peak RSS).
[[nodiscard]] std::string law_html(const ScalingLaw& law);

}  // namespace ptplab::reports::html
