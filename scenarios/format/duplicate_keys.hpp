// Duplicate object keys in a scenario file. JSON (RFC 8259 section 4) leaves an object with a
// repeated name undefined and nlohmann/json keeps the last one silently, so a scenario that sets
// a field twice ran with whichever came last. The loader refuses such files: each repeat is an
// error at the repeated key's JSON pointer naming both places (the key's ordinal positions in
// its object), found by a SAX pass before the document is built.
#pragma once

#include <string_view>

#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {

// One error per repeated key of any object of `text` (comments allowed, as the loader allows
// them): pointer = the key's pointer, message = "duplicate key \"K\": key 2 and key 5 of
// /nodes/0" (1-based positions among the object's keys). Empty when every key is unique or
// when `text` is not valid JSON (the parser reports that).
[[nodiscard]] ValidationErrors find_duplicate_keys(std::string_view text);

}  // namespace ptplab::scenarios
