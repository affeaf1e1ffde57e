// Parsing and formatting of readable durations.
#include "engine/core/time.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace ptplab {

namespace {

// The duration in nanoseconds as parsed, before rounding; nullopt on text parse_duration refuses
// for its form (not for its size).
std::optional<double> unrounded_duration_ns(std::string_view text) {
  if (text == "0") return 0.0;
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == 0 || i == text.size()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + i, value);
  if (ec != std::errc() || ptr != text.data() + i || !std::isfinite(value)) return std::nullopt;
  const std::string_view unit = text.substr(i);
  double scale = 0;
  if (unit == "ns")
    scale = kNanosecond;
  else if (unit == "us")
    scale = kMicrosecond;
  else if (unit == "ms")
    scale = kMillisecond;
  else if (unit == "s")
    scale = kSecond;
  else if (unit == "m" || unit == "min")
    scale = kMinute;
  else if (unit == "h")
    scale = kHour;
  else
    return std::nullopt;
  return value * scale;
}

}  // namespace

std::optional<TimeNs> parse_duration(std::string_view text) {
  const auto unrounded = unrounded_duration_ns(text);
  if (!unrounded) return std::nullopt;
  const double ns = std::round(*unrounded);
  if (ns > 9.2e18) return std::nullopt;
  return static_cast<TimeNs>(ns);
}

bool duration_shaped(std::string_view text) {
  const auto unit = text.find_first_not_of("0123456789.");
  if (unit == 0 || unit == std::string_view::npos) return false;
  const auto digits = text.substr(0, unit);
  if (std::count(digits.begin(), digits.end(), '.') > 1 || digits == ".") return false;
  std::string one = "1";  // appended, not "1" + std::string: gcc 12's false -Wstringop-overflow
  one.append(text.substr(unit));
  return parse_duration(one).has_value();
}

bool duration_below_a_nanosecond(std::string_view text) {
  const auto unrounded = unrounded_duration_ns(text);
  if (!unrounded || *unrounded > 9.2e18) return false;
  const double ns = *unrounded;
  if (ns != 0 && std::round(ns) == 0) return true;  // "0.0000000001ns" would be 0
  // "1.1ms" is 1100000.0000000002 in binary: a part this small is the double's, not the text's.
  return std::abs(ns - std::round(ns)) > std::abs(ns) * 1e-12;
}

std::string format_duration(TimeNs t) {
  struct Unit {
    TimeNs scale;
    const char* name;
  };
  static constexpr Unit units[] = {
      {kHour, "h"}, {kMinute, "m"}, {kSecond, "s"}, {kMillisecond, "ms"}, {kMicrosecond, "us"}};
  for (const auto& u : units) {
    if (t >= u.scale || -t >= u.scale) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%g%s", static_cast<double>(t) / static_cast<double>(u.scale), u.name);
      return buf;
    }
  }
  return std::to_string(t) + "ns";
}

}  // namespace ptplab
