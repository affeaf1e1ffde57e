// How a comparison is shown: aligned text tables for the terminal, or a self-contained HTML
// page with the same table and a chart of relative differences with their intervals.
#pragma once

#include <string>

#include "reports/compare/comparison.hpp"

namespace ptplab::reports::compare {

// The terminal output of `ptplab compare`.
[[nodiscard]] std::string comparison_text(const Comparison& c);

// The HTML page of `ptplab compare --html`.
[[nodiscard]] std::string comparison_html(const Comparison& c);

}  // namespace ptplab::reports::compare
