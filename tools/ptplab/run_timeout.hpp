// `ptplab run --timeout DURATION`: a wall-clock limit per scenario. The watchdog owns the flag the
// simulation polls and raises it when SIGINT/SIGTERM raised stop_requested() (stop_signals.hpp) or
// when the limit has passed (then it raises timed_out() first, and the run ends `timed_out`: its
// report keeps everything recorded so far, like an interrupted run's).
#pragma once

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "engine/core/expected.hpp"
#include "engine/core/time.hpp"

namespace ptplab::cli {

// Exit status of `ptplab run` when a scenario reached its --timeout (GNU timeout's convention).
inline constexpr int kTimedOutExitStatus = 124;

// The longest --timeout: 10,000 h (over a year, as a scenario's longest duration field); more is
// a typo, and one past what a duration holds (about 2562047h) was called "not positive".
inline constexpr TimeNs kTimeoutMax = 10'000 * kHour;

// Adds `--timeout DURATION` to a command's options; `effect` says what reaching it does there.
void add_timeout_option(boost::program_options::options_description& options, const std::string& effect);

// The --timeout given: nullopt when absent; an error sentence when it is not a duration in
// (0, kTimeoutMax] (one too large says so, with the bound).
[[nodiscard]] Expected<std::optional<TimeNs>, std::string> timeout_option(
    const boost::program_options::variables_map& vm);

// Watches one run: a thread polling every kPollInterval until destroyed.
class RunWatchdog {
 public:
  static constexpr std::chrono::milliseconds kPollInterval{20};
  // Starts the clock: the run times out `limit` after construction (limit > 0).
  explicit RunWatchdog(std::chrono::nanoseconds limit);
  ~RunWatchdog();
  RunWatchdog(const RunWatchdog&) = delete;
  RunWatchdog& operator=(const RunWatchdog&) = delete;

  // The flag to give the run as its stop flag (RunRequest::stop).
  [[nodiscard]] const std::atomic<bool>& stop() const { return stop_; }
  // Raised before stop() when the limit passed (RunRequest::timed_out).
  [[nodiscard]] const std::atomic<bool>& timed_out() const { return timed_out_; }

 private:
  void watch(std::chrono::steady_clock::time_point deadline);

  std::atomic<bool> stop_{false};
  std::atomic<bool> timed_out_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace ptplab::cli
