// A conformance case: a stable id mirroring the spec, the requirement sentence it checks, its
// level, and the function that plays the harness's peers against the target and decides.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/name_table.hpp"

namespace ptplab::conformance {

class Context;

// How strongly the spec (or our protocol notes) asks for the behaviour.
enum class Level : std::uint8_t { kMust, kShould, kMay };
inline constexpr std::array<NameEntry<Level>, 3> kLevels = {{
    {Level::kMust, "MUST", "RFC 2119 MUST: a failure is a conformance failure"},
    {Level::kShould, "SHOULD", "RFC 2119 SHOULD: a failure is a warning"},
    {Level::kMay, "MAY", "RFC 2119 MAY: a failure is a warning"},
}};
static_assert(indexed_by_value(kLevels));

// What a case concluded. kWarn is a broken SHOULD/MAY; kBlocked: a precondition that another
// case checks was not met, so this case could not observe what it checks (never a second
// failure, never a pass); kHarnessError is kept apart from failures.
enum class Status : std::uint8_t { kPass, kFail, kWarn, kBlocked, kUnsupported, kSkipped, kHarnessError };
inline constexpr std::array<NameEntry<Status>, 7> kStatuses = {{
    {Status::kPass, "pass", "the target behaved as the requirement asks"},
    {Status::kFail, "fail", "a MUST was broken"},
    {Status::kWarn, "warn", "a SHOULD or MAY was broken"},
    {Status::kBlocked, "blocked", "not observed: a precondition another case checks was not met"},
    {Status::kUnsupported, "unsupported", "the target lacks a feature the case needs"},
    {Status::kSkipped, "skipped",
     "not run: stricter than the spec without --strict, or the run was interrupted first"},
    {Status::kHarnessError, "harness-error", "the harness itself failed; says nothing of the target"},
}};
static_assert(indexed_by_value(kStatuses));

// "MUST", "SHOULD", "MAY" (the spec's capitals, as reports and the case catalogue print them).
[[nodiscard]] constexpr std::string_view level_name(Level level) { return name_of(kLevels, level); }
// "pass", "fail", "warn", "blocked", "unsupported", "skipped", "harness-error".
[[nodiscard]] constexpr std::string_view status_name(Status status) { return name_of(kStatuses, status); }

// The verdict of one run of a case, with what was acceptable and what actually happened.
struct Outcome {
  Status status = Status::kPass;
  std::vector<std::string> expected;  // the acceptable answers ("expected one of [...]")
  std::string actual;                 // what the target actually did
  std::string note;                   // why a case was unsupported/skipped/blocked, or extra detail
  std::string blocked_by;             // kBlocked: the id of the case that checks the missing precondition

  [[nodiscard]] static Outcome pass(std::string note = {});
  [[nodiscard]] static Outcome fail(std::vector<std::string> expected, std::string actual);
  // The precondition that case `by` checks was not met (`why`: what was missing).
  [[nodiscard]] static Outcome blocked(std::string by, std::string why);
  [[nodiscard]] static Outcome unsupported(std::string why);
  [[nodiscard]] static Outcome harness_error(std::string what);
};

// One registered case.
struct Case {
  std::string id;   // "hello/1": the section, then a number
  std::string req;  // the key of the requirement it checks (requirements.hpp)
  Level level = Level::kMust;
  std::string requirement;  // what exactly is checked, in the words of the spec or of our notes
  Outcome (*run)(Context&) = nullptr;
  bool strict = false;     // a check stricter than the spec: runs only with --strict
  bool exclusive = false;  // floods: run alone, never beside other cases against the same target
};

}  // namespace ptplab::conformance
