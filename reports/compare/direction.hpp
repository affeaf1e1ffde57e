// Which way is better for a metric, so that a comparison can say "B is worse": latency, bytes,
// drops, duplicates, collisions and table sizes are better lower; delivery and success ratios
// are better higher; counts of what was asked for (messages sent, attempts) have no direction.
#pragma once

#include <string_view>

namespace ptplab::reports::compare {

// The direction in which a metric improves.
enum class Better { kLower, kHigher, kNeither };

// The direction for a metric name: the catalog's names first, then name patterns
// ("..._ratio" higher, "latency...", "bytes...", "drops...", "..._max" lower).
[[nodiscard]] Better better_direction(std::string_view metric);

// "lower", "higher" or "neither".
[[nodiscard]] std::string_view better_name(Better b);

}  // namespace ptplab::reports::compare
