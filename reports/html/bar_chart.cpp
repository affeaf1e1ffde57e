// Horizontal grouped bar chart rendering (see bar_chart.hpp).
#include "reports/html/bar_chart.hpp"

#include <algorithm>
#include <cmath>

#include "reports/html/format.hpp"
#include "reports/html/frame.hpp"
#include "reports/html/palette.hpp"

namespace ptplab::reports::html {
namespace {

constexpr std::size_t kCategoriesMax = 40;
constexpr std::size_t kSeriesMax = 8;
constexpr std::size_t kLabelCharsMax = 28;  // longer category names are cut with an ellipsis
constexpr double kBarPx = 16;
constexpr double kGroupGapPx = 10;

double value_of(const BarSeries& s, std::size_t i) { return i < s.values.size() ? s.values[i] : kNoValue; }
double lo_of(const BarSeries& s, std::size_t i) { return i < s.lo.size() ? s.lo[i] : kNoValue; }
double hi_of(const BarSeries& s, std::size_t i) { return i < s.hi.size() ? s.hi[i] : kNoValue; }

std::string short_label(const std::string& s) {
  if (s.size() <= kLabelCharsMax) return s;
  return s.substr(0, kLabelCharsMax - 1) + "…";
}

}  // namespace

std::string render(const BarChart& chart) {
  const std::size_t categories = std::min(chart.categories.size(), kCategoriesMax);
  const std::size_t series = std::min(chart.series.size(), kSeriesMax);
  Extent xs;
  for (std::size_t s = 0; s < series; ++s) {
    for (std::size_t c = 0; c < categories; ++c) {
      xs.add(value_of(chart.series[s], c));
      xs.add(lo_of(chart.series[s], c));
      xs.add(hi_of(chart.series[s], c));
    }
  }
  if (xs.empty()) return no_data_figure(chart.title, chart.empty_reason);

  std::vector<LegendEntry> legend;
  for (std::size_t s = 0; s < series; ++s) {
    legend.push_back({chart.series[s].name, std::string(series_colour(s)), Swatch::kBox});
  }
  std::size_t label_chars = 4;
  for (std::size_t c = 0; c < categories; ++c) {
    label_chars = std::max(label_chars, short_label(chart.categories[c]).size());
  }
  const double left = 12 + static_cast<double>(label_chars) * kCharWidthPx;
  const double right = chart.width - 24;
  const double top = 12 + (series > 1 ? legend_height(legend, right - left) : 0);
  const double group_px = static_cast<double>(series) * kBarPx + kGroupGapPx;
  const double bottom = top + static_cast<double>(categories) * group_px;
  const int height = static_cast<int>(bottom + 48);

  Svg svg(chart.width, height, chart.title);
  if (series > 1) draw_legend(svg, legend, left, 12, right - left);
  Axis axis = chart.value_axis;
  axis.include_zero = true;
  const int tick_count = std::max(2, chart.width / 110);
  const Scale x = axis_scale(axis, xs, left, right, tick_count);
  for (const auto& t : x.ticks(tick_count)) {
    svg.line(x(t.value), top, x(t.value), bottom, "class=\"grid\"");
    svg.text(x(t.value), bottom + 16, t.label, "class=\"tick\" text-anchor=\"middle\"");
  }
  for (std::size_t c = 0; c < categories; ++c) {
    const double group_top = top + static_cast<double>(c) * group_px + kGroupGapPx / 2;
    svg.text(left - 6, group_top + static_cast<double>(series) * kBarPx / 2 + 4,
             short_label(chart.categories[c]), "class=\"tick\" text-anchor=\"end\"");
    for (std::size_t s = 0; s < series; ++s) {
      const double v = value_of(chart.series[s], c);
      if (!std::isfinite(v)) continue;
      const double x0 = x(std::min(0.0, v));
      const double x1 = x(std::max(0.0, v));
      svg.rect(x0, group_top + static_cast<double>(s) * kBarPx, std::max(1.0, x1 - x0), kBarPx - 2,
               "fill=\"" + std::string(series_colour(s)) + "\"",
               chart.categories[c] + " / " + chart.series[s].name + ": " + format_value(v));
      const double lo = lo_of(chart.series[s], c);
      const double hi = hi_of(chart.series[s], c);
      if (std::isfinite(lo) && std::isfinite(hi)) {
        const double mid = group_top + static_cast<double>(s) * kBarPx + (kBarPx - 2) / 2;
        svg.line(x(lo), mid, x(hi), mid, "class=\"whisker\"");
        svg.line(x(lo), mid - 4, x(lo), mid + 4, "class=\"whisker\"");
        svg.line(x(hi), mid - 4, x(hi), mid + 4, "class=\"whisker\"");
      }
    }
  }
  svg.line(x(0), top, x(0), bottom, "class=\"axis\"");
  svg.line(left, bottom, right, bottom, "class=\"axis\"");
  svg.text((left + right) / 2, height - 8, axis_title(chart.value_axis),
           "class=\"axis-title\" text-anchor=\"middle\"");
  return figure(chart.title, std::move(svg).finish());
}

}  // namespace ptplab::reports::html
