// Sweep expansion: a scenario's `sweep` matrix (parameter paths x values) times its seeds ->
// one concrete scenario document per point, each with a label, ready to run in parallel.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {

// One point of a sweep: a document without `sweep`, its seed already set.
struct SweepPoint {
  std::string label;  // "/nodes/0/params/gossip_fanout=4 seed=2"
  std::uint64_t seed = 0;
  nlohmann::json document;
};

// Points in row-major order of the parameter paths, sorted (the last one varies fastest), seeds
// innermost. A document without `sweep` gives one point (label "seed=<seed>"). Fails when the
// matrix exceeds sweep_points_max or a path cannot be set.
[[nodiscard]] Expected<std::vector<SweepPoint>, ValidationErrors> expand_sweep(
    const nlohmann::json& document);

// The largest matrix expand_sweep accepts (points x seeds).
inline constexpr std::size_t kSweepPointsMax = 10'000;

}  // namespace ptplab::scenarios
