// The parameters each attacker behaviour accepts. (The metrics an `expect` entry may name are
// the metric table of reports/records/metrics.hpp.)
#pragma once

#include <span>
#include <string_view>

#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// The `params` keys an attacker behaviour accepts.
[[nodiscard]] std::span<const std::string_view> behaviour_params(Behaviour b);

}  // namespace ptplab::scenarios
