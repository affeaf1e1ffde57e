// The effective scenario: a Scenario written back as a complete JSON document with every
// default spelled out, so that run_param can list every parameter a run used (not only those
// its file set) and sweeps can be grouped by any of them in SQL.
#pragma once

#include <nlohmann/json.hpp>

#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// The document that load_scenario reads back into an equal Scenario (durations exact, in the
// file syntax; no `sweep`: a run is one point).
[[nodiscard]] nlohmann::json effective_document(const Scenario& s);

}  // namespace ptplab::scenarios
