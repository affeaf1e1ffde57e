// Expectations: each `metric op value [tolerance]` of a scenario checked against the run's
// metric values, as `expectation` rows; the run passes when every row passed.
#pragma once

#include <vector>

#include "reports/records/records.hpp"
#include "scenarios/format/scenario.hpp"
#include "scenarios/metrics/collector.hpp"

namespace ptplab::scenarios {

// One row per expectation, in file order. A metric the run could not compute (e.g. a latency
// without deliveries) has no actual value and fails.
[[nodiscard]] std::vector<reports::ExpectationRecord> check_expectations(
    const std::vector<Expectation>& expect, const MetricValues& metrics);

// Whether every row passed (true for none).
[[nodiscard]] bool all_passed(const std::vector<reports::ExpectationRecord>& rows);

}  // namespace ptplab::scenarios
