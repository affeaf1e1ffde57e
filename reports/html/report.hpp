// The HTML report of a report file (`ptplab report FILE.db --html OUT.html`): one
// self-contained page with the run summary, time charts, latency CDFs, drops, NAT matrix,
// collisions, abuse, sweep and conformance sections.
#pragma once

#include <optional>
#include <string>

#include "engine/core/expected.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports::html {

// The page for the file at `path`. Per-run sections show `run` (default: the first complete
// run, else the first run); cross-run sections use every run. `log_n`: a node-count sweep's
// scaling law on log-log axes whatever the span of n (scaling_law.hpp). Errors name what failed.
[[nodiscard]] Expected<std::string, std::string> html_report(const std::string& path,
                                                             std::optional<RunId> run, bool log_n = false);

}  // namespace ptplab::reports::html
