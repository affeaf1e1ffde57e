// What `ptplab suite` and `ptplab sweep` share: the options that say how their child runs go
// (-j, --progress-every, --timeout) and the batch of child runs itself, each `ptplab run INPUT`
// into its own report in a temporary folder, with a line per finished run (RunProgress) and
// each report merged into the parent's as soon as it and the ones before it are done
// (ChildReportMerger).
#pragma once

#include <boost/program_options.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/ptplab/child_reports.hpp"
#include "tools/ptplab/children.hpp"

namespace ptplab::cli {

// How a batch's children run, from the command line.
struct BatchOptions {
  unsigned jobs_at_once = 1;                    // -j (default: the number of CPUs)
  std::chrono::milliseconds progress_every{0};  // --progress-every (0: never)
  std::optional<std::string> timeout;           // --timeout as given, passed on to every child
};

// The most runs at once -j takes: far past any machine's CPUs, and a bound on the processes one
// command starts (99999999999 got boost's bare "invalid").
inline constexpr unsigned kJobsAtOnceMax = 4096;

// The options of `vm` (declared with -j/--jobs as a string, an integer in [1, kJobsAtOnceMax],
// add_progress_option and add_timeout_option), or nullopt after printing "ptplab COMMAND: <error>" on stderr
// (a usage error: exit 2).
[[nodiscard]] std::optional<BatchOptions> batch_options(std::string_view command,
                                                        const boost::program_options::variables_map& vm);

class ChildBatch;

// Runs a batch's jobs (ChildBatch::job) and says what run_children says: each job's exit status
// (kChildNotRun for one never started), each job to `watch` as it ends, by then its report at
// ChildBatch::report_of and its output at its log_path. The default runs them here, -j at a time;
// mpi_jobs.hpp hands them out to MPI ranks.
using BatchRunner = std::function<std::vector<int>(const ChildBatch&, const ChildWatch&)>;

// The child runs of one suite or sweep. Usage: make (a folder under $TMPDIR named PREFIX...;
// main() installed the stop signals), add() each job, run() once, then read each job's status and output.
class ChildBatch {
 public:
  // Empty temp_dir() when the folder could not be made.
  ChildBatch(const std::string& temp_prefix, BatchOptions options);
  ChildBatch(const ChildBatch&) = delete;
  ChildBatch& operator=(const ChildBatch&) = delete;
  ~ChildBatch();

  [[nodiscard]] const std::string& temp_dir() const { return tmp_; }
  // Where job `job`'s files go, without extension: TEMP_DIR/JOB.
  [[nodiscard]] std::string base(std::size_t job) const;
  // Adds a job `ptplab run INPUT --report BASE.db --quiet EXTRA... --temp-of-parent TEMP_DIR`
  // (and --timeout when given), its output in BASE.log.
  void add(const std::string& input, const std::vector<std::string>& extra = {});
  // Job `job`'s runs get the sweep columns of `sweep` (sweep_plan, sweep_index, sweep_runs,
  // sweep_shard) once merged into the report: a sweep's run. Before run().
  void stamp(std::size_t job, reports::RunRow sweep);
  // Runs every job, a line per finished one naming labels[job] unless `quiet`, and merges their
  // reports into `report` ("" merges nothing). False when a merge failed (said on stderr).
  [[nodiscard]] bool run(std::vector<std::string> labels, const std::string& report, bool quiet);
  // The same with the jobs run by `runner` instead of here (an empty one runs them here).
  [[nodiscard]] bool run(std::vector<std::string> labels, const std::string& report, bool quiet,
                         const BatchRunner& runner);

  [[nodiscard]] std::size_t size() const { return jobs_.size(); }
  [[nodiscard]] const ChildJob& job(std::size_t job) const { return jobs_[job]; }
  // What add() got for job `job`: its input file and the extra arguments.
  [[nodiscard]] const std::string& input(std::size_t job) const { return inputs_[job]; }
  [[nodiscard]] const std::vector<std::string>& extra(std::size_t job) const { return extras_[job]; }
  // Where job `job`'s report goes (BASE.db).
  [[nodiscard]] const std::string& report_of(std::size_t job) const { return reports_of_[job]; }

  // Job `job`'s exit status (run_children's words), after run(); kChildNotRun also for a job
  // stopped before it wrote its run (its report holds none).
  [[nodiscard]] int status(std::size_t job) const { return status_[job]; }
  [[nodiscard]] const std::vector<int>& statuses() const { return status_; }
  // The runs job `job` wrote, after run().
  [[nodiscard]] const std::vector<reports::RunSummary>& runs_of(std::size_t job) const {
    return merger_->runs_of(job);
  }
  // After run(): the first job whose runs went to the pending report (pending()) because the
  // report's lock could not be had (ChildReportMerger); size() or more: none.
  [[nodiscard]] std::size_t diverted_from() const { return merger_->diverted_from(); }
  [[nodiscard]] const std::string& pending() const { return merger_->pending(); }
  // What job `job` printed, with its report named as merged (name_merged_report).
  [[nodiscard]] std::string output(std::size_t job) const;
  // The text job `job` printed, as it printed it.
  [[nodiscard]] std::string log(std::size_t job) const;

 private:
  BatchOptions options_;
  std::string tmp_;
  std::vector<ChildJob> jobs_;
  std::vector<std::string> inputs_;
  std::vector<std::vector<std::string>> extras_;
  std::vector<std::string> reports_of_;
  std::vector<std::optional<reports::RunRow>> stamps_;
  std::optional<ChildReportMerger> merger_;
  std::vector<int> status_;
  bool merged_ = false;
};

}  // namespace ptplab::cli
