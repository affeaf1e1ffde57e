// Reading back what child runs of a suite or sweep wrote: each child has its own report file,
// read here for the verdict and merged into the parent's report in a fixed order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/reader.hpp"

namespace ptplab::cli {

// The runs in a child's report (empty when it has none or cannot be read).
[[nodiscard]] std::vector<reports::RunSummary> read_child_runs(const std::string& path);

// A child's output as the user reads it once the parent's temporary folder is gone: "CHILD holds
// the run so far" (ptplab run's words on a timeout or a signal) becomes "DESTINATION holds the
// run so far as run N", or, with no merged report (`destination` empty, or the child's runs not
// merged), says the run was not kept.
[[nodiscard]] std::string name_merged_report(std::string output, const std::string& child_report,
                                             const std::string& destination,
                                             const std::vector<reports::RunId>& runs);

// Merges the reports of a suite's or sweep's child runs into `destination` while they run: each
// as soon as it and every earlier job have finished (so the report keeps job order), then the
// child's file is removed. A parent killed by SIGKILL therefore loses only the points still
// running or finished behind one still running (those stay in the temp folder: an orphaned
// child keeps a folder that still holds a report, see OrphanCleanup in cmd_run.cpp). Each
// child's runs are read before its file goes (runs_of). `destination` "" merges nothing.
// A job with a stamp (a sweep's run) has its runs' sweep columns set to the stamp's as merged
// (reports/sweep_shards.hpp: which sweep and shard they belong to).
// A merge into `destination` that fails (its lock could not be had: another process held it past
// the wait, or 1 s after a stop) is not lost: that job and every later one go to `pending`
// (pending_report.hpp), a report of its own beside it, and diverted_from() says from which job.
// A child's report that cannot be merged there either is kept where it is, and so are the later
// ones (kept_from()): the caller must then keep the temporary folder.
class ChildReportMerger {
 public:
  ChildReportMerger(std::string destination, std::vector<std::string> child_reports,
                    std::vector<std::optional<reports::RunRow>> stamps = {}, std::string pending = {});

  // Job `job` ended: merges it and the finished jobs after it, in order, up to the first still running.
  void finished(std::size_t job);
  // Merges every finished job not merged yet (jobs never run have no file); false and a message
  // on stderr when a merge failed (now or earlier).
  [[nodiscard]] bool finish();
  // How many jobs, from the first, have been merged (or had nothing to merge).
  [[nodiscard]] std::size_t merged() const { return next_; }
  // The runs job `job` wrote (empty before it finished or when it wrote none).
  [[nodiscard]] const std::vector<reports::RunSummary>& runs_of(std::size_t job) const { return runs_[job]; }
  // The run ids job `job`'s runs got in the destination (empty before it was merged, or with no
  // destination).
  [[nodiscard]] const std::vector<reports::RunId>& ids_of(std::size_t job) const { return ids_[job]; }
  // The report job `job`'s runs were merged into: the destination, or the pending report from
  // diverted_from() on.
  [[nodiscard]] const std::string& merged_into(std::size_t job) const {
    return job >= diverted_from_ ? pending_ : destination_;
  }
  // The first job merged into the pending report (size of the batch or more: none).
  [[nodiscard]] std::size_t diverted_from() const { return diverted_from_; }
  // Why the runs went to the pending report: "" when the destination's lock could not be had,
  // else the error of the merge that failed (e.g. a full disk).
  [[nodiscard]] const std::string& diverted_because() const { return diverted_because_; }
  // The first job whose report could not be merged anywhere and is kept in its place (with every
  // later one); size of the batch or more: none.
  [[nodiscard]] std::size_t kept_from() const { return kept_from_; }
  [[nodiscard]] const std::string& pending() const { return pending_; }

 private:
  void merge(std::size_t job);

  std::string destination_;
  std::vector<std::string> children_;
  std::vector<std::optional<reports::RunRow>> stamps_;
  std::vector<bool> done_;
  std::vector<std::vector<reports::RunSummary>> runs_;
  std::vector<std::vector<reports::RunId>> ids_;
  std::string pending_;
  std::size_t next_ = 0;  // the first job not merged yet
  std::size_t diverted_from_ = SIZE_MAX;
  std::string diverted_because_;
  std::size_t kept_from_ = SIZE_MAX;
};

}  // namespace ptplab::cli
