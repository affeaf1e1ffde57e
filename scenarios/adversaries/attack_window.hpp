// When an attack is on: a span of simulated time. Its own header so that the metrics collector
// (and everything that includes it) does not pull adversary.hpp and nlohmann/json.
#pragma once

#include "engine/core/time.hpp"

namespace ptplab::scenarios {

// A span of simulated time [start_ns, stop_ns) during which an attack is on.
struct AttackWindow {
  TimeNs start_ns = 0;
  TimeNs stop_ns = kNever;
};

}  // namespace ptplab::scenarios
