// `--set path=value` overrides: a JSON pointer and a value, applied to the scenario document
// before validation (so an override is validated like the file itself).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {

// Parses the value as JSON, else takes it as a string ("4" -> 4, "true" -> true, "50ms" ->
// "50ms", "[1,2]" -> [1,2]).
[[nodiscard]] nlohmann::json parse_override_value(std::string_view text);

// Sets doc[pointer] = value for one "path=value" text, creating missing objects on the way.
// Errors: no '=', a path that is not a JSON pointer, or one that goes through a non-container.
// Text that is not UTF-8 is refused as a whole (pointer "").
[[nodiscard]] ValidationErrors apply_override(nlohmann::json& doc, std::string_view assignment);

}  // namespace ptplab::scenarios
