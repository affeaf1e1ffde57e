// Linear and logarithmic scales with nice ticks (see scale.hpp).
#include "reports/html/scale.hpp"

#include <algorithm>
#include <cmath>

#include "reports/html/format.hpp"

namespace ptplab::reports::html {
namespace {

// Ticks never exceed this many, whatever the domain, so a bad input cannot stall rendering.
constexpr int kTicksMax = 50;

// A domain that has a positive finite span, keeping the given bounds where they are usable.
void widen(double& lo, double& hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo > 0) return;
  if (lo == 0) {
    hi = 1;
  } else {
    const double half = std::abs(lo) * 0.5;
    lo -= half;
    hi += half;
  }
}

}  // namespace

double nice_step(double span, int count) {
  if (!(span > 0) || !std::isfinite(span) || count < 1) return 1;
  const double raw = span / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double error = raw / power;
  // Thresholds are the geometric means of neighbouring candidates (as in d3's tickIncrement).
  double factor = 1;
  if (error >= std::sqrt(50.0)) {
    factor = 10;
  } else if (error >= std::sqrt(10.0)) {
    factor = 5;
  } else if (error >= std::sqrt(2.0)) {
    factor = 2;
  }
  return factor * power;
}

Scale::Scale(ScaleKind kind, double lo, double hi, double r0, double r1)
    : kind_(kind), lo_(lo), hi_(hi), r0_(r0), r1_(r1) {}

Scale Scale::linear(double lo, double hi, double r0, double r1) {
  widen(lo, hi);
  return Scale(ScaleKind::kLinear, lo, hi, r0, r1);
}

Scale Scale::nice_linear(double lo, double hi, double r0, double r1, int tick_count) {
  widen(lo, hi);
  const double step = nice_step(hi - lo, tick_count);
  // floor(x / step) * step can land one ulp inside [lo, hi] (28401.8 / 0.01 * 0.01 < 28401.8):
  // the domain must still contain both ends.
  return Scale(ScaleKind::kLinear, std::min(lo, std::floor(lo / step) * step),
               std::max(hi, std::ceil(hi / step) * step), r0, r1);
}

Scale Scale::nice_log(double lo, double hi, double r0, double r1) {
  if (!std::isfinite(hi) || hi <= 0) hi = 1;
  if (!std::isfinite(lo) || lo <= 0 || lo > hi) lo = hi / 10;
  double lo_exp = std::floor(std::log10(lo));
  double hi_exp = std::ceil(std::log10(hi));
  if (hi_exp <= lo_exp) hi_exp = lo_exp + 1;
  return Scale(ScaleKind::kLog, std::pow(10.0, lo_exp), std::pow(10.0, hi_exp), r0, r1);
}

double Scale::operator()(double value) const {
  double t = 0;
  if (kind_ == ScaleKind::kLinear) {
    t = (value - lo_) / (hi_ - lo_);
  } else {
    const double v = value > 0 ? value : lo_;
    t = (std::log10(v) - std::log10(lo_)) / (std::log10(hi_) - std::log10(lo_));
  }
  return r0_ + t * (r1_ - r0_);
}

std::vector<Tick> Scale::ticks(int count) const {
  std::vector<Tick> out;
  if (kind_ == ScaleKind::kLinear) {
    const double step = nice_step(hi_ - lo_, count);
    const double first = std::ceil(lo_ / step - 1e-9);
    const double last = std::floor(hi_ / step + 1e-9);
    for (double i = first; i <= last && static_cast<int>(out.size()) < kTicksMax; ++i) {
      const double v = i * step;
      out.push_back({v, format_tick(v, step)});
    }
    return out;
  }
  const int lo_exp = static_cast<int>(std::floor(std::log10(lo_) + 1e-9));
  const int hi_exp = static_cast<int>(std::ceil(std::log10(hi_) - 1e-9));
  // With few decades, 2x and 5x ticks keep the axis readable.
  const bool minor = hi_exp - lo_exp <= 2;
  for (int e = lo_exp; e <= hi_exp && static_cast<int>(out.size()) < kTicksMax; ++e) {
    const double p = std::pow(10.0, e);
    for (const double m : {1.0, 2.0, 5.0}) {
      if (m != 1.0 && !minor) continue;
      const double v = m * p;
      if (v < lo_ * (1 - 1e-9) || v > hi_ * (1 + 1e-9)) continue;
      out.push_back({v, format_value(v, 3)});
    }
  }
  return out;
}

}  // namespace ptplab::reports::html
