// Number formatting for charts and tables: tick labels that show exactly as many decimals as the
// tick step needs, compact values (12.3k, 4.5M), and SVG coordinates.
#pragma once

#include <string>

namespace ptplab::reports::html {

// A tick label for `value` on an axis whose ticks are `step` apart: enough decimals to tell
// neighbouring ticks apart (trailing zeros trimmed), thousands and millions abbreviated
// (k, M, G), zero always "0".
[[nodiscard]] std::string format_tick(double value, double step);

// A value for a table cell or a chart annotation: up to `significant` significant digits,
// abbreviated above 10,000 (12.3k), "–" for NaN and infinities.
[[nodiscard]] std::string format_value(double value, int significant = 4);

// An SVG coordinate with two decimals (trailing zeros trimmed).
[[nodiscard]] std::string format_coord(double value);

// The average width of a 12px sans-serif character, in px: what the charts reserve per character
// of a label or legend entry they lay out.
inline constexpr double kCharWidthPx = 7;

}  // namespace ptplab::reports::html
