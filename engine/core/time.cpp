// Parsing and formatting of readable durations.
#include "engine/core/time.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ptplab {

std::optional<TimeNs> parse_duration(std::string_view text) {
  if (text == "0") return 0;
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
  const double ns = std::round(value * scale);
  if (ns > 9.2e18) return std::nullopt;
  return static_cast<TimeNs>(ns);
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
