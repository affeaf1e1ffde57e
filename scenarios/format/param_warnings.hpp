// Warnings for NodeParams values that change nothing: a group's `params` (from the file, a --set
// or a sweep point) that the options chosen make the engine ignore, such as gossip_fanout while
// the group's propagation is "flood". Each field's condition is the "used only when" column of
// the NodeParams definition table (engine::param_without_effect); this only walks the document.
// A warning, not an error: such a file still loads and runs as before.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// One "POINTER: has no effect: ..." sentence per NodeParams value `doc` sets, in a group's
// `params` or a timeline set_param, that has no effect under the group's parameters, in document
// order. A value whose condition a timeline set_param may change for that group is not warned
// about (it may take effect later). `doc` is the document after overrides and `s` what the loader
// read from it (its groups' params include the server defaults, which are never warned about).
[[nodiscard]] std::vector<std::string> unused_param_warnings(const nlohmann::json& doc, const Scenario& s);

}  // namespace ptplab::scenarios
