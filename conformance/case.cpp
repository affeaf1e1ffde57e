// Constructors of case verdicts (the names of levels and statuses are the tables in case.hpp).
#include "conformance/case.hpp"

namespace ptplab::conformance {

Outcome Outcome::pass(std::string note) { return {Status::kPass, {}, {}, std::move(note), {}}; }

Outcome Outcome::fail(std::vector<std::string> expected, std::string actual) {
  return {Status::kFail, std::move(expected), std::move(actual), {}, {}};
}

Outcome Outcome::blocked(std::string by, std::string why) {
  return {Status::kBlocked, {}, {}, std::move(why), std::move(by)};
}

Outcome Outcome::unsupported(std::string why) { return {Status::kUnsupported, {}, {}, std::move(why), {}}; }

Outcome Outcome::harness_error(std::string what) {
  return {Status::kHarnessError, {}, {}, std::move(what), {}};
}

}  // namespace ptplab::conformance
