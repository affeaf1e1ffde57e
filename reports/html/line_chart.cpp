// Line chart rendering (see line_chart.hpp).
#include "reports/html/line_chart.hpp"

#include <algorithm>
#include <cmath>

#include "reports/html/escape.hpp"
#include "reports/html/format.hpp"
#include "reports/html/frame.hpp"
#include "reports/html/palette.hpp"

namespace ptplab::reports::html {
namespace {

// Points drawn per series at most: longer series are thinned evenly (the last point kept), so a
// long run cannot make the page huge.
constexpr std::size_t kPointsPerSeriesMax = 2000;
// Series drawn at most; the legend says how many more there were.
constexpr std::size_t kSeriesMax = 16;

bool plottable(double v, ScaleKind kind) { return std::isfinite(v) && (kind == ScaleKind::kLinear || v > 0); }

std::vector<Point> usable_points(const Series& s, const LineChart& c) {
  std::vector<Point> kept;
  for (const auto& p : s.points) {
    if (plottable(p.x, c.x.kind) && plottable(p.y, c.y.kind)) kept.push_back(p);
  }
  if (kept.size() <= kPointsPerSeriesMax) return kept;
  std::vector<Point> thinned;
  const double stride = static_cast<double>(kept.size() - 1) / static_cast<double>(kPointsPerSeriesMax - 1);
  for (std::size_t i = 0; i < kPointsPerSeriesMax; ++i) {
    thinned.push_back(kept[static_cast<std::size_t>(std::llround(static_cast<double>(i) * stride))]);
  }
  return thinned;
}

std::string line_path(const std::vector<Point>& pts, const Frame& f, bool step) {
  std::string d;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const double x = f.x()(pts[i].x);
    const double y = f.y()(pts[i].y);
    if (i == 0) {
      append_path_point(d, 'M', x, y);
    } else if (step) {
      // Horizontal to the new x at the old level, then vertical to the new level.
      append_path_point(d, 'L', x, f.y()(pts[i - 1].y));
      append_path_point(d, 'L', x, y);
    } else {
      append_path_point(d, 'L', x, y);
    }
  }
  return d;
}

// The closed outline of the spread: along hi forwards, then along lo backwards.
std::string band_path(const std::vector<Point>& pts, const Frame& f) {
  std::string d;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const double hi = std::isfinite(pts[i].hi) ? pts[i].hi : pts[i].y;
    append_path_point(d, i == 0 ? 'M' : 'L', f.x()(pts[i].x), f.y()(hi));
  }
  for (std::size_t i = pts.size(); i-- > 0;) {
    const double lo = std::isfinite(pts[i].lo) ? pts[i].lo : pts[i].y;
    append_path_point(d, 'L', f.x()(pts[i].x), f.y()(lo));
  }
  return d + "Z";
}

bool has_spread(const std::vector<Point>& pts) {
  for (const auto& p : pts) {
    if (std::isfinite(p.lo) || std::isfinite(p.hi)) return true;
  }
  return false;
}

// The note under a chart listing its missing points ("Not drawn: NAME at x = X: WHY; ...").
std::string missing_note(const LineChart& chart) {
  if (chart.missing.empty()) return "";
  std::string out = "<p class=\"note missing\">Not drawn (open dashed markers on the x axis): ";
  for (std::size_t i = 0; i < chart.missing.size(); ++i) {
    const auto& m = chart.missing[i];
    const std::string name = m.series < chart.series.size() ? chart.series[m.series].name : "?";
    out += (i == 0 ? "" : "; ") + escape(name) + " at " + escape(chart.x.label) + " = " +
           escape(format_value(m.x)) + ": " + escape(m.why);
  }
  return out + ".</p>";
}

}  // namespace

std::string render(const LineChart& chart) {
  std::vector<std::vector<Point>> drawn;
  std::vector<LegendEntry> legend;
  Extent xs, ys;
  for (std::size_t i = 0; i < chart.series.size() && i < kSeriesMax; ++i) {
    const Series& s = chart.series[i];
    drawn.push_back(usable_points(s, chart));
    for (const auto& p : drawn.back()) {
      xs.add(p.x);
      ys.add(p.y);
      if (plottable(p.lo, chart.y.kind)) ys.add(p.lo);
      if (plottable(p.hi, chart.y.kind)) ys.add(p.hi);
    }
    legend.push_back({s.name, std::string(series_colour(i)),
                      s.style == LineStyle::kDashed ? Swatch::kDashed : Swatch::kLine});
  }
  if (xs.empty()) {
    if (chart.missing.empty()) return no_data_figure(chart.title, chart.empty_reason);
    return figure(chart.title, "<div class=\"nodata\" role=\"note\">No data: no point could be drawn.</div>" +
                                   missing_note(chart));
  }
  for (const auto& m : chart.missing) {
    if (plottable(m.x, chart.x.kind)) xs.add(m.x);
  }
  if (chart.series.size() > kSeriesMax) {
    legend.push_back(
        {std::string("(") + std::to_string(chart.series.size() - kSeriesMax) + " more series not drawn)",
         "#ffffff", Swatch::kBox});
  }
  Frame f(chart.size, chart.x, xs, chart.y, ys, legend, chart.title);
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const auto& pts = drawn[i];
    if (pts.empty()) continue;
    const std::string colour(series_colour(i));
    const LineStyle style = chart.series[i].style;
    if (has_spread(pts)) {
      f.svg().path(band_path(pts, f), "fill=\"" + colour + "\" fill-opacity=\"0.18\" stroke=\"none\"");
    }
    const std::string dash = style == LineStyle::kDashed ? " stroke-dasharray=\"6 4\"" : "";
    if (pts.size() > 1) {
      f.svg().path(line_path(pts, f, style == LineStyle::kStep),
                   "fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"" + dash);
    }
    if (style == LineStyle::kMarkers || pts.size() == 1) {
      for (const auto& p : pts) {
        f.svg().circle(f.x()(p.x), f.y()(p.y), 3.5, "fill=\"" + colour + "\"",
                       chart.series[i].name + ": " + format_value(p.x) + ", " + format_value(p.y));
      }
    }
  }
  std::vector<double> marked;  // x of the missing markers drawn: a second one at the same x stacks above
  for (const auto& m : chart.missing) {
    if (!plottable(m.x, chart.x.kind)) continue;
    const std::string colour(series_colour(m.series));
    const std::string name = m.series < chart.series.size() ? chart.series[m.series].name : "?";
    const auto below = static_cast<double>(std::count(marked.begin(), marked.end(), m.x));
    marked.push_back(m.x);
    f.svg().circle(f.x()(m.x), f.bottom() - 12 * below, 5,
                   "fill=\"#ffffff\" stroke=\"" + colour + "\" stroke-width=\"2\" stroke-dasharray=\"2 2\"",
                   name + ": " + format_value(m.x) + ", no value (" + m.why + ")");
  }
  return figure(chart.title, std::move(f).finish() + missing_note(chart));
}

}  // namespace ptplab::reports::html
