// What a partitioned run (Simulation with a PartComm, simulation_parts.cpp) reproduces exactly,
// and what it refuses instead of running it with numbers that differ from the sequential run's.
#pragma once

#include <optional>
#include <string>

#include "engine/core/expected.hpp"
#include "engine/core/time.hpp"
#include "scenarios/format/scenario.hpp"
#include "scenarios/runner/network_setup.hpp"

namespace ptplab::scenarios {

// Why `s` cannot run partitioned, as a sentence ("attackers are not partitioned yet; run it on
// one rank", "/network/latency: ..."); nullopt when it runs partitioned exactly. Refused:
// attackers and the timeline's attack_start/attack_stop entries (attackers' windows); a
// latency model that can deliver a datagram in 0 ns (no lookahead: partition_lookahead).
[[nodiscard]] std::optional<std::string> partition_refusal(const Scenario& s);

// The lookahead of a partitioned run of `plan` (sim/lookahead.hpp over its latency and every
// link profile), or the reason there is none, naming /network/latency.
[[nodiscard]] Expected<TimeNs, std::string> partition_lookahead(const NetworkPlan& plan);

}  // namespace ptplab::scenarios
