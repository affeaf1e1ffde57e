// Scales map data values to pixel positions and choose "nice" tick values (multiples of 1, 2 or
// 5 times a power of ten on a linear axis; powers of ten on a logarithmic one).
#pragma once

#include <string>
#include <vector>

namespace ptplab::reports::html {

// One labelled tick of an axis.
struct Tick {
  double value = 0;
  std::string label;
};

// The distance between neighbouring nice ticks that cut `span` into about `count` intervals:
// 1, 2 or 5 times a power of ten. Returns 1 for a non-positive or non-finite span.
[[nodiscard]] double nice_step(double span, int count);

// Whether a scale is linear or logarithmic (base 10).
enum class ScaleKind { kLinear, kLog };

// A monotonic map from a data domain [lo, hi] to a pixel range [r0, r1] (r0 > r1 for a y axis).
class Scale {
 public:
  // Linear over [lo, hi]; a degenerate or non-finite domain is widened so that it has a span.
  [[nodiscard]] static Scale linear(double lo, double hi, double r0, double r1);
  // Linear, with the domain extended outwards to multiples of the nice step for `tick_count`.
  [[nodiscard]] static Scale nice_linear(double lo, double hi, double r0, double r1, int tick_count);
  // Logarithmic over [lo, hi], both > 0 (non-positive bounds are replaced by hi / 10 or 1);
  // the domain is extended outwards to powers of ten.
  [[nodiscard]] static Scale nice_log(double lo, double hi, double r0, double r1);

  // The pixel position of `value`; a log scale maps values <= 0 to the domain's low end.
  [[nodiscard]] double operator()(double value) const;
  // About `count` ticks inside the domain, labelled for the tick step.
  [[nodiscard]] std::vector<Tick> ticks(int count) const;

  [[nodiscard]] ScaleKind kind() const { return kind_; }
  [[nodiscard]] double lo() const { return lo_; }
  [[nodiscard]] double hi() const { return hi_; }

 private:
  Scale(ScaleKind kind, double lo, double hi, double r0, double r1);

  ScaleKind kind_;
  double lo_, hi_, r0_, r1_;
};

}  // namespace ptplab::reports::html
