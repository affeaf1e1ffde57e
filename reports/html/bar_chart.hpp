// Horizontal grouped bar charts: counts per category (drops by reason), optionally compared
// across a few series (honest delivery with and without mitigation).
#pragma once

#include <string>
#include <vector>

#include "reports/html/chart.hpp"

namespace ptplab::reports::html {

// One series of bars: a value per category of the chart (missing or NaN values draw no bar),
// optionally with an interval per category drawn as a whisker (e.g. a confidence interval).
struct BarSeries {
  std::string name;
  std::vector<double> values;
  std::vector<double> lo;  // empty, or one per category (NaN: no whisker)
  std::vector<double> hi;
};

// Categories down the y axis, one bar per series in each, values along the x axis.
struct BarChart {
  std::string title;
  Axis value_axis;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  int width = 760;
  std::string empty_reason = "nothing was recorded for this chart";
};

// The chart as an HTML <figure>; "no data" when no bar has a finite value.
[[nodiscard]] std::string render(const BarChart& chart);

}  // namespace ptplab::reports::html
