// The conformance results of a report (table conformance_result, written by `ptplab conform
// --report`) as plain text for `ptplab report`: per suite (the target), the counts by result,
// then one row per case that did not pass. Each `ptplab conform --report` is a run of its own;
// rows written with no run (files of ptplab before conform had runs) are shown as run 0.
#pragma once

#include <string>

#include "engine/core/expected.hpp"
#include "reports/records/sink.hpp"

namespace ptplab::reports {

// The text above for the rows of `run` (0: the rows with no run); "" when there are none.
// Errors: an unreadable file.
[[nodiscard]] Expected<std::string, std::string> format_conformance(const std::string& path, RunId run);

}  // namespace ptplab::reports
