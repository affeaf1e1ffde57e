// The delay distributions.
#include "sim/latency.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ptplab::sim {
namespace {

// Redraws of a truncated normal before settling on 0 (reached only if mean << -stddev).
constexpr int kNormalRedrawsMax = 32;

TimeNs to_time(double ns) {
  return ns <= 0 ? 0 : ns >= 4.0e18 ? TimeNs{4'000'000'000'000'000'000} : std::llround(ns);
}

}  // namespace

double draw_standard_normal(Rng& rng) {
  const double u1 = 1.0 - rng.uniform();  // (0, 1]: log is finite
  const double u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

TimeNs draw_latency(const LatencyConfig& c, Rng& rng, std::uint32_t from, std::uint32_t to) {
  TimeNs base = 0;
  switch (c.kind) {
    case LatencyKind::kConstant: base = c.constant_ns; break;
    case LatencyKind::kUniform:
      base = c.uniform_max_ns > c.uniform_min_ns
                 ? c.uniform_min_ns + static_cast<TimeNs>(rng.below(
                                          static_cast<std::uint64_t>(c.uniform_max_ns - c.uniform_min_ns)))
                 : c.uniform_min_ns;
      break;
    case LatencyKind::kNormal: {
      double x = -1;
      for (int i = 0; i < kNormalRedrawsMax && x < 0; ++i) {
        x = static_cast<double>(c.mean_ns) + static_cast<double>(c.stddev_ns) * draw_standard_normal(rng);
      }
      base = to_time(x);
      break;
    }
    case LatencyKind::kLognormal: {
      const double mean = static_cast<double>(std::max<TimeNs>(c.mean_ns, 1));
      const double cv2 = std::pow(static_cast<double>(c.stddev_ns) / mean, 2);
      const double sigma = std::sqrt(std::log1p(cv2));
      const auto median_ns = static_cast<TimeNs>(mean / std::sqrt(1 + cv2));  // whole ns, as drawn before
      base = to_time(static_cast<double>(median_ns) * std::exp(sigma * draw_standard_normal(rng)));
      break;
    }
    case LatencyKind::kMatrix: {
      const std::uint64_t cell = static_cast<std::uint64_t>(from) * c.regions + to;
      base =
          from < c.regions && to < c.regions && cell < c.matrix_ns.size() ? c.matrix_ns[cell] : c.constant_ns;
      break;
    }
  }
  if (c.jitter_ns > 0) base += static_cast<TimeNs>(rng.below(static_cast<std::uint64_t>(c.jitter_ns)));
  if (base < c.floor_ns) base = c.floor_ns;
  return base < 0 ? 0 : base;
}

TimeNs min_latency(const LatencyConfig& c) {
  TimeNs least = 0;
  switch (c.kind) {
    case LatencyKind::kConstant: least = c.constant_ns; break;
    case LatencyKind::kUniform: least = c.uniform_min_ns; break;
    case LatencyKind::kNormal:     // truncated at 0
    case LatencyKind::kLognormal:  // tends to 0
      least = 0;
      break;
    case LatencyKind::kMatrix:
      least = c.constant_ns;  // regions outside the matrix
      for (const TimeNs cell : c.matrix_ns) least = std::min(least, cell);
      break;
  }
  return std::max<TimeNs>({least, c.floor_ns, 0});
}

}  // namespace ptplab::sim
