// Axes, grid and legend of x/y charts (see frame.hpp).
#include "reports/html/frame.hpp"

#include <algorithm>
#include <cmath>

#include "reports/html/format.hpp"

namespace ptplab::reports::html {
namespace {

constexpr double kLegendRowPx = 18;
constexpr double kLegendSwatchPx = 22;
constexpr double kMarginLeftPx = 72;
constexpr double kMarginRightPx = 24;
constexpr double kMarginTopPx = 12;
constexpr double kMarginBottomPx = 48;

double entry_width(const LegendEntry& e) {
  return kLegendSwatchPx + 8 + static_cast<double>(e.name.size()) * kCharWidthPx + 16;
}

}  // namespace

double legend_height(const std::vector<LegendEntry>& entries, double width) {
  if (entries.empty()) return 0;
  double x = 0;
  int rows = 1;
  for (const auto& e : entries) {
    const double w = entry_width(e);
    if (x > 0 && x + w > width) {
      ++rows;
      x = 0;
    }
    x += w;
  }
  return rows * kLegendRowPx + 6;
}

void draw_legend(Svg& svg, const std::vector<LegendEntry>& entries, double x0, double y0, double width) {
  double x = 0;
  double y = y0 + kLegendRowPx / 2;
  for (const auto& e : entries) {
    const double w = entry_width(e);
    if (x > 0 && x + w > width) {
      x = 0;
      y += kLegendRowPx;
    }
    const std::string colour = e.colour;
    if (e.swatch == Swatch::kBox) {
      svg.rect(x0 + x, y - 6, kLegendSwatchPx, 12, "fill=\"" + colour + "\"");
    } else {
      const std::string dash = e.swatch == Swatch::kDashed ? " stroke-dasharray=\"6 4\"" : "";
      svg.line(x0 + x, y, x0 + x + kLegendSwatchPx, y, "stroke=\"" + colour + "\" stroke-width=\"3\"" + dash);
    }
    svg.text(x0 + x + kLegendSwatchPx + 6, y + 4, e.name, "class=\"legend\"");
    x += w;
  }
}

void Extent::add(double v) {
  if (!std::isfinite(v)) return;
  lo = std::isnan(lo) ? v : std::min(lo, v);
  hi = std::isnan(hi) ? v : std::max(hi, v);
}

bool Extent::empty() const { return std::isnan(lo); }

Scale axis_scale(const Axis& axis, Extent data, double r0, double r1, int tick_count) {
  if (axis.include_zero) data.add(0);
  double lo = axis.min.value_or(data.lo);
  double hi = axis.max.value_or(data.hi);
  if (axis.kind == ScaleKind::kLog) return Scale::nice_log(lo, hi, r0, r1);
  if (axis.min && axis.max) return Scale::linear(lo, hi, r0, r1);
  return Scale::nice_linear(lo, hi, r0, r1, tick_count);
}

Frame::Frame(ChartSize size, const Axis& x_axis, Extent x_data, const Axis& y_axis, Extent y_data,
             const std::vector<LegendEntry>& legend, std::string_view label)
    : left_(kMarginLeftPx),
      right_(size.width - kMarginRightPx),
      top_(kMarginTopPx + legend_height(legend, size.width - kMarginLeftPx - kMarginRightPx)),
      bottom_(size.height - kMarginBottomPx),
      svg_(size.width, size.height, label),
      x_(axis_scale(x_axis, x_data, left_, right_, std::max(2, size.width / 100))),
      y_(axis_scale(y_axis, y_data, bottom_, top_, std::max(2, static_cast<int>((bottom_ - top_) / 45)))) {
  draw_legend(svg_, legend, left_, kMarginTopPx, right_ - left_);
  for (const auto& t : y_.ticks(std::max(2, static_cast<int>((bottom_ - top_) / 45)))) {
    const double py = y_(t.value);
    svg_.line(left_, py, right_, py, "class=\"grid\"");
    svg_.text(left_ - 6, py + 4, t.label, "class=\"tick\" text-anchor=\"end\"");
  }
  for (const auto& t : x_.ticks(std::max(2, size.width / 100))) {
    const double px = x_(t.value);
    svg_.line(px, top_, px, bottom_, "class=\"grid\"");
    svg_.text(px, bottom_ + 16, t.label, "class=\"tick\" text-anchor=\"middle\"");
  }
  svg_.line(left_, bottom_, right_, bottom_, "class=\"axis\"");
  svg_.line(left_, top_, left_, bottom_, "class=\"axis\"");
  svg_.text((left_ + right_) / 2, size.height - 8, axis_title(x_axis),
            "class=\"axis-title\" text-anchor=\"middle\"");
  const double mid_y = (top_ + bottom_) / 2;
  svg_.text(
      16, mid_y, axis_title(y_axis),
      "class=\"axis-title\" text-anchor=\"middle\" transform=\"rotate(-90 16 " + format_coord(mid_y) + ")\"");
}

std::string Frame::finish() && { return std::move(svg_).finish(); }

}  // namespace ptplab::reports::html
