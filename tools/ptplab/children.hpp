// Child runs of `ptplab suite` and `sweep`: copies of this very binary (`ptplab run ...`), each
// writing its own report into the parent's temporary folder. The children share one process
// group of their own, to which the parent passes SIGINT/SIGTERM on (stop_signals.hpp), and each
// gets SIGTERM when its parent dies, even by SIGKILL (prctl PR_SET_PDEATHSIG), so none outlives
// it; `ptplab run --temp-of-parent DIR` then removes the parent's folder unless it holds
// finished reports not merged yet (remove_orphaned_temp_dir).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace ptplab::cli {

// One child run: the arguments after `ptplab` and where its output goes.
struct ChildJob {
  std::vector<std::string> args;
  std::string log_path;
};

// Exit status recorded for a job that was never started (the parent was stopped first).
inline constexpr int kChildNotRun = -1;
// Exit status recorded for a job handed to an MPI rank that never sent it back (the rank died:
// mpi_jobs.hpp); its run is not in the report.
inline constexpr int kChildLost = -2;
// Exit status recorded for a job whose process could not be started.
inline constexpr int kChildCouldNotStart = 127;

// Called as each started child run ends: (job index, exit status).
using ChildDoneFn = std::function<void(std::size_t, int)>;

// Called every `ChildWatch::every` of wall time while children run: the indices of the running jobs.
using ChildRunningFn = std::function<void(const std::vector<std::size_t>&)>;

// What the caller hears while run_children waits.
struct ChildWatch {
  ChildDoneFn on_done;                 // each started job as it ends (may be empty)
  ChildRunningFn on_running;           // the running jobs, every `every` (may be empty)
  std::chrono::milliseconds every{0};  // 0: on_running is never called
  // A runner that places jobs elsewhere (mpi_jobs.hpp: on MPI ranks) names where job `job` runs
  // ("rank 2") as it starts it; run_children does not call it (may be empty).
  std::function<void(std::size_t, const std::string&)> on_placed;
};

// Runs the jobs as child processes, at most `parallel` at a time, in order, and waits for every
// one it started; their exit statuses (128 + signal when one was killed). Once stop_requested()
// is raised it starts no more jobs (kChildNotRun) and waits for the running ones, which got the
// signal too. `watch` hears of each job as it ends and, if asked, of the running ones
// periodically. Requires install_stop_signals().
[[nodiscard]] std::vector<int> run_children(const std::vector<ChildJob>& jobs, unsigned parallel,
                                            const ChildWatch& watch = {});

// One word for a child's exit status: "pass" (0), "interrupted" (130, 143), "timed out" (124,
// run_timeout.hpp), "not run" (kChildNotRun), "lost" (kChildLost), else "FAIL".
[[nodiscard]] const char* child_status_word(int status);

// Why a child ended when a signal other than a stop signal killed it (128 + the signal: SIGKILL,
// SIGSEGV, SIGABRT...): "killed by SIGKILL"; "" for any other status (ptplab run's own exit
// statuses, the interrupted ones included, are below 128 or stop signals).
[[nodiscard]] std::string child_end_reason(int status);

// A fresh directory under $TMPDIR (or /tmp) for a suite's or sweep's per-run files; "" on failure.
[[nodiscard]] std::string make_temp_dir(const std::string& prefix);

// Removes a directory made by make_temp_dir and its files.
void remove_temp_dir(const std::string& dir);

// What a child run does at exit when its parent died (SIGKILL, OOM killer): removes its own
// report `own_report` (nobody is left to merge it), then the parent's folder `dir` unless that
// still holds another report (*.db), i.e. a finished point the parent had not merged yet, which
// is left there to be recovered. Of several orphans ending at once, the last removes the folder.
void remove_orphaned_temp_dir(const std::string& dir, const std::string& own_report);

}  // namespace ptplab::cli
