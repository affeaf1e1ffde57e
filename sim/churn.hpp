// Churn: each host under churn alternates online sessions and offline gaps whose lengths are
// drawn from exponential or Pareto distributions; with exponential lengths the leaves and joins
// form Poisson processes. Leaving is a crash (state lost), joining a restart.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "engine/core/name_table.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/time.hpp"

namespace ptplab::sim {

// Which distribution a session (or offline gap) length is drawn from.
enum class SessionKind : std::uint8_t { kExponential, kPareto };
inline constexpr std::array<NameEntry<SessionKind>, 2> kSessionKinds = {{
    {SessionKind::kExponential, "exponential", "memoryless lengths: leaves and joins are Poisson"},
    {SessionKind::kPareto, "pareto", "heavy-tailed lengths with pareto_shape"},
}};
static_assert(indexed_by_value(kSessionKinds));

// A length distribution with a given mean. Pareto: shape alpha > 1, scale = mean * (alpha-1)/alpha
// (a shape <= 1 has no finite mean and is drawn as exponential instead).
struct SessionLengthConfig {
  SessionKind kind = SessionKind::kExponential;
  TimeNs mean_ns = 30 * kMinute;
  double pareto_shape = 2.0;
};

// The churn of a set of hosts: how long they stay up, how long they stay down.
struct ChurnConfig {
  SessionLengthConfig session{SessionKind::kExponential, 30 * kMinute, 2.0};
  SessionLengthConfig downtime{SessionKind::kExponential, 10 * kMinute, 2.0};
};

// Draws one length (>= 1 ns, capped at one year so timers stay finite).
[[nodiscard]] TimeNs draw_session_length(const SessionLengthConfig& config, Rng& rng);

}  // namespace ptplab::sim
