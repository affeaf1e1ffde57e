// The stop-signal handler and its state: lock-free atomics only, and kill(2) and write(2), which
// POSIX lists as async-signal-safe.
#include "tools/ptplab/stop_signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <string>
#include <utility>

#include "reports/sqlite_db.hpp"

namespace ptplab::cli {
namespace {

bool g_installed = false;  // install_stop_signals() holds: a stop signal raises the flag

// What bounds a lock wait besides kBusyWaitMax_ms ("" for nothing; set_lock_wait_bound()).
std::string g_wait_bound;

// The line a lock wait of kBusyNoticeAfter_ms gives (reports::notice_long_lock_waits_with).
void print_lock_wait_notice(const std::string& path) {
  // A command that does not poll the flag (report merge) gets the inherited dispositions back:
  // there a signal ends the process, and SQLite writes nothing of the transaction it held.
  std::fprintf(
      stderr,
      "ptplab: waiting for the lock of %s: another process holds it (a ptplab run, suite, sweep or "
      "report merge writing it, or a reader such as an sqlite3 session); waiting up to %d minutes%s%s, %s\n",
      path.c_str(), reports::kBusyWaitMax_ms / 60'000, g_wait_bound.empty() ? "" : " or ",
      g_wait_bound.c_str(), g_installed ? "a stop signal ends the wait" : "interrupting it writes nothing");
}

// The signals that stop a command, and what its last line says of each.
struct StopSignal {
  int signal;
  const char* cause;
};
constexpr std::array<StopSignal, 4> kStopSignals{{
    {SIGINT, "interrupted by SIGINT"},
    {SIGTERM, "interrupted by SIGTERM"},
    {SIGHUP, "interrupted by SIGHUP"},
    {SIGPIPE, "stdout closed"},
}};

std::atomic<bool> g_stop{false};
std::atomic<bool> g_told{false};  // the "already stopping" line was written
std::atomic<int> g_signal{0};
std::atomic<pid_t> g_children{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free &&
              std::atomic<pid_t>::is_always_lock_free);
std::array<struct sigaction, kStopSignals.size()> g_inherited{};

// What the children get: the same signal, but SIGINT for a closed stdout (theirs is a log file).
int relayed(int sig) { return sig == SIGPIPE ? SIGINT : sig; }

extern "C" void on_stop_signal(int sig) {
  if (g_stop.load()) {
    // Stopping already: the runs so far are being written, and a second Ctrl-C must not lose
    // them. Said once; later writes to a closed stdout (SIGPIPE) change nothing, silently.
    if (sig != SIGPIPE && !g_told.exchange(true)) {
      const int saved = errno;
      static constexpr char kLine[] =
          "ptplab: already stopping: writing the runs so far; further signals are ignored (SIGKILL "
          "abandons them)\n";
      [[maybe_unused]] const auto n = write(STDERR_FILENO, kLine, sizeof kLine - 1);
      errno = saved;
    }
    return;
  }
  g_signal.store(sig);
  g_stop.store(true);
  if (const pid_t group = g_children.load(); group > 0) kill(-group, relayed(sig));
}

sigset_t stop_set() {
  sigset_t set;
  sigemptyset(&set);
  for (const auto& s : kStopSignals) sigaddset(&set, s.signal);
  return set;
}

}  // namespace

const std::atomic<bool>& stop_requested() { return g_stop; }

int stop_signal() { return g_signal.load(); }

const char* stop_cause() {
  for (const auto& s : kStopSignals) {
    if (s.signal == stop_signal()) return s.cause;
  }
  return "interrupted";
}

int interrupted_exit_status() { return 128 + (stop_signal() != 0 ? stop_signal() : SIGINT); }

bool is_interrupted_exit_status(int status) {
  for (const auto& s : kStopSignals) {
    if (status == 128 + s.signal) return true;
  }
  return false;
}

void set_lock_wait_bound(std::string bound) { g_wait_bound = std::move(bound); }

void install_stop_signals() {
  if (g_installed) return;
  g_installed = true;
  reports::give_up_lock_waits_when(&g_stop);
  reports::notice_long_lock_waits_with(print_lock_wait_notice);
  // Each handler runs with every stop signal blocked, so two never interleave.
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sa.sa_mask = stop_set();
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
    const int sig = kStopSignals[i].signal;
    sigaction(sig, nullptr, &g_inherited[i]);
    // nohup's promise (SIGHUP ignored) is kept; SIGINT ignored by a shell's `cmd &` is not.
    if (sig == SIGHUP && g_inherited[i].sa_handler == SIG_IGN) continue;
    sigaction(sig, &sa, nullptr);
  }
  const sigset_t set = stop_set();
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
}

void release_stop_signals() {
  if (!g_installed) return;
  g_installed = false;
  for (std::size_t i = 0; i < kStopSignals.size(); ++i)
    sigaction(kStopSignals[i].signal, &g_inherited[i], nullptr);
  if (const int sig = stop_signal(); sig != 0 && sig != SIGPIPE) raise(sig);
}

StopSignalsBlocked::StopSignalsBlocked() {
  const sigset_t set = stop_set();
  sigprocmask(SIG_BLOCK, &set, &previous_);
}

StopSignalsBlocked::~StopSignalsBlocked() { sigprocmask(SIG_SETMASK, &previous_, nullptr); }

void forward_stop_signals_to(pid_t process_group) {
  g_children.store(process_group);
  if (const int sig = g_signal.load(); sig != 0 && process_group > 0) kill(-process_group, relayed(sig));
}

}  // namespace ptplab::cli
