// Stopping `ptplab run`, `suite`, `sweep` and `conform` on a signal: SIGINT, SIGTERM and SIGHUP
// (the terminal went away; under `nohup`, which starts us with SIGHUP ignored, it stays ignored).
// The handler only raises a flag (which the simulator polls through its cancellation hook, so a
// run stops within a few hundred events wherever it is) and passes the signal on to the process
// group of the command's child runs. A closed stdout (SIGPIPE: `ptplab run ... | head -1`) stops
// the command as SIGINT would, said as "stdout closed", exit 141. Further signals while the command
// stops are ignored (the runs so far are being written; one line on stderr says so): only SIGKILL
// abandons them. main() installs the handlers before anything else, so no signal is lost however
// early it comes (a child run of a suite or sweep is started with them blocked and unblocks them
// here, see children.hpp); SIGINT inherited as ignored (a non-interactive shell starts `cmd &`
// that way) is honoured all the same: a simulator driven by scripts must stop when told to.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <atomic>
#include <string>

namespace ptplab::cli {

// Raised by a stop signal (or a closed stdout) once install_stop_signals() ran.
[[nodiscard]] const std::atomic<bool>& stop_requested();

// The signal that raised stop_requested() (SIGINT, SIGTERM, SIGHUP, or SIGPIPE for a closed
// stdout); 0 while none arrived.
[[nodiscard]] int stop_signal();

// Why the command stopped, for its last line: "interrupted by SIGINT" (SIGTERM, SIGHUP) or
// "stdout closed"; "interrupted" when no signal arrived.
[[nodiscard]] const char* stop_cause();

// Exit status of a command stopped by a signal: 128 + the signal, the shell's convention (129
// after SIGHUP, 130 after SIGINT, 141 after a closed stdout, 143 after SIGTERM); 130 when no
// signal arrived.
[[nodiscard]] int interrupted_exit_status();

// True for the exit statuses interrupted_exit_status() returns (129, 130, 141, 143).
[[nodiscard]] bool is_interrupted_exit_status(int status);

// Installs the handlers for SIGINT, SIGTERM, SIGHUP (unless inherited as ignored) and SIGPIPE
// (without SA_RESTART: a blocking wait returns EINTR), unblocks those signals (a child run starts
// with them blocked: one that came meanwhile is handled now) and makes report lock waits give up
// after a stop (reports::give_up_lock_waits_when). Called first thing by main(); later calls do
// nothing.
void install_stop_signals();

// What else ends a report's lock wait, for the long-wait notice ("until --timeout (5s)"; "" for
// nothing but kBusyWaitMax_ms and a stop signal). Not for use inside a signal handler.
void set_lock_wait_bound(std::string bound);

// For the commands that do not stop on the flag: puts back the dispositions the process
// inherited (the default, or ignored), and if a stop signal arrived since install_stop_signals(),
// raises it again so that it takes its inherited effect.
void release_stop_signals();

// Blocks the stop signals for its lifetime (a signal arriving meanwhile is handled when it ends),
// so that the handler's state and the process group of the children change together, and so
// that a child forked inside it starts with them blocked.
class StopSignalsBlocked {
 public:
  StopSignalsBlocked();
  ~StopSignalsBlocked();
  StopSignalsBlocked(const StopSignalsBlocked&) = delete;
  StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;

 private:
  sigset_t previous_;
};

// Makes `process_group` (0: none) the group the handler passes stop signals on to; if a signal
// arrived before, passes it on now. Call it inside a StopSignalsBlocked scope, so each signal is
// passed on exactly once.
void forward_stop_signals_to(pid_t process_group);

}  // namespace ptplab::cli
