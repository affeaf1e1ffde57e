// `--exec "CMD {port}"`: the implementation under test started for one run on a free loopback
// port, in its own process group, and stopped (SIGTERM, then SIGKILL) at the end; if the harness
// dies without stopping it, its shell gets SIGTERM (PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "engine/core/address.hpp"
#include "engine/core/expected.hpp"
#include "engine/core/time.hpp"

namespace ptplab::conformance {

// A child process running the target. Stops it when destroyed.
class ExecProcess {
 public:
  // Picks a free UDP port on 127.0.0.1, substitutes it for every "{port}" in `command`, runs the
  // result with /bin/sh -c, and waits (up to `ready_timeout_ns`) until it sends anything back to
  // the readiness probe's HELLO from `probe_node_id` (probe_reachable: one socket, so a target
  // that answers only on its own timer is seen; a refused port means "not bound yet").
  [[nodiscard]] static Expected<std::unique_ptr<ExecProcess>, std::string> start(
      const std::string& command, TimeNs ready_timeout_ns, const std::string& probe_node_id);
  ExecProcess(const ExecProcess&) = delete;
  ExecProcess& operator=(const ExecProcess&) = delete;
  ~ExecProcess();

  [[nodiscard]] Address address() const { return address_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  // Sends SIGTERM to the process group, waits up to `grace_ns`, then SIGKILLs it. Idempotent.
  void stop(TimeNs grace_ns);

 private:
  ExecProcess(pid_t pid, Address address) : pid_(pid), address_(address) {}
  pid_t pid_;
  Address address_;
  bool stopped_ = false;
};

// A waitpid status in words: "exited with status N", "killed by signal SIGKILL" (the signal's
// name; its number when it has none).
[[nodiscard]] std::string describe_wait_status(int status);

// A UDP port on 127.0.0.1 that nothing is bound to right now.
[[nodiscard]] Expected<std::uint16_t, std::string> free_udp_port();

}  // namespace ptplab::conformance
