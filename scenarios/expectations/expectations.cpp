// Checking expectations.
#include "scenarios/expectations/expectations.hpp"

#include <algorithm>

namespace ptplab::scenarios {

std::vector<reports::ExpectationRecord> check_expectations(const std::vector<Expectation>& expect,
                                                           const MetricValues& metrics) {
  std::vector<reports::ExpectationRecord> rows;
  for (const auto& e : expect) {
    reports::ExpectationRecord r;
    r.metric = e.metric;
    r.op = compare_op_name(e.op);
    r.expected = e.value;
    r.tolerance = e.tolerance;
    const auto it = metrics.find(e.metric);
    if (it != metrics.end()) {
      r.actual = it->second;
      r.passed = expectation_holds(e, it->second);
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

bool all_passed(const std::vector<reports::ExpectationRecord>& rows) {
  return std::all_of(rows.begin(), rows.end(), [](const auto& r) { return r.passed; });
}

}  // namespace ptplab::scenarios
