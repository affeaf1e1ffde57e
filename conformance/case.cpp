// Names and constructors of case verdicts.
#include "conformance/case.hpp"

namespace ptplab::conformance {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::kMust: return "MUST";
    case Level::kShould: return "SHOULD";
    case Level::kMay: return "MAY";
  }
  return "?";
}

std::string_view status_name(Status status) {
  switch (status) {
    case Status::kPass: return "pass";
    case Status::kFail: return "fail";
    case Status::kWarn: return "warn";
    case Status::kUnsupported: return "unsupported";
    case Status::kSkipped: return "skipped";
    case Status::kHarnessError: return "harness-error";
  }
  return "?";
}

Outcome Outcome::pass(std::string note) { return {Status::kPass, {}, {}, std::move(note)}; }

Outcome Outcome::fail(std::vector<std::string> expected, std::string actual) {
  return {Status::kFail, std::move(expected), std::move(actual), {}};
}

Outcome Outcome::unsupported(std::string why) { return {Status::kUnsupported, {}, {}, std::move(why)}; }

Outcome Outcome::harness_error(std::string what) { return {Status::kHarnessError, {}, {}, std::move(what)}; }

}  // namespace ptplab::conformance
