// The plain data that every chart takes: axes with labels and units, series of points, and the
// figure size. Charts render to an HTML <figure> holding an inline SVG, or a "no data" note.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reports/html/scale.hpp"

namespace ptplab::reports::html {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// A chart's outer size in CSS pixels.
struct ChartSize {
  int width = 760;
  int height = 340;
};

// One axis: what it shows, in which unit, and how its domain is chosen.
struct Axis {
  std::string label;
  std::string unit;  // empty for dimensionless quantities
  ScaleKind kind = ScaleKind::kLinear;
  bool include_zero = false;  // extend the domain to 0 (counts, ratios)
  std::optional<double> min;  // fixed domain bounds, when set
  std::optional<double> max;

  // An axis with a label and unit and the other settings at their defaults.
  [[nodiscard]] static Axis of(std::string label, std::string unit) {
    Axis a;
    a.label = std::move(label);
    a.unit = std::move(unit);
    return a;
  }
};

// "label (unit)", or the label alone.
[[nodiscard]] std::string axis_title(const Axis& axis);

// A data point; lo/hi (when not NaN) give the spread drawn around y, e.g. min/max over seeds.
struct Point {
  double x = 0;
  double y = 0;
  double lo = kNoValue;
  double hi = kNoValue;
};

// How a series is drawn: straight segments, a step function (CDFs), a dashed reference curve,
// or markers joined by lines (few points, e.g. a sweep).
enum class LineStyle { kLine, kStep, kDashed, kMarkers };

// A named sequence of points, drawn in the order given.
struct Series {
  std::string name;
  std::vector<Point> points;
  LineStyle style = LineStyle::kLine;
};

// An HTML <figure> with a caption around `body` (an <svg> or a note).
[[nodiscard]] std::string figure(std::string_view title, std::string_view body);

// The figure shown instead of a chart when there is nothing to plot; `reason` says why.
[[nodiscard]] std::string no_data_figure(std::string_view title, std::string_view reason);

}  // namespace ptplab::reports::html
