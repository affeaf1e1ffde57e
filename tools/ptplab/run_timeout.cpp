// The run watchdog (see run_timeout.hpp).
#include "tools/ptplab/run_timeout.hpp"

#include "tools/ptplab/duration_option.hpp"
#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {

void add_timeout_option(boost::program_options::options_description& options, const std::string& effect) {
  options.add_options()(
      "timeout", boost::program_options::value<std::string>(),
      ("wall-clock limit per scenario run (DURATION such as \"90s\", \"10m\"; default none): " + effect)
          .c_str());
}

Expected<std::optional<TimeNs>, std::string> timeout_option(const boost::program_options::variables_map& vm) {
  if (!vm.count("timeout")) return std::optional<TimeNs>();
  const auto limit =
      duration_option("--timeout", vm["timeout"].as<std::string>(), {kTimeoutMax, false, "90s"});
  if (!limit) return Unexpected(limit.error());
  return std::optional<TimeNs>(*limit);
}

RunWatchdog::RunWatchdog(std::chrono::nanoseconds limit)
    : thread_([this, deadline = std::chrono::steady_clock::now() + limit] { watch(deadline); }) {}

RunWatchdog::~RunWatchdog() {
  {
    const std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RunWatchdog::watch(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  while (!done_) {
    wake_.wait_for(lock, kPollInterval);
    if (stop_requested().load()) stop_.store(true);
    if (!stop_.load() && std::chrono::steady_clock::now() >= deadline) {
      timed_out_.store(true);
      stop_.store(true);
    }
  }
}

}  // namespace ptplab::cli
