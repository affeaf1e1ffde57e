// Durations on the command line (--timeout, --progress-every, conform's --timeout and
// --ready-timeout): one parser and one set of messages, read as a scenario's durations are
// (engine/core/time.hpp parse_duration, never rounded below a nanosecond).
#pragma once

#include <string>
#include <string_view>

#include "engine/core/expected.hpp"
#include "engine/core/time.hpp"

namespace ptplab::cli {

// What one option takes.
struct DurationRange {
  TimeNs max = 0;             // the largest value taken (ns)
  bool zero_allowed = false;  // 0 means "never" (--progress-every); else the value must be positive
  std::string_view example;   // a typical value for the messages: "90s"
};

// `text` given to `option` ("--timeout") as ns. Errors, each naming the option and the text:
// "OPTION: 'T' is too large: expected a duration of at most MAX", "OPTION: expected a whole
// number of nanoseconds, got 'T'" ("0.5ns"), and for anything else (malformed, negative, 0 where
// refused) "OPTION: expected a positive duration such as \"EXAMPLE\", got 'T'" (with zero_allowed:
// "expected a duration such as \"EXAMPLE\" or 0").
[[nodiscard]] Expected<TimeNs, std::string> duration_option(std::string_view option, std::string_view text,
                                                            const DurationRange& range);

}  // namespace ptplab::cli
