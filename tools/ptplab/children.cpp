// Starting, signalling and waiting for child runs.
#include "tools/ptplab/children.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "tools/ptplab/mpi_launch.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"

extern char** environ;

namespace ptplab::cli {
namespace {

// Starts `/proc/self/exe args...` in process group `group` (0: a new group it leads), with
// stdout and stderr appended to `log_path` and SIGTERM as its parent-death signal; its pid, or -1.
// It gets this process's environment without an MPI launcher's variables: a sweep's rank starts
// runs that are not ranks (mpi_launch.hpp).
// Call with the stop signals blocked (StopSignalsBlocked): the child keeps them blocked through
// exec, so one sent before its handler is in place waits for it (main() installs the handler,
// then unblocks them) instead of killing a run that has not written its row yet.
pid_t spawn_self(const ChildJob& job, pid_t group) {
  // Everything the child needs is prepared before fork: it only makes system calls after.
  std::vector<std::string> args = job.args;
  std::vector<char*> argv;
  std::string self = "ptplab";
  argv.push_back(self.data());
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!is_mpi_launch_variable(*e)) envp.push_back(*e);
  }
  envp.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) {
    // Also here, so the group is right whichever of parent and child runs first.
    if (pid > 0) setpgid(pid, group == 0 ? pid : group);
    return pid;
  }
  setpgid(0, group);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(kChildCouldNotStart);  // the parent died before prctl
  const int fd = open(job.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd >= 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
  }
  execve("/proc/self/exe", argv.data(), envp.data());
  _exit(kChildCouldNotStart);
}

// Waits for any child; its pid and exit status (128 + signal when killed), pid -1 when none is
// left, or pid 0 when `until` passed first (`until` max: no limit).
std::pair<pid_t, int> wait_child(std::chrono::steady_clock::time_point until) {
  int status = 0;
  pid_t pid = -1;
  const bool bounded = until != std::chrono::steady_clock::time_point::max();
  do {
    pid = waitpid(-1, &status, bounded ? WNOHANG : 0);
    if (pid == 0) {  // none ended yet: look again in 50 ms, up to `until`
      if (std::chrono::steady_clock::now() >= until) return {0, 0};
      usleep(50'000);
      pid = -1;
      errno = EINTR;
    }
  } while (pid < 0 && errno == EINTR);
  if (pid < 0) return {-1, 0};
  if (WIFEXITED(status)) return {pid, WEXITSTATUS(status)};
  return {pid, 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0)};
}

}  // namespace

std::vector<int> run_children(const std::vector<ChildJob>& jobs, unsigned parallel, const ChildWatch& watch) {
  using Clock = std::chrono::steady_clock;
  const bool beat = watch.on_running && watch.every.count() > 0;
  auto next_beat = beat ? Clock::now() + watch.every : Clock::time_point::max();
  std::vector<int> status(jobs.size(), kChildNotRun);
  std::vector<std::pair<pid_t, std::size_t>> running;
  pid_t group = 0;  // the children's process group while any runs
  std::size_t next = 0;
  parallel = std::max(1u, parallel);
  while (true) {
    while (next < jobs.size() && running.size() < parallel && !stop_requested().load()) {
      const StopSignalsBlocked blocked;
      const pid_t pid = spawn_self(jobs[next], group);
      if (pid > 0) {
        running.emplace_back(pid, next);
        if (group == 0) group = pid;
        forward_stop_signals_to(group);
      } else {
        status[next] = kChildCouldNotStart;
      }
      ++next;
    }
    if (running.empty()) break;
    const auto [pid, code] = wait_child(next_beat);
    if (pid == 0) {
      std::vector<std::size_t> ids;
      for (const auto& r : running) ids.push_back(r.second);
      watch.on_running(ids);
      next_beat = Clock::now() + watch.every;
      continue;
    }
    if (pid < 0) break;
    const auto it =
        std::find_if(running.begin(), running.end(), [pid = pid](const auto& r) { return r.first == pid; });
    if (it == running.end()) continue;
    status[it->second] = code;
    if (watch.on_done) watch.on_done(it->second, code);
    running.erase(it);
    if (running.empty()) {
      // The group ends with its last member: the next child starts a new one.
      const StopSignalsBlocked blocked;
      group = 0;
      forward_stop_signals_to(0);
    }
  }
  return status;
}

const char* child_status_word(int status) {
  if (status == 0) return "pass";
  if (status == kChildNotRun) return "not run";
  if (status == kChildLost) return "lost";
  if (status == kTimedOutExitStatus) return "timed out";
  return is_interrupted_exit_status(status) ? "interrupted" : "FAIL";
}

std::string child_end_reason(int status) {
  if (status <= 128 || status >= 128 + NSIG || is_interrupted_exit_status(status)) return "";
  const char* name = sigabbrev_np(status - 128);
  std::string reason = "killed by ";
  if (name != nullptr) {
    reason.append("SIG").append(name);
  } else {
    reason.append("signal ").append(std::to_string(status - 128));
  }
  return reason;
}

std::string make_temp_dir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/" + prefix + "XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

void remove_temp_dir(const std::string& dir) {
  std::error_code ec;
  if (!dir.empty()) std::filesystem::remove_all(dir, ec);
}

void remove_orphaned_temp_dir(const std::string& dir, const std::string& own_report) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    std::filesystem::remove(own_report + suffix, ec);
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".db") return;  // a finished point's report: kept
  }
  if (!ec) remove_temp_dir(dir);
}

}  // namespace ptplab::cli
