// Result writers: the per-section console tree (each case with its one-line description), the
// per-section summary and the MUST cases that could not run; JUnit XML (one testcase per case,
// every result that is not a plain pass visibly so) and JSON. The exit policy decides what is a
// failure: a broken SHOULD is a JUnit <failure> under --fail-on-warn and a <skipped> warning
// otherwise; a MUST that could not run is an <error> unless --allow-unsupported.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "conformance/runner.hpp"

namespace ptplab::conformance {

// "expected one of [a, b] / actual c" (the failure sentence of a case).
[[nodiscard]] std::string failure_sentence(const Outcome& outcome);

// The final word on a result: "pass", "fail", "blocked by ack/1", "fail (expected)",
// "pass (UNEXPECTED: ...)", ...
[[nodiscard]] std::string verdict_label(const CaseResult& r);

// The one value of a report's `result` column that is not a status name (kStatuses): a case
// listed in --expect-fail that did not pass, as expected.
inline constexpr std::string_view kExpectedFailureResult = "xfail";
inline constexpr std::string_view kExpectedFailureMeaning =
    "listed in --expect-fail and did not pass, as expected (the evidence starts with its verdict)";

// The `result` column of the case's conformance_result row (reports/SCHEMA.md): its status name,
// kExpectedFailureResult for an expected failure, "fail" for a case of --expect-fail that passed.
[[nodiscard]] std::string report_result(const CaseResult& r);

// Per-section tree (one line per case: mark, id, level, verdict, description), evidence under
// failures, the per-section summary, the MUST cases that could not run, and the totals line.
void write_console(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                   const ExitPolicy& policy, bool verbose);

// JUnit XML, one <testcase> per case (its own time): failures with their sentence and wire log.
// The <testsuite> time is `wall_ns`, the run's wall time (cases run in parallel: their times
// would add up to more than the run took).
void write_junit(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                 const ExitPolicy& policy, TimeNs wall_ns);

// The whole run as one JSON document (with the exit code the policy gives).
void write_json(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                const ExitPolicy& policy);

// Counts of a run by final verdict.
struct Tally {
  int passed = 0, failed = 0, warned = 0, blocked = 0, unsupported = 0, skipped = 0, harness_errors = 0;
  int expected_failures = 0, unexpected_passes = 0;
};
[[nodiscard]] Tally tally(const std::vector<CaseResult>& results);

}  // namespace ptplab::conformance
