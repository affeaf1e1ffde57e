// A conformance case: a stable id mirroring the spec, the requirement sentence it checks, its
// level, and the function that plays the harness's peers against the target and decides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ptplab::conformance {

class Context;

// How strongly the spec (or our protocol notes) asks for the behaviour.
enum class Level { kMust, kShould, kMay };

// What a case concluded. kWarn is a broken SHOULD/MAY; kHarnessError is kept apart from failures.
enum class Status { kPass, kFail, kWarn, kUnsupported, kSkipped, kHarnessError };

[[nodiscard]] std::string_view level_name(Level level);
[[nodiscard]] std::string_view status_name(Status status);

// The verdict of one run of a case, with what was acceptable and what actually happened.
struct Outcome {
  Status status = Status::kPass;
  std::vector<std::string> expected;  // the acceptable answers ("expected one of [...]")
  std::string actual;                 // what the target actually did
  std::string note;                   // why a case was unsupported/skipped, or extra detail

  [[nodiscard]] static Outcome pass(std::string note = {});
  [[nodiscard]] static Outcome fail(std::vector<std::string> expected, std::string actual);
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
