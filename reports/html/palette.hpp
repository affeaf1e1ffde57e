// Colours that stay distinguishable for colour-blind readers: the Okabe-Ito categorical
// palette for series, viridis for magnitudes (heat maps), and fixed colours for verdicts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ptplab::reports::html {

// The colour of the i-th series (Okabe-Ito order, yellow last because it is faint on white;
// cycles after eight).
[[nodiscard]] std::string_view series_colour(std::size_t index);

// A viridis colour for t in [0, 1] (clamped; NaN gives light grey), as "#rrggbb".
[[nodiscard]] std::string sequential_colour(double t);

// Black or white, whichever reads better on the given "#rrggbb" background.
[[nodiscard]] std::string_view text_colour_on(std::string_view background);

// The colour of a conformance verdict ("pass", "fail", "warn", others grey).
[[nodiscard]] std::string_view verdict_colour(std::string_view verdict);

}  // namespace ptplab::reports::html
