// Command-line durations (see duration_option.hpp).
#include "tools/ptplab/duration_option.hpp"

namespace ptplab::cli {

Expected<TimeNs, std::string> duration_option(std::string_view option, std::string_view text,
                                              const DurationRange& range) {
  std::string given = "'";
  given.append(text).append("'");
  const auto value = parse_duration(text);
  if ((value && *value > range.max) || (!value && duration_shaped(text))) {
    return Unexpected(std::string(option) + ": " + given + " is too large: expected a duration of at most " +
                      format_duration(range.max));
  }
  if (value && duration_below_a_nanosecond(text))
    return Unexpected(std::string(option) + ": expected a whole number of nanoseconds, got " + given);
  if (!value || *value < 0 || (*value == 0 && !range.zero_allowed)) {
    std::string expected = range.zero_allowed ? "a duration such as \"" : "a positive duration such as \"";
    expected.append(range.example).append(range.zero_allowed ? "\" or 0" : "\"");
    return Unexpected(std::string(option) + ": expected " + expected + ", got " + given);
  }
  return *value;
}

}  // namespace ptplab::cli
