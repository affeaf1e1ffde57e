// Starting and stopping the target process of `--exec`.
#include "conformance/exec_process.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>

#include "conformance/target.hpp"
#include "conformance/udp_transport.hpp"

namespace ptplab::conformance {

namespace {
constexpr TimeNs kProbeRetryNs = 100 * kMillisecond;  // HELLO retry while the target starts
constexpr TimeNs kReapPollNs = 10 * kMillisecond;     // waitpid polling while it stops
}  // namespace

Expected<std::uint16_t, std::string> free_udp_port() {
  namespace asio = boost::asio;
  asio::io_context io;
  boost::system::error_code ec;
  asio::ip::udp::socket s(io);
  s.open(asio::ip::udp::v4(), ec);
  if (!ec) s.bind(asio::ip::udp::endpoint(asio::ip::address_v4::loopback(), 0), ec);
  if (ec) return Unexpected("cannot find a free UDP port: " + ec.message());
  return s.local_endpoint().port();
}

Expected<std::unique_ptr<ExecProcess>, std::string> ExecProcess::start(const std::string& command,
                                                                       TimeNs ready_timeout_ns,
                                                                       const std::string& probe_node_id) {
  const auto port = free_udp_port();
  if (!port) return Unexpected(port.error());
  std::string line = command;
  const std::string p = std::to_string(*port);
  for (auto at = line.find("{port}"); at != std::string::npos; at = line.find("{port}", at + p.size()))
    line.replace(at, 6, p);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return Unexpected(std::string("fork failed"));
  if (pid == 0) {
    setpgid(0, 0);
    // If the harness dies without stopping us (SIGKILL), the shell gets SIGTERM (kept across exec).
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);  // it died before prctl
    execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid, pid);
  auto proc = std::unique_ptr<ExecProcess>(new ExecProcess(pid, Address{0x7f000001, *port}));
  // One probe (one socket, one node id) for the whole wait: a target that answers only on its
  // own timer answers the socket it learnt. A refused port means "not bound yet".
  ProbeOptions probe;
  probe.wait_ns = ready_timeout_ns;
  probe.retry_ns = kProbeRetryNs;
  probe.refused_is_final = false;
  probe.give_up = [&]() -> std::string {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) != pid) return {};
    proc->stopped_ = true;
    return "`" + line + "` ended before answering a HELLO: " + describe_wait_status(status);
  };
  const auto ready = probe_reachable(proc->address(), probe_node_id, probe);
  if (ready) return proc;
  return Unexpected("`" + line + "` is not ready: " + ready.error());
}

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    const char* name = sigabbrev_np(signal);
    return "killed by signal " + (name != nullptr ? "SIG" + std::string(name) : std::to_string(signal));
  }
  return "stopped (wait status " + std::to_string(status) + ")";
}

void ExecProcess::stop(TimeNs grace_ns) {
  if (stopped_) return;
  stopped_ = true;
  kill(-pid_, SIGTERM);
  const TimeNs deadline = steady_now() + grace_ns;
  while (steady_now() < deadline) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::nanoseconds(kReapPollNs));
  }
  kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

ExecProcess::~ExecProcess() { stop(2 * kSecond); }

}  // namespace ptplab::conformance
