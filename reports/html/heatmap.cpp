// Heat map rendering (see heatmap.hpp).
#include "reports/html/heatmap.hpp"

#include <algorithm>
#include <cmath>

#include "reports/html/format.hpp"
#include "reports/html/palette.hpp"
#include "reports/html/svg.hpp"

namespace ptplab::reports::html {
namespace {

constexpr std::size_t kRowsMax = 24;
constexpr std::size_t kColumnsMax = 24;
constexpr double kCellWidthPx = 84;
constexpr double kCellHeightPx = 34;
constexpr int kLegendSteps = 10;

double cell(const Heatmap& m, std::size_t r, std::size_t c) {
  if (r >= m.values.size() || c >= m.values[r].size()) return kNoValue;
  return m.values[r][c];
}

std::string note(const Heatmap& m, std::size_t r, std::size_t c) {
  if (r >= m.notes.size() || c >= m.notes[r].size()) return {};
  return m.notes[r][c];
}

double position(const Heatmap& m, double v) { return m.hi > m.lo ? (v - m.lo) / (m.hi - m.lo) : 0.5; }

}  // namespace

std::string render(const Heatmap& map) {
  const std::size_t rows = std::min(map.rows.size(), kRowsMax);
  const std::size_t columns = std::min(map.columns.size(), kColumnsMax);
  bool any = false;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) any = any || std::isfinite(cell(map, r, c));
  }
  if (!any) return no_data_figure(map.title, map.empty_reason);

  std::size_t label_chars = map.row_label.size() / 2;
  for (std::size_t r = 0; r < rows; ++r) label_chars = std::max(label_chars, map.rows[r].size());
  const double left = 28 + static_cast<double>(label_chars) * kCharWidthPx;
  const double top = 44;
  const double grid_right = left + static_cast<double>(columns) * kCellWidthPx;
  const double grid_bottom = top + static_cast<double>(rows) * kCellHeightPx;
  const double key_right =
      left + kLegendSteps * 24 + 12 + static_cast<double>(map.value_label.size()) * kCharWidthPx;
  const int width = static_cast<int>(std::max(grid_right, key_right) + 24);
  const int height = static_cast<int>(grid_bottom + 70);

  Svg svg(width, height, map.title);
  svg.text((left + grid_right) / 2, 14, map.column_label, "class=\"axis-title\" text-anchor=\"middle\"");
  const double mid_y = (top + grid_bottom) / 2;
  svg.text(
      14, mid_y, map.row_label,
      "class=\"axis-title\" text-anchor=\"middle\" transform=\"rotate(-90 14 " + format_coord(mid_y) + ")\"");
  for (std::size_t c = 0; c < columns; ++c) {
    svg.text(left + (static_cast<double>(c) + 0.5) * kCellWidthPx, top - 8, map.columns[c],
             "class=\"tick\" text-anchor=\"middle\"");
  }
  for (std::size_t r = 0; r < rows; ++r) {
    const double y = top + static_cast<double>(r) * kCellHeightPx;
    svg.text(left - 6, y + kCellHeightPx / 2 + 4, map.rows[r], "class=\"tick\" text-anchor=\"end\"");
    for (std::size_t c = 0; c < columns; ++c) {
      const double v = cell(map, r, c);
      const double x = left + static_cast<double>(c) * kCellWidthPx;
      const std::string fill = sequential_colour(std::isfinite(v) ? position(map, v) : kNoValue);
      std::string tooltip = map.rows[r] + " × " + map.columns[c] + ": " + format_value(v);
      if (const std::string n = note(map, r, c); !n.empty()) tooltip += " (" + n + ")";
      svg.rect(x, y, kCellWidthPx - 2, kCellHeightPx - 2, "fill=\"" + fill + "\"", tooltip);
      svg.text(x + kCellWidthPx / 2 - 1, y + kCellHeightPx / 2 + 3, format_value(v, 3),
               "class=\"cell\" text-anchor=\"middle\" fill=\"" + std::string(text_colour_on(fill)) + "\"");
    }
  }
  // Colour key: kLegendSteps swatches from lo to hi.
  const double key_y = grid_bottom + 18;
  const double key_step_px = 24;
  for (int i = 0; i < kLegendSteps; ++i) {
    const double t = static_cast<double>(i) / (kLegendSteps - 1);
    svg.rect(left + i * key_step_px, key_y, key_step_px, 12, "fill=\"" + sequential_colour(t) + "\"");
  }
  svg.text(left, key_y + 28, format_value(map.lo), "class=\"tick\" text-anchor=\"start\"");
  svg.text(left + kLegendSteps * key_step_px, key_y + 28, format_value(map.hi),
           "class=\"tick\" text-anchor=\"end\"");
  svg.text(left + kLegendSteps * key_step_px + 12, key_y + 11, map.value_label, "class=\"legend\"");
  return figure(map.title, std::move(svg).finish());
}

}  // namespace ptplab::reports::html
