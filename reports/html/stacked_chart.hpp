// Stacked area charts: quantities that add up over time, such as traffic per verb per bucket.
#pragma once

#include <string>
#include <vector>

#include "reports/html/chart.hpp"

namespace ptplab::reports::html {

// One layer of the stack: a value for each x of the chart (missing values count as 0).
struct StackedLayer {
  std::string name;
  std::vector<double> values;
};

// Layers stacked bottom-up in the order given, over shared x values (ascending).
struct StackedChart {
  std::string title;
  Axis x;
  Axis y;
  std::vector<double> x_values;
  std::vector<StackedLayer> layers;
  ChartSize size;
  std::string empty_reason = "nothing was recorded for this chart";
};

// The chart as an HTML <figure>; "no data" when there are no x values or no layers.
[[nodiscard]] std::string render(const StackedChart& chart);

}  // namespace ptplab::reports::html
