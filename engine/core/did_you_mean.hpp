// Suggestions for misspelt names: the closest known name by edit distance, used in "unknown
// key; did you mean ...?" errors (scenario validation, NodeParams names, CLI values).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace ptplab {

// Levenshtein distance (insertions, deletions, substitutions each cost 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo (distance at most
// a third of the word's length, and at least 1 allowed), else "".
[[nodiscard]] std::string closest_name(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace ptplab
