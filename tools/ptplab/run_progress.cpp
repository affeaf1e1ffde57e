#include "tools/ptplab/run_progress.hpp"

#include <cstdio>

#include "engine/core/time.hpp"
#include "tools/ptplab/children.hpp"
#include "tools/ptplab/duration_option.hpp"
#include "tools/ptplab/run_timeout.hpp"

namespace ptplab::cli {

RunProgress::RunProgress(std::vector<std::string> labels, bool quiet)
    : labels_(std::move(labels)), quiet_(quiet), start_(std::chrono::steady_clock::now()) {}

void RunProgress::placed(std::size_t job, const std::string& where) {
  if (where_.size() <= job) where_.resize(job + 1);
  where_[job] = where;
}

void RunProgress::finished(std::size_t job, int code) {
  ++done_;
  if (quiet_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t total = labels_.size();
  const double eta =
      done_ > 0 ? elapsed / static_cast<double>(done_) * static_cast<double>(total - done_) : 0;
  std::string reason = child_end_reason(code);
  if (!reason.empty()) reason = "  (" + reason + ")";
  if (job < where_.size() && !where_[job].empty()) reason += "  on " + where_[job];
  std::printf("  [%zu/%zu] %-11s %s%s  %.1f s elapsed, ETA %.0f s\n", done_, total, child_status_word(code),
              job < total ? labels_[job].c_str() : "?", reason.c_str(), elapsed, eta);
  std::fflush(stdout);
}

void RunProgress::still_running(const std::vector<std::size_t>& running) {
  if (quiet_ || running.empty()) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string names;
  for (const auto job : running) {
    if (!names.empty()) names += ", ";
    names += job < labels_.size() ? labels_[job] : "?";
  }
  std::printf("  ... %zu of %zu finished; %.0f s elapsed, running: %s\n", done_, labels_.size(), elapsed,
              names.c_str());
  std::fflush(stdout);
}

void add_progress_option(boost::program_options::options_description& options, const std::string& what) {
  options.add_options()("progress-every", boost::program_options::value<std::string>()->default_value("10s"),
                        what.c_str());
}

Expected<std::chrono::milliseconds, std::string> progress_every_option(
    const boost::program_options::variables_map& vm) {
  const auto ns =
      duration_option("--progress-every", vm["progress-every"].as<std::string>(), {kTimeoutMax, true, "10s"});
  if (!ns) return Unexpected(ns.error());
  // Lines are timed in milliseconds: a positive interval below one would read as 0, "never".
  if (*ns > 0 && *ns < 1'000'000) {
    std::string why = "--progress-every: '";
    why.append(vm["progress-every"].as<std::string>())
        .append("' is below the progress clock's 1ms: expected 0 (no progress lines) or at least 1ms");
    return Unexpected(std::move(why));
  }
  return std::chrono::milliseconds(*ns / 1'000'000);
}

}  // namespace ptplab::cli
