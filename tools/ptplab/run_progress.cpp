#include "tools/ptplab/run_progress.hpp"

#include <cstdio>

#include "tools/ptplab/children.hpp"

namespace ptplab::cli {

RunProgress::RunProgress(std::vector<std::string> labels, bool quiet)
    : labels_(std::move(labels)), quiet_(quiet), start_(std::chrono::steady_clock::now()) {}

void RunProgress::finished(std::size_t job, int code) {
  ++done_;
  if (quiet_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t total = labels_.size();
  const double eta =
      done_ > 0 ? elapsed / static_cast<double>(done_) * static_cast<double>(total - done_) : 0;
  std::printf("  [%zu/%zu] %-11s %s  %.1f s elapsed, ETA %.0f s\n", done_, total, child_status_word(code),
              job < total ? labels_[job].c_str() : "?", elapsed, eta);
  std::fflush(stdout);
}

}  // namespace ptplab::cli
