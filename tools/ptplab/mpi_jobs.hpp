// The child runs of a sweep over MPI ranks (`mpirun -np K ptplab sweep ...`; built with
// PTPLAB_MPI only). Rank 0 holds the ChildBatch: it hands its jobs out in order to whichever rank
// is free, itself included (one run at a time per rank, each `ptplab run` in a child process as
// in a plain sweep), and gets each run's exit status, output and report file back as bytes in an
// MPI message, so the ranks need no shared filesystem; ChildBatch merges the reports in job order
// as in a plain sweep. The other ranks only run what they are given and print nothing.
#pragma once

#include <set>
#include <vector>

#include "tools/ptplab/child_batch.hpp"
#include "tools/ptplab/mpi_world.hpp"

namespace ptplab::cli {

// Rank 0's side: a BatchRunner (child_batch.hpp). While it lives the other ranks wait for jobs
// (serve_mpi_jobs); each is told to stop once no job is left for it, and the destructor tells
// the ones not told yet (a command that fails before running any job).
class MpiJobs {
 public:
  explicit MpiJobs(const MpiWorld& world) : world_(world) {}
  ~MpiJobs();
  MpiJobs(const MpiJobs&) = delete;
  MpiJobs& operator=(const MpiJobs&) = delete;

  // Runs every job of `batch` over the ranks; the jobs' exit statuses. Once stop_requested()
  // (mpirun passes SIGINT/SIGTERM on to every rank as SIGTERM, and sends it when a rank dies)
  // no job is handed out any more (kChildNotRun) and the running ones are waited for: their
  // runs, stopped by the signal, come back as interrupted ones; those not back half a second
  // after the stop (their rank died) are kChildLost, not in the report.
  [[nodiscard]] std::vector<int> operator()(const ChildBatch& batch, const ChildWatch& watch);

 private:
  void stop(int rank);

  const MpiWorld& world_;
  std::set<int> stopped_;
};

// The other ranks' side: runs each job rank 0 sends (`ptplab run` of the document it sent, in a
// temporary folder of this rank's, with `options`' --timeout) and sends back its exit status,
// output and report, until rank 0 says stop. Returns the command's exit status, 0.
[[nodiscard]] int serve_mpi_jobs(const MpiWorld& world, const BatchOptions& options);

}  // namespace ptplab::cli
