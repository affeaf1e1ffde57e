// Merging report files: `ptplab sweep` and `ptplab suite` run each scenario in its own process
// and file, then append every run of those files into one report, renumbering run ids.
#pragma once

#include <cstddef>
#include <string>

#include "engine/core/expected.hpp"

namespace ptplab::reports {

// Appends every run of `source` (in run_id order, with all its rows) and its run-less
// conformance rows to `destination`, created when missing, in one transaction. Returns the
// number of runs copied.
[[nodiscard]] Expected<std::size_t, std::string> merge_report(const std::string& destination,
                                                              const std::string& source);

}  // namespace ptplab::reports
