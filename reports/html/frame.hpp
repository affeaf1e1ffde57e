// The frame shared by x/y charts: margins, scales chosen from the data and the axes' settings,
// grid lines, ticks, axis titles with units, and a legend above the plot area.
#pragma once

#include <string>
#include <vector>

#include "reports/html/chart.hpp"
#include "reports/html/scale.hpp"
#include "reports/html/svg.hpp"

namespace ptplab::reports::html {

// How a legend entry shows its series: a line, a dashed line, or a filled box (areas, bars).
enum class Swatch { kLine, kDashed, kBox };

// One legend entry.
struct LegendEntry {
  std::string name;
  std::string colour;
  Swatch swatch = Swatch::kLine;
};

// The height in pixels that a legend of these entries takes on one `width`-wide band.
[[nodiscard]] double legend_height(const std::vector<LegendEntry>& entries, double width);
// Draws the legend from (x, y) rightwards, wrapping within `width`; a name wider than the band is
// itself wrapped onto lines of its own (after ", " where it can be), so no text leaves the band.
void draw_legend(Svg& svg, const std::vector<LegendEntry>& entries, double x, double y, double width);

// The smallest and largest finite values seen, or NaN when none was.
struct Extent {
  double lo = kNoValue;
  double hi = kNoValue;
  void add(double v);
  [[nodiscard]] bool empty() const;
};

// A scale for `axis` over the data extent, honouring include_zero, fixed bounds and log kind.
[[nodiscard]] Scale axis_scale(const Axis& axis, Extent data, double r0, double r1, int tick_count);

// The plot area of an x/y chart, its scales, and the SVG being drawn into.
class Frame {
 public:
  // Lays out margins (room for the legend on top), picks the scales, and draws grid and axes. The
  // image is `size` unless the legend leaves the plot area less than 180 px: it grows by that.
  Frame(ChartSize size, const Axis& x_axis, Extent x_data, const Axis& y_axis, Extent y_data,
        const std::vector<LegendEntry>& legend, std::string_view label);

  [[nodiscard]] Svg& svg() { return svg_; }
  [[nodiscard]] const Scale& x() const { return x_; }
  [[nodiscard]] const Scale& y() const { return y_; }
  [[nodiscard]] double left() const { return left_; }
  [[nodiscard]] double right() const { return right_; }
  [[nodiscard]] double top() const { return top_; }
  [[nodiscard]] double bottom() const { return bottom_; }

  // The finished <svg> element.
  [[nodiscard]] std::string finish() &&;

 private:
  double left_, right_, top_, bottom_;
  Svg svg_;
  Scale x_, y_;
};

}  // namespace ptplab::reports::html
