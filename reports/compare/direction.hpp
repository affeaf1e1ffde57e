// Which way is better for a compared value, so that a comparison can say "B is worse": the
// metric table's direction for its metrics, the run value table's for other scalars and
// statistics (sim.retransmissions, latency_ms.p50, abuse.induced_bytes.HELLO; both tables in
// reports/records/metrics.hpp); neither for a name in no table.
#pragma once

#include <string_view>

#include "reports/records/metrics.hpp"

namespace ptplab::reports::compare {

using reports::Better;
using reports::better_name;

// The direction for a compared name: its metric's, else its run value's (find_run_value), else
// kNeither.
[[nodiscard]] Better better_direction(std::string_view metric);

}  // namespace ptplab::reports::compare
