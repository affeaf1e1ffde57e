// Axes, grid and legend of x/y charts (see frame.hpp).
#include "reports/html/frame.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "reports/html/format.hpp"

namespace ptplab::reports::html {
namespace {

constexpr double kLegendRowPx = 18;
constexpr double kLegendSwatchPx = 22;
constexpr double kMarginLeftPx = 72;
constexpr double kMarginRightPx = 24;
constexpr double kMarginTopPx = 12;
constexpr double kMarginBottomPx = 48;
// The plot area's least height: a legend taller than the chart leaves room for grows the image.
constexpr double kPlotMinPx = 180;

double entry_width(std::string_view text) {
  return kLegendSwatchPx + 8 + static_cast<double>(text.size()) * kCharWidthPx + 16;
}

// A legend entry placed: its left x and first line's y from the legend's origin, and its name in
// lines that each fit the band.
struct LegendSlot {
  double x = 0;
  double y = 0;
  std::vector<std::string> lines;
};

// `name` in lines of at most `chars` characters, broken after ", " where it can be and mid-word
// only where a part alone is longer than a line; one line when it fits.
std::vector<std::string> legend_lines(const std::string& name, std::size_t chars) {
  chars = std::max<std::size_t>(chars, 8);
  struct Part {
    std::string text;
    bool ends_item = false;  // followed by ", " in `name`
  };
  std::vector<Part> parts;
  for (std::size_t from = 0;;) {
    const auto comma = name.find(", ", from);
    const std::size_t to = comma == std::string::npos ? name.size() : comma;
    for (std::size_t p = from; p < to; p += chars - 1)
      parts.push_back({name.substr(p, std::min(chars - 1, to - p)), false});
    if (comma == std::string::npos) break;
    if (!parts.empty()) parts.back().ends_item = true;
    from = comma + 2;
  }
  std::vector<std::string> lines;
  std::string line;
  bool after_item = false;  // the line's last part is followed by ", "
  for (const auto& part : parts) {
    const std::size_t sep = after_item ? 2 : 0;
    if (!line.empty() && line.size() + sep + part.text.size() + 1 > chars) {  // + 1: a trailing comma
      if (after_item) line += ',';
      lines.push_back(line);
      line.clear();
    } else if (after_item) {
      line += ", ";
    }
    line += part.text;
    after_item = part.ends_item;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// The entries laid out left to right in rows within `width`; an entry wider than the band takes
// rows of its own, its name wrapped. `height` gets the rows' total height.
std::vector<LegendSlot> legend_slots(const std::vector<LegendEntry>& entries, double width, double& height) {
  const auto chars = static_cast<std::size_t>(std::max(0.0, (width - entry_width("")) / kCharWidthPx));
  std::vector<LegendSlot> slots;
  double x = 0;
  double y = 0;
  std::size_t row_lines = 1;
  for (const auto& e : entries) {
    LegendSlot slot;
    slot.lines = entry_width(e.name) > width ? legend_lines(e.name, chars) : std::vector<std::string>{e.name};
    double w = 0;
    for (const auto& l : slot.lines) w = std::max(w, entry_width(l));
    if (x > 0 && (x + w > width || slot.lines.size() > 1 || row_lines > 1)) {
      y += static_cast<double>(row_lines) * kLegendRowPx;
      x = 0;
      row_lines = 1;
    }
    slot.x = x;
    slot.y = y;
    row_lines = std::max(row_lines, slot.lines.size());
    x += w;
    slots.push_back(std::move(slot));
  }
  height = entries.empty() ? 0 : y + static_cast<double>(row_lines) * kLegendRowPx;
  return slots;
}

}  // namespace

double legend_height(const std::vector<LegendEntry>& entries, double width) {
  if (entries.empty()) return 0;
  double rows_px = 0;
  (void)legend_slots(entries, width, rows_px);
  return rows_px + 6;
}

void draw_legend(Svg& svg, const std::vector<LegendEntry>& entries, double x0, double y0, double width) {
  double rows_px = 0;
  const auto slots = legend_slots(entries, width, rows_px);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const double x = x0 + slots[i].x;
    const double y = y0 + kLegendRowPx / 2 + slots[i].y;
    const std::string colour = e.colour;
    if (e.swatch == Swatch::kBox) {
      svg.rect(x, y - 6, kLegendSwatchPx, 12, "fill=\"" + colour + "\"");
    } else {
      const std::string dash = e.swatch == Swatch::kDashed ? " stroke-dasharray=\"6 4\"" : "";
      svg.line(x, y, x + kLegendSwatchPx, y, "stroke=\"" + colour + "\" stroke-width=\"3\"" + dash);
    }
    for (std::size_t l = 0; l < slots[i].lines.size(); ++l)
      svg.text(x + kLegendSwatchPx + 6, y + 4 + static_cast<double>(l) * kLegendRowPx, slots[i].lines[l],
               "class=\"legend\"");
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
      bottom_(std::max(static_cast<double>(size.height), top_ + kPlotMinPx + kMarginBottomPx) -
              kMarginBottomPx),
      svg_(size.width, static_cast<int>(std::ceil(bottom_ + kMarginBottomPx)), label),
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
  svg_.text((left_ + right_) / 2, bottom_ + kMarginBottomPx - 8, axis_title(x_axis),
            "class=\"axis-title\" text-anchor=\"middle\"");
  const double mid_y = (top_ + bottom_) / 2;
  svg_.text(
      16, mid_y, axis_title(y_axis),
      "class=\"axis-title\" text-anchor=\"middle\" transform=\"rotate(-90 16 " + format_coord(mid_y) + ")\"");
}

std::string Frame::finish() && { return std::move(svg_).finish(); }

}  // namespace ptplab::reports::html
