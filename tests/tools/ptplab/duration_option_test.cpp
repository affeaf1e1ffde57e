// duration_option: one parser and one set of messages for every command-line duration (review 13
// minor: "--timeout 0.5ns" was taken while scenario files refuse a part below a nanosecond, and
// "--progress-every 9223372036854775807ns" said "expected a duration" where --timeout said "too large").
#include "tools/ptplab/duration_option.hpp"

#include <gtest/gtest.h>

#include "tools/ptplab/run_timeout.hpp"

namespace ptplab::cli {
namespace {

constexpr DurationRange kTimeout{kTimeoutMax, false, "90s"};
constexpr DurationRange kProgress{kTimeoutMax, true, "10s"};

TEST(DurationOption, TakesWholeNanosecondsInRange) {
  EXPECT_EQ(duration_option("--timeout", "90s", kTimeout).value(), 90 * kSecond);
  EXPECT_EQ(duration_option("--timeout", "1ns", kTimeout).value(), 1);
  EXPECT_EQ(duration_option("--timeout", "10000h", kTimeout).value(), kTimeoutMax);
  EXPECT_EQ(duration_option("--progress-every", "0", kProgress).value(), 0);
}

TEST(DurationOption, RefusesAPartBelowANanosecond) {
  EXPECT_EQ(duration_option("--timeout", "0.5ns", kTimeout).error(),
            "--timeout: expected a whole number of nanoseconds, got '0.5ns'");
  EXPECT_EQ(duration_option("--progress-every", "1.5ns", kProgress).error(),
            "--progress-every: expected a whole number of nanoseconds, got '1.5ns'");
}

TEST(DurationOption, TooLargeSaysSoForEveryOption) {
  for (const char* text : {"9223372036854775807ns", "9223372036854775808ns", "10001h"}) {
    EXPECT_EQ(duration_option("--timeout", text, kTimeout).error(),
              std::string("--timeout: '") + text + "' is too large: expected a duration of at most 10000h");
    EXPECT_EQ(
        duration_option("--progress-every", text, kProgress).error(),
        std::string("--progress-every: '") + text + "' is too large: expected a duration of at most 10000h");
  }
}

TEST(DurationOption, MalformedNegativeOrZeroSaysWhatIsExpected) {
  for (const char* text : {"soon", "-1s", "", "nan", "5", "1e30s"}) {
    EXPECT_EQ(duration_option("--timeout", text, kTimeout).error(),
              std::string("--timeout: expected a positive duration such as \"90s\", got '") + text + "'");
    EXPECT_EQ(duration_option("--progress-every", text, kProgress).error(),
              std::string("--progress-every: expected a duration such as \"10s\" or 0, got '") + text + "'");
  }
  EXPECT_EQ(duration_option("--timeout", "0", kTimeout).error(),
            "--timeout: expected a positive duration such as \"90s\", got '0'");
}

}  // namespace
}  // namespace ptplab::cli
