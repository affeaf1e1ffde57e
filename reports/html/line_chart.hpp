// Line charts: time series, CDFs (step style), sweeps with their spread across seeds (markers and
// a band from lo to hi), and dashed reference curves such as the birthday bound.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "reports/html/chart.hpp"

namespace ptplab::reports::html {

// A point a series should have and has no value for: its run did not run, did not finish, or
// gave a value that cannot be drawn (none, or not positive on a log axis). Drawn as an open,
// dashed marker on the bottom edge of the plot at `x` in the series' colour, with `why` as its
// tooltip, and listed in a note under the chart, so a missing point is never a silent gap.
struct MissingPoint {
  std::size_t series = 0;  // index into LineChart::series
  double x = 0;
  std::string why;  // "not run", "did not finish: timed_out at 12.3 of 30 simulated s", ...
};

// A chart of one or more series over shared axes.
struct LineChart {
  std::string title;
  Axis x;
  Axis y;
  std::vector<Series> series;
  std::vector<MissingPoint> missing;
  ChartSize size;
  std::string empty_reason = "nothing was recorded for this chart";
};

// The chart as an HTML <figure>; a "no data" figure when no series has a plottable point
// (finite, and positive on a log axis).
[[nodiscard]] std::string render(const LineChart& chart);

}  // namespace ptplab::reports::html
