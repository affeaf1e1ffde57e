// Which way is better for a compared value, so that a comparison can say "B is worse": the
// metric table's direction for its metrics (reports/records/metrics.hpp); for other scalars and
// statistics (retransmissions, latency_ms.p50, sim.simulated_ns, ...) a direction read from the
// name.
#pragma once

#include <string_view>

#include "reports/records/metrics.hpp"

namespace ptplab::reports::compare {

using reports::Better;
using reports::better_name;

// The direction for a metric name: the metric table's first, then name patterns
// ("..._ratio" higher, "latency...", "bytes...", "drops...", "..._max" lower).
[[nodiscard]] Better better_direction(std::string_view metric);

}  // namespace ptplab::reports::compare
