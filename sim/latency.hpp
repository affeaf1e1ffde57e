// One-way propagation delay models. Every datagram draws its own delay, so datagrams on the
// same path overtake each other as they do on the Internet (jitter reorders).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/core/time.hpp"

namespace ptplab::sim {

// Which distribution LatencyConfig draws from.
enum class LatencyKind : std::uint8_t { kConstant, kUniform, kNormal, kLognormal, kMatrix };

// Parameters of the delay model; only the fields of `kind` (and jitter_ns) are read.
struct LatencyConfig {
  LatencyKind kind = LatencyKind::kConstant;
  TimeNs constant_ns = 20 * kMillisecond;     // kConstant
  TimeNs uniform_min_ns = 10 * kMillisecond;  // kUniform: [min, max)
  TimeNs uniform_max_ns = 50 * kMillisecond;
  TimeNs normal_mean_ns = 20 * kMillisecond;  // kNormal, truncated at 0 (negative draws redrawn)
  TimeNs normal_stddev_ns = 5 * kMillisecond;
  TimeNs lognormal_median_ns = 20 * kMillisecond;  // kLognormal: median * exp(sigma * N(0,1))
  double lognormal_sigma = 0.5;
  // kMatrix: base delay from region i to region j is matrix_ns[i * regions + j]; hosts carry a
  // region in HostSpec. Regions outside the matrix use constant_ns.
  std::uint32_t regions = 1;
  std::vector<TimeNs> matrix_ns;
  // Added to every draw of every kind: uniform in [0, jitter_ns).
  TimeNs jitter_ns = 0;
};

// Draws one delay (>= 0) for a datagram from region `from` to region `to`.
[[nodiscard]] TimeNs draw_latency(const LatencyConfig& config, Rng& rng, std::uint32_t from,
                                  std::uint32_t to);

// A standard normal deviate (Box-Muller), shared by the models that need one.
[[nodiscard]] double draw_standard_normal(Rng& rng);

// "constant", "uniform", "normal", "lognormal", "matrix"; and back (false if unknown).
[[nodiscard]] std::string_view latency_kind_name(LatencyKind kind);
[[nodiscard]] bool parse_latency_kind(std::string_view name, LatencyKind& out);

}  // namespace ptplab::sim
