// The run watchdog (see run_timeout.hpp).
#include "tools/ptplab/run_timeout.hpp"

#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {

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
