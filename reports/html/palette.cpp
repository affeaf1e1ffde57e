// Colour-blind safe palettes (see palette.hpp).
#include "reports/html/palette.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace ptplab::reports::html {
namespace {

constexpr std::array<std::string_view, 8> kOkabeIto = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                                       "#56B4E9", "#CC79A7", "#000000", "#F0E442"};

// Viridis sampled at nine evenly spaced points; colours in between are interpolated.
constexpr std::array<std::array<int, 3>, 9> kViridis = {{{68, 1, 84},
                                                         {71, 44, 122},
                                                         {59, 81, 139},
                                                         {44, 113, 142},
                                                         {33, 144, 141},
                                                         {39, 173, 129},
                                                         {92, 200, 99},
                                                         {170, 220, 50},
                                                         {253, 231, 37}}};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

}  // namespace

std::string_view series_colour(std::size_t index) { return kOkabeIto[index % kOkabeIto.size()]; }

std::string sequential_colour(double t) {
  if (std::isnan(t)) return "#dddddd";
  t = std::clamp(t, 0.0, 1.0) * (kViridis.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(t), kViridis.size() - 2);
  const double f = t - static_cast<double>(i);
  char buf[8];
  int rgb[3];
  for (int c = 0; c < 3; ++c) {
    rgb[c] = static_cast<int>(std::lround(kViridis[i][c] + f * (kViridis[i + 1][c] - kViridis[i][c])));
  }
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return buf;
}

std::string_view text_colour_on(std::string_view background) {
  if (background.size() != 7 || background[0] != '#') return "#000000";
  double channel[3];
  for (int c = 0; c < 3; ++c) {
    channel[c] = (hex_digit(background[1 + 2 * c]) * 16 + hex_digit(background[2 + 2 * c])) / 255.0;
  }
  // Perceived luminance (ITU-R BT.601 weights) is enough to pick between black and white.
  const double luminance = 0.299 * channel[0] + 0.587 * channel[1] + 0.114 * channel[2];
  return luminance > 0.5 ? "#000000" : "#ffffff";
}

std::string_view verdict_colour(std::string_view verdict) {
  if (verdict == "pass") return "#009E73";
  if (verdict == "fail") return "#D55E00";
  if (verdict == "warn") return "#E69F00";
  if (verdict == "harness-error") return "#CC79A7";
  return "#999999";
}

}  // namespace ptplab::reports::html
