// The line `ptplab suite` and `sweep` print on stdout as each child run finishes, so a long
// batch shows where it is even when piped (stdout is line-buffered: main.cpp):
//   "  [3/8] pass  basic.json  12.4 s elapsed, ETA 20 s"
// The ETA assumes the remaining runs take the mean time of the finished ones. While runs go on,
// a line every --progress-every says which are running, so a long run does not leave a CI log
// silent.
#pragma once

#include <boost/program_options.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"

namespace ptplab::cli {

// Counts finished runs of one batch and prints a line for each (nothing when quiet).
/// Adds `--progress-every DURATION` (default 10s) to a command's options: how often `what` prints
/// its progress line off a terminal (or, in suite and sweep, the line naming the running runs).
void add_progress_option(boost::program_options::options_description& options, const std::string& what);

/// The --progress-every value in ms (0: never), or the error naming the option and the text given.
[[nodiscard]] Expected<std::chrono::milliseconds, std::string> progress_every_option(
    const boost::program_options::variables_map& vm);

class RunProgress {
 public:
  // `labels`: what each job's line names (a scenario file, a sweep point), by job index.
  RunProgress(std::vector<std::string> labels, bool quiet);
  // Job `job` runs at `where` ("rank 2": a sweep over MPI ranks); its line says so.
  void placed(std::size_t job, const std::string& where);
  // Job `job` ended with exit status `code` (0 pass, 1 an expectation failed, else an error).
  void finished(std::size_t job, int code);
  // Jobs `running` are still going: "  ... 2 of 8 finished; running for 40 s: basic.json, demo.json".
  void still_running(const std::vector<std::size_t>& running);

 private:
  std::vector<std::string> labels_;
  std::vector<std::string> where_;  // by job: where it ran, "" when here
  bool quiet_;
  std::size_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace ptplab::cli
