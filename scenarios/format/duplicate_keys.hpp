// Duplicate object keys in a scenario file. JSON (RFC 8259 section 4) leaves an object with a
// repeated name undefined and nlohmann/json keeps the last one silently, so a scenario that sets
// a field twice ran with whichever came last. The loader refuses such files: each repeat is an
// error at the repeated key's JSON pointer naming both places (the key's ordinal positions in
// its object), found by a SAX pass before the document is built.
#pragma once

#include <atomic>
#include <cstddef>
#include <string_view>

#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {

// How deep arrays and objects may nest in a scenario file (a scenario needs about 8). Deeper
// input is refused before the document is built: building it, and the pointer of every level,
// cost memory quadratic in the depth (review-tr finding 6: 50,000 levels took over 1.9 GB).
inline constexpr std::size_t kNestingMax = 64;

// One error per repeated key of any object of `text` (comments allowed, as the loader allows
// them): pointer = the key's pointer, message = "duplicate key \"K\": key 2 and key 5 of
// /nodes/0" (1-based positions among the object's keys). Empty when every key is unique or
// when `text` is not valid JSON (the parser reports that). A value nested deeper than
// kNestingMax ends the pass: its errors are then the ones found so far and one at that value's
// pointer, "nested deeper than 64 arrays and objects" (nesting_too_deep() says which case).
// `cancel` (may be null) is polled every few thousand values: once raised, the pass ends with
// the errors found so far (the caller, which raised it, discards them).
[[nodiscard]] ValidationErrors find_duplicate_keys(std::string_view text,
                                                   const std::atomic<bool>* cancel = nullptr);

// Whether `e` is find_duplicate_keys's error for input nested deeper than kNestingMax.
[[nodiscard]] bool nesting_too_deep(const ValidationError& e);

}  // namespace ptplab::scenarios
