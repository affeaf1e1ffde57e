// Line charts: time series, CDFs (step style), sweeps with their spread across seeds (markers and
// a band from lo to hi), and dashed reference curves such as the birthday bound.
#pragma once

#include <string>
#include <vector>

#include "reports/html/chart.hpp"

namespace ptplab::reports::html {

// A chart of one or more series over shared axes.
struct LineChart {
  std::string title;
  Axis x;
  Axis y;
  std::vector<Series> series;
  ChartSize size;
  std::string empty_reason = "nothing was recorded for this chart";
};

// The chart as an HTML <figure>; a "no data" figure when no series has a plottable point
// (finite, and positive on a log axis).
[[nodiscard]] std::string render(const LineChart& chart);

}  // namespace ptplab::reports::html
