// What a partitioned run (Simulation with a PartComm, simulation_parts.cpp) reproduces exactly,
// and the features it refuses instead of running them with numbers that differ from the
// sequential run's.
#pragma once

#include <optional>
#include <string>

#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// The first feature of `s` a partitioned run does not reproduce yet, named for the user
// ("attackers", "timeline connect", ...); nullopt when it runs partitioned exactly. Refused:
// attackers and the timeline's attack_start/attack_stop, churn_on/churn_off and connect entries.
[[nodiscard]] std::optional<std::string> partition_refusal(const Scenario& s);

}  // namespace ptplab::scenarios
