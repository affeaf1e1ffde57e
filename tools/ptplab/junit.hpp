// JUnit XML for `ptplab suite`: one test case per scenario (did it run and pass) and one per
// expectation, so CI dashboards show which metric broke.
#pragma once

#include <string>
#include <vector>

#include "reports/records/records.hpp"

namespace ptplab::cli {

// What a suite knows about one scenario after running it.
struct SuiteCase {
  std::string file;
  std::string name;   // scenario name ("" when it could not be read)
  int exit_code = 0;  // of its `ptplab run`, kChildNotRun (children.hpp) if it never started
  double wall_seconds = 0;
  std::string output;  // the child's output, for failures
  std::vector<reports::ExpectationRecord> expectations;
  // The expectations of a run that did not complete (timed out, interrupted), which it did not
  // judge: listed as skipped test cases, the case's one failure being its status.
  std::vector<reports::ExpectationRecord> not_judged;
};

// The whole document.
[[nodiscard]] std::string junit_xml(const std::string& suite_name, const std::vector<SuiteCase>& cases);

}  // namespace ptplab::cli
