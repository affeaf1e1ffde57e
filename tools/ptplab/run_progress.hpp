// The line `ptplab suite` and `sweep` print on stdout as each child run finishes, so a long
// batch shows where it is even when piped (stdout is line-buffered: main.cpp):
//   "  [3/8] pass  basic.json  12.4 s elapsed, ETA 20 s"
// The ETA assumes the remaining runs take the mean time of the finished ones.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace ptplab::cli {

// Counts finished runs of one batch and prints a line for each (nothing when quiet).
class RunProgress {
 public:
  // `labels`: what each job's line names (a scenario file, a sweep point), by job index.
  RunProgress(std::vector<std::string> labels, bool quiet);
  // Job `job` ended with exit status `code` (0 pass, 1 an expectation failed, else an error).
  void finished(std::size_t job, int code);

 private:
  std::vector<std::string> labels_;
  bool quiet_;
  std::size_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace ptplab::cli
