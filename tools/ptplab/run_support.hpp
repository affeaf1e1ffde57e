// What `ptplab run`, `suite` and `sweep` share: the short summary printed after a run, the
// progress line, and reading a child's log (stop_signals.hpp and children.hpp hold stopping on
// SIGINT/SIGTERM and the child processes).
#pragma once

#include <string>

#include "scenarios/format/scenario.hpp"
#include "scenarios/runner/run.hpp"

namespace ptplab::cli {

// A few lines: status, delivery, latency, traffic, collisions, NAT, then every expectation.
[[nodiscard]] std::string format_run_summary(const scenarios::Scenario& s, const scenarios::RunOutcome& o);

// A progress callback that redraws one line on stderr (simulated time, events/s, ETA), or an
// empty one when stderr is not a terminal or `quiet`.
[[nodiscard]] scenarios::ProgressFn make_progress(TimeNs duration_ns, bool quiet);

// The file's content, or "" when it cannot be read.
[[nodiscard]] std::string read_text(const std::string& path);

}  // namespace ptplab::cli
