// What `ptplab run`, `suite` and `sweep` share: stopping on SIGINT/SIGTERM at an event boundary,
// the short summary printed after a run, the progress line, and running copies of this very
// binary as child processes (suites and sweeps run scenarios in parallel processes).
#pragma once

#include <sys/types.h>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "scenarios/format/scenario.hpp"
#include "scenarios/runner/run.hpp"

namespace ptplab::cli {

// Exit status of a run stopped by SIGINT/SIGTERM (128 + SIGINT, the shell's convention).
inline constexpr int kExitInterrupted = 130;

// Raised by SIGINT/SIGTERM once install_stop_signals() ran.
[[nodiscard]] const std::atomic<bool>& stop_requested();
void install_stop_signals();

// A few lines: status, delivery, latency, traffic, collisions, NAT, then every expectation.
[[nodiscard]] std::string format_run_summary(const scenarios::Scenario& s, const scenarios::RunOutcome& o);

// A progress callback that redraws one line on stderr (simulated time, events/s, ETA), or an
// empty one when stderr is not a terminal or `quiet`.
[[nodiscard]] scenarios::ProgressFn make_progress(TimeNs duration_ns, bool quiet);

// Starts `/proc/self/exe args...` with stdout and stderr appended to `log_path`; -1 on failure.
[[nodiscard]] pid_t spawn_self(const std::vector<std::string>& args, const std::string& log_path);

// Waits for any child; its pid and exit status (128 + signal when killed), or pid -1 when none.
[[nodiscard]] std::pair<pid_t, int> wait_child();

// One child run: the arguments after `ptplab` and where its output goes.
struct ChildJob {
  std::vector<std::string> args;
  std::string log_path;
};

// Called as each child run ends: (job index, exit status).
using ChildDoneFn = std::function<void(std::size_t, int)>;

// Runs the jobs as child processes, at most `parallel` at a time, in order; their exit statuses
// (127 when one could not start). Stops starting new jobs once stop_requested() is raised.
// `on_done` (may be empty) hears of each job as it ends.
[[nodiscard]] std::vector<int> run_children(const std::vector<ChildJob>& jobs, unsigned parallel,
                                            const ChildDoneFn& on_done = {});

// A fresh directory under $TMPDIR (or /tmp) for a suite's or sweep's per-run files.
[[nodiscard]] std::string make_temp_dir(const std::string& prefix);

// Removes a directory made by make_temp_dir and its files.
void remove_temp_dir(const std::string& dir);

// The file's content, or "" when it cannot be read.
[[nodiscard]] std::string read_text(const std::string& path);

}  // namespace ptplab::cli
