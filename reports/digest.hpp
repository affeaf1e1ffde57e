// The content digest of a report: SHA-256 over every row of every run, rows in a canonical
// order, leaving out what differs between two identical runs (wall clock, memory, version).
// Same scenario + same seed => same digest: `ptplab report --digest` prints it.
#pragma once

#include <optional>
#include <string>

#include "engine/core/expected.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {

// Digest (64 hex digits) of the whole file, or of one run when `run` is given. Run ids are not
// part of it, so a run digests the same in any file; a whole file digests its runs in order.
[[nodiscard]] Expected<std::string, std::string> report_digest(const std::string& path,
                                                               std::optional<RunId> run = std::nullopt);

}  // namespace ptplab::reports
