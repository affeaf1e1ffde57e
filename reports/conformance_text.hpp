// The conformance results of a report (table conformance_result, written by `ptplab conform
// --report`) as plain text for `ptplab report`: per suite (the target), the counts by result,
// then one row per case that did not pass. Conformance rows have no run, so a report holding
// only them has "no runs" and would otherwise print nothing.
#pragma once

#include <string>

#include "engine/core/expected.hpp"

namespace ptplab::reports {

// The text above; "" when the report holds no conformance rows. Errors: an unreadable file.
[[nodiscard]] Expected<std::string, std::string> format_conformance(const std::string& path);

}  // namespace ptplab::reports
