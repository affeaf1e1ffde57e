// Reading back what child runs of a suite or sweep wrote: each child has its own report file,
// read here for the verdict and merged into the parent's report in a fixed order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/reader.hpp"

namespace ptplab::cli {

// The runs in a child's report (empty when it has none or cannot be read).
[[nodiscard]] std::vector<reports::RunSummary> read_child_runs(const std::string& path);

// Appends each child report (in order, skipping missing ones) to `destination`. Returns, per
// child, the run ids its runs got in `destination` (none for a missing one); nullopt and a
// message on stderr on failure.
[[nodiscard]] std::optional<std::vector<std::vector<reports::RunId>>> merge_children(
    const std::string& destination, const std::vector<std::string>& child_reports);

// A child's output as the user reads it once the parent's temporary folder is gone: "CHILD holds
// the run so far" (ptplab run's words on a timeout or a signal) becomes "DESTINATION holds the
// run so far as run N", or, with no merged report (`destination` empty, or the child's runs not
// merged), says the run was not kept.
[[nodiscard]] std::string name_merged_report(std::string output, const std::string& child_report,
                                             const std::string& destination,
                                             const std::vector<reports::RunId>& runs);

}  // namespace ptplab::cli
