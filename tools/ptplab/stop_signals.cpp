// The SIGINT/SIGTERM handler and its state: lock-free atomics only, and kill(2), which POSIX
// lists as async-signal-safe.
#include "tools/ptplab/stop_signals.hpp"

#include <signal.h>

#include "reports/sqlite_db.hpp"

namespace ptplab::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
std::atomic<pid_t> g_children{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free &&
              std::atomic<pid_t>::is_always_lock_free);

extern "C" void on_stop_signal(int sig) {
  if (g_stop.load()) {
    // The second signal: the default action (the process ends) once this handler returns.
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  g_signal.store(sig);
  g_stop.store(true);
  if (const pid_t group = g_children.load(); group > 0) kill(-group, sig);
}

// A closed stdout (`| head`): stop as SIGINT does, once; later writes fail (EPIPE) and are lost,
// and the SIGPIPEs they raise change nothing.
extern "C" void on_pipe_closed(int) {
  if (g_stop.load()) return;
  g_signal.store(SIGINT);
  g_stop.store(true);
  if (const pid_t group = g_children.load(); group > 0) kill(-group, SIGINT);
}

}  // namespace

const std::atomic<bool>& stop_requested() { return g_stop; }

int stop_signal() { return g_signal.load(); }

int interrupted_exit_status() { return 128 + (stop_signal() != 0 ? stop_signal() : SIGINT); }

bool is_interrupted_exit_status(int status) { return status == 128 + SIGINT || status == 128 + SIGTERM; }

void install_stop_signals() {
  reports::give_up_lock_waits_when(&g_stop);
  // Each handler runs with SIGINT and SIGTERM blocked, so the two never interleave.
  const auto handle = [](int sig, void (*handler)(int)) {
    struct sigaction sa {};
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaction(sig, &sa, nullptr);
  };
  handle(SIGINT, on_stop_signal);
  handle(SIGTERM, on_stop_signal);
  handle(SIGPIPE, on_pipe_closed);
}

StopSignalsBlocked::StopSignalsBlocked() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigprocmask(SIG_BLOCK, &stop, &previous_);
}

StopSignalsBlocked::~StopSignalsBlocked() { sigprocmask(SIG_SETMASK, &previous_, nullptr); }

void forward_stop_signals_to(pid_t process_group) {
  g_children.store(process_group);
  if (const int sig = g_signal.load(); sig != 0 && process_group > 0) kill(-process_group, sig);
}

}  // namespace ptplab::cli
