// Reads a scenario: JSON text (comments allowed) -> --set overrides -> validation -> Scenario.
// Validation never stops at the first problem: it returns every error with its JSON pointer,
// what was expected and what was found, so one edit fixes a file.
#pragma once

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/expected.hpp"
#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// One problem in a scenario document.
struct ValidationError {
  std::string pointer;  // JSON pointer of the offending value ("" = the document)
  std::string message;  // "expected a number in [0, 1], found 1.5"

  // "/network/loss/rate: expected a number in [0, 1], found 1.5"
  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const ValidationError&, const ValidationError&) = default;
};

// Every error found, in document order.
using ValidationErrors = std::vector<ValidationError>;

// The one error of a load given up because its `cancel` flag was raised (pointer "").
inline constexpr std::string_view kLoadCancelled = "loading was cancelled";

// Parses the text (comments allowed), applies the overrides ("path=value", see overrides.hpp),
// validates and converts. On success Scenario::document holds the effective document and
// Scenario::warnings the values that change nothing (param_warnings.hpp). `cancel` (may be null):
// polled while parsing (every few thousand JSON values) and between the sections, so that a
// raised flag ends a load of a large file (tens of MB) within a fraction of a second; the load
// then fails with the one error kLoadCancelled.
[[nodiscard]] Expected<Scenario, ValidationErrors> load_scenario(
    std::string_view text, const std::vector<std::string>& overrides = {},
    const std::atomic<bool>* cancel = nullptr);

// load_scenario on a file's content; a file that cannot be read is one error with pointer "".
[[nodiscard]] Expected<Scenario, ValidationErrors> load_scenario_file(
    const std::string& path, const std::vector<std::string>& overrides = {},
    const std::atomic<bool>* cancel = nullptr);

}  // namespace ptplab::scenarios
