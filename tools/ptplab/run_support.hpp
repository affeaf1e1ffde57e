// What `ptplab run`, `suite` and `sweep` share: the short summary printed after a run, the
// progress line, and reading a child's log (stop_signals.hpp and children.hpp hold stopping on
// SIGINT/SIGTERM and the child processes).
#pragma once

#include <string>
#include <vector>

#include "scenarios/format/scenario.hpp"
#include "scenarios/runner/run.hpp"

namespace ptplab::cli {

// The scenario's load warnings (Scenario::warnings: values that change nothing) as the run
// prints them: "warning: /nodes/0/params/gossip_fanout: has no effect: ...".
[[nodiscard]] std::vector<std::string> scenario_warnings(const scenarios::Scenario& s);

// A few lines: status, delivery, latency, traffic, collisions, NAT, the `warning:` lines (the
// scenario's, then the run's), then every expectation.
[[nodiscard]] std::string format_run_summary(const scenarios::Scenario& s, const scenarios::RunOutcome& o);

// The warning lines of a run (scenarios::run_warnings). For a run stopped early (interrupted,
// timed out) the one about the state at the end (channel members that had not joined: they were
// still joining) is left out, and the others say they count the run so far, e.g.
//   "warning: (run stopped at 1.3s) 12 dropped as table_full: ..."
[[nodiscard]] std::vector<std::string> outcome_warnings(const scenarios::RunOutcome& o);

// Off a terminal, how often `ptplab run` prints its plain progress line by default.
inline constexpr TimeNs kPlainProgressEvery_ns = 10 * kSecond;

// A progress callback on stderr (empty when `quiet`). On a terminal it redraws one line
// (simulated time, events/s, ETA); off a terminal (a pipe, a CI log) it prints a plain line
// every `plain_every_ns` of wall time (0: never), e.g.
//   "progress basic: 12s of 1m simulated (20%), 0.85M events/s, 4 s elapsed, ETA 16 s, peak RSS 85 MB"
[[nodiscard]] scenarios::ProgressFn make_progress(const std::string& name, TimeNs duration_ns, bool quiet,
                                                  TimeNs plain_every_ns = kPlainProgressEvery_ns);

// A set-up callback on stderr (empty when `quiet`): one line per phase of the build, with the
// wall time since the run's set-up began and the peak RSS, e.g.
//   "set-up basic: hosts (1000) done, 0.4 s elapsed, peak RSS 85 MiB"
[[nodiscard]] scenarios::SetupFn make_setup_progress(const std::string& name, bool quiet);

// The file's content, or "" when it cannot be read.
[[nodiscard]] std::string read_text(const std::string& path);

}  // namespace ptplab::cli
