// Result writers: the per-section console tree, JUnit XML (one testcase per case) and JSON.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "conformance/runner.hpp"

namespace ptplab::conformance {

// "expected one of [a, b] / actual c" (the failure sentence of a case).
[[nodiscard]] std::string failure_sentence(const Outcome& outcome);

// The final word on a result: "pass", "fail", "fail (expected)", "pass (UNEXPECTED)", ...
[[nodiscard]] std::string verdict_label(const CaseResult& r);

// Per-section tree, evidence under failures, and the "N passed, M failed" line.
void write_console(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target,
                   bool verbose);

// JUnit XML, one <testcase> per case, failures with their sentence and wire log.
void write_junit(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target);

// The whole run as one JSON document.
void write_json(std::ostream& out, const std::vector<CaseResult>& results, const std::string& target);

// Counts of a run by final verdict.
struct Tally {
  int passed = 0, failed = 0, warned = 0, unsupported = 0, skipped = 0, harness_errors = 0;
  int expected_failures = 0, unexpected_passes = 0;
};
[[nodiscard]] Tally tally(const std::vector<CaseResult>& results);

}  // namespace ptplab::conformance
