// One-way propagation delay models. Every datagram draws its own delay, so datagrams on the
// same path overtake each other as they do on the Internet (jitter reorders).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/core/name_table.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/time.hpp"

namespace ptplab::sim {

// Which distribution LatencyConfig draws from.
enum class LatencyKind : std::uint8_t { kConstant, kUniform, kNormal, kLognormal, kMatrix };
inline constexpr std::array<NameEntry<LatencyKind>, 5> kLatencyKinds = {{
    {LatencyKind::kConstant, "constant", "every datagram takes constant_ns"},
    {LatencyKind::kUniform, "uniform", "uniform in [uniform_min_ns, uniform_max_ns)"},
    {LatencyKind::kNormal, "normal", "normal with mean_ns and stddev_ns, truncated at 0"},
    {LatencyKind::kLognormal, "lognormal",
     "lognormal whose mean and standard deviation are mean_ns and stddev_ns"},
    {LatencyKind::kMatrix, "matrix", "region-to-region delays matrix_ns"},
}};
static_assert(indexed_by_value(kLatencyKinds));

// Parameters of the delay model; only the fields of `kind` (and jitter_ns) are read.
struct LatencyConfig {
  LatencyKind kind = LatencyKind::kConstant;
  TimeNs constant_ns = 20 * kMillisecond;     // kConstant
  TimeNs uniform_min_ns = 10 * kMillisecond;  // kUniform: [min, max)
  TimeNs uniform_max_ns = 50 * kMillisecond;
  // kNormal: mean_ns + stddev_ns * N(0,1), truncated at 0 (negative draws redrawn).
  // kLognormal: median * exp(sigma * N(0,1)) with the median and sigma that give the delay this
  // mean and standard deviation: sigma^2 = ln(1 + cv^2), median = mean / sqrt(1 + cv^2), cv =
  // stddev / mean (a mean below 1 ns counts as 1 ns).
  TimeNs mean_ns = 20 * kMillisecond;
  TimeNs stddev_ns = 5 * kMillisecond;
  // kMatrix: base delay from region i to region j is matrix_ns[i * regions + j]; hosts carry a
  // region in HostSpec. Regions outside the matrix use constant_ns.
  std::uint32_t regions = 1;
  std::vector<TimeNs> matrix_ns;
  // Added to every draw of every kind: uniform in [0, jitter_ns).
  TimeNs jitter_ns = 0;
  // Every draw is at least this (after the jitter); 0: no floor. A partitioned run needs a
  // positive minimum delay between parts (sim/lookahead.hpp), which normal and lognormal
  // delays only have with a floor; the sequential run draws with the same floor.
  TimeNs floor_ns = 0;
};

// The least delay draw_latency can return for `config` (the matrix's smallest cell), >= 0.
[[nodiscard]] TimeNs min_latency(const LatencyConfig& config);

// Draws one delay (>= 0) for a datagram from region `from` to region `to`.
[[nodiscard]] TimeNs draw_latency(const LatencyConfig& config, Rng& rng, std::uint32_t from,
                                  std::uint32_t to);

// A standard normal deviate (Box-Muller), shared by the models that need one.
[[nodiscard]] double draw_standard_normal(Rng& rng);

}  // namespace ptplab::sim
