// `--set path=value`: JSON-or-string values, and setting a JSON pointer that may not exist yet.
#include "scenarios/format/overrides.hpp"

namespace ptplab::scenarios {

nlohmann::json parse_override_value(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error&) {
    return std::string(text);
  }
}

ValidationErrors apply_override(nlohmann::json& doc, std::string_view assignment) {
  const auto eq = assignment.find('=');
  const std::string shown(assignment);
  if (eq == std::string_view::npos) {
    return {{"", "--set " + shown + ": expected path=value, found no '='"}};
  }
  const std::string path(assignment.substr(0, eq));
  try {
    const nlohmann::json::json_pointer pointer(path);
    if (pointer.empty()) return {{path, "--set " + shown + ": expected a path below the document root"}};
    // json_pointer creates missing objects; an array index must exist or be its end ("-" or size).
    doc[pointer] = parse_override_value(assignment.substr(eq + 1));
  } catch (const nlohmann::json::exception& e) {
    return {{path, "--set " + shown + ": cannot set this path (" + std::string(e.what()) + ")"}};
  }
  return {};
}

}  // namespace ptplab::scenarios
