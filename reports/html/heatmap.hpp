// Heat maps: a matrix of values in a known range, such as the NAT traversal success ratio per
// (NAT type, NAT type) pair, with each cell labelled by its value.
#pragma once

#include <string>
#include <vector>

#include "reports/html/chart.hpp"

namespace ptplab::reports::html {

// A matrix of cells; values[r][c] is NaN where nothing was measured.
struct Heatmap {
  std::string title;
  std::string row_label;
  std::string column_label;
  std::string value_label;  // what the colour means, with its unit
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::vector<std::vector<double>> values;
  std::vector<std::vector<std::string>> notes;  // optional tooltip per cell, e.g. "3 of 4 attempts"
  double lo = 0;                                // the value drawn darkest
  double hi = 1;                                // the value drawn brightest
  std::string empty_reason = "nothing was recorded for this chart";
};

// The heat map as an HTML <figure>; "no data" when no cell has a finite value.
[[nodiscard]] std::string render(const Heatmap& map);

}  // namespace ptplab::reports::html
