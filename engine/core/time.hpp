// Simulated and real time, as int64 nanoseconds, and the readable durations ("250ms", "2s",
// "1.5m") that NodeParams, scenario files and the command line share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ptplab {

// A point in time or a duration, in nanoseconds. Time is always an argument, never a call.
using TimeNs = std::int64_t;

inline constexpr TimeNs kNanosecond = 1;
inline constexpr TimeNs kMicrosecond = 1'000;
inline constexpr TimeNs kMillisecond = 1'000'000;
inline constexpr TimeNs kSecond = 1'000'000'000;
inline constexpr TimeNs kMinute = 60 * kSecond;
inline constexpr TimeNs kHour = 60 * kMinute;
inline constexpr TimeNs kNever = INT64_MAX;

// Parses "250ms", "2s", "1.5m", "100us", "10ns", "1h", "0"; nullopt on anything else. A value
// that is not a whole number of nanoseconds ("1.5ns") is rounded to the nearest one: callers that
// must not round say so with duration_below_a_nanosecond.
[[nodiscard]] std::optional<TimeNs> parse_duration(std::string_view text);

// Whether `text` is a number and a unit parse_duration knows ("2562047h"), whatever its size:
// parse_duration refuses one beyond TimeNs (about 2562047h), which is then too large, not malformed.
[[nodiscard]] bool duration_shaped(std::string_view text);

// Whether parse_duration(text) rounded: the duration has a part below a nanosecond ("1.5ns",
// "0.0000000001ns", "1.0000000005s"). False for text parse_duration refuses.
[[nodiscard]] bool duration_below_a_nanosecond(std::string_view text);

// Formats a duration with the largest unit that keeps it readable ("1.5s", "250ms").
[[nodiscard]] std::string format_duration(TimeNs t);

}  // namespace ptplab
