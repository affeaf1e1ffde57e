// Stopping `ptplab run`, `suite` and `sweep` on SIGINT/SIGTERM. The handler only raises a flag
// (which the simulator polls through its cancellation hook, so a run stops within a few hundred
// events wherever it is) and passes the signal on to the process group of the command's child
// runs (SIGPIPE, a closed stdout, stops it like SIGINT). A second SIGINT/SIGTERM ends the process at once
// (its children then get their parent-death signal, see children.hpp).
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <atomic>

namespace ptplab::cli {

// Raised by SIGINT/SIGTERM once install_stop_signals() ran.
[[nodiscard]] const std::atomic<bool>& stop_requested();

// The signal that raised stop_requested() (SIGINT or SIGTERM); 0 while none arrived.
[[nodiscard]] int stop_signal();

// Exit status of a command stopped by a signal: 128 + the signal, the shell's convention (130
// after SIGINT, 143 after SIGTERM); 130 when no signal arrived.
[[nodiscard]] int interrupted_exit_status();

// True for the exit statuses interrupted_exit_status() returns (130, 143).
[[nodiscard]] bool is_interrupted_exit_status(int status);

// Installs the handlers for SIGINT and SIGTERM (without SA_RESTART: a blocking wait returns EINTR)
// and makes report lock waits give up after a stop (reports::give_up_lock_waits_when). A closed
// stdout (SIGPIPE: `ptplab run ... | head -1`) stops the command as a SIGINT would (the runs end
// `interrupted`, finished ones are kept, exit 130), never a second time: writes after it fail
// with EPIPE and are lost.
void install_stop_signals();

// Blocks SIGINT and SIGTERM for its lifetime (a signal arriving meanwhile is handled when it
// ends), so that the handler's state and the process group of the children change together.
class StopSignalsBlocked {
 public:
  StopSignalsBlocked();
  ~StopSignalsBlocked();
  StopSignalsBlocked(const StopSignalsBlocked&) = delete;
  StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;

 private:
  sigset_t previous_;
};

// Makes `process_group` (0: none) the group the handler passes SIGINT/SIGTERM on to; if a signal
// arrived before, passes it on now. Call it inside a StopSignalsBlocked scope, so each signal is
// passed on exactly once (a second one would end the children at once).
void forward_stop_signals_to(pid_t process_group);

}  // namespace ptplab::cli
