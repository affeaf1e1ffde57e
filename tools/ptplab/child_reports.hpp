// Reading back what child runs of a suite or sweep wrote: each child has its own report file,
// read here for the verdict and merged into the parent's report in a fixed order.
#pragma once

#include <string>
#include <vector>

#include "reports/reader.hpp"

namespace ptplab::cli {

// The runs in a child's report (empty when it has none or cannot be read).
[[nodiscard]] std::vector<reports::RunSummary> read_child_runs(const std::string& path);

// Appends each child report (in order, skipping missing ones) to `destination`; false and a
// message on stderr on failure.
bool merge_children(const std::string& destination, const std::vector<std::string>& child_reports);

}  // namespace ptplab::cli
