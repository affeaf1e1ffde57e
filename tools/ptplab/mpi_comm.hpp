// scenarios::PartComm over MPI_COMM_WORLD (built with PTPLAB_MPI only): the one collective of a
// partitioned run, MPI_Iallgather of the sizes then MPI_Iallgatherv of the bytes (MPI-3.1,
// section 5.12), waited for by polling so that a rank that died is noticed (review 14 M1: with
// the blocking calls the others waited for it until mpirun's SIGKILL, and the report's run
// stayed `running`). MPI must have been initialised (MpiWorld) and outlive it.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/runner/part_comm.hpp"

namespace ptplab::cli {

class MpiPartComm final : public scenarios::PartComm {
 public:
  // `stop` (may be null): the flag a stop signal raises (stop_signals.hpp). Gathers every rank's
  // host name and process id (one collective), to tell later whether a rank of this host is gone.
  explicit MpiPartComm(const std::atomic<bool>* stop);
  [[nodiscard]] std::uint32_t parts() const override { return parts_; }
  [[nodiscard]] std::uint32_t self() const override { return self_; }
  // Gathers of more than 2 GiB in all (MPI's int counts) go in rounds of at most 2 GiB / parts.
  // Throws scenarios::PartCommBroken, leaving the collective unfinished, when a rank of this
  // host has exited while this one waits for it (checked every kLivenessCheck_ms of waiting), or
  // when the stop flag has been up kStopGrace_ms and a rank on another host has still not come
  // (mpirun sends SIGTERM to every rank when one dies, and SIGKILL one second later: rank 0
  // then still has the time to end the report's run as `failed`).
  [[nodiscard]] std::vector<std::string> all_gather(std::string_view mine) override;
  // MPI_Ialltoall of the sizes then MPI_Ialltoallv of the bytes, in rounds as all_gather; waited
  // for and thrown from as all_gather.
  [[nodiscard]] std::vector<std::string> exchange(const std::vector<std::string>& to) override;
  // Whether all_gather threw: no MPI call may follow (MPI_Finalize would wait for the dead rank).
  [[nodiscard]] bool broken() const { return broken_; }

  // How many collectives this rank called (all_gather and exchange, each counted once) and the
  // wall seconds it spent in them, waiting for the other ranks included: the synchronisation
  // cost BENCHMARKS.md's model fits.
  [[nodiscard]] std::uint64_t collectives() const { return collectives_; }
  [[nodiscard]] double seconds_in_collectives() const { return seconds_in_; }

  static constexpr int kLivenessCheck_ms = 200;
  static constexpr int kStopGrace_ms = 400;

 private:
  class TimedCollective;
  // Waits for the request `handle` (an MPI_Request) as described at all_gather.
  void wait(void* handle);
  // The ranks of this host whose process is gone (exited, or a zombie).
  [[nodiscard]] std::vector<std::uint32_t> gone_ranks() const;
  [[noreturn]] void give_up(const std::vector<std::uint32_t>& gone);

  std::uint32_t parts_ = 1;
  std::uint32_t self_ = 0;
  const std::atomic<bool>* stop_ = nullptr;
  std::vector<pid_t> pids_;      // by rank
  std::vector<bool> same_host_;  // by rank: on this process's host
  bool broken_ = false;
  std::uint64_t collectives_ = 0;
  double seconds_in_ = 0;
  // What an all_gather hands MPI to write (or read) while it waits.
  struct Buffers {
    std::uint64_t size = 0;
    std::vector<std::uint64_t> sizes;
    std::vector<int> counts;
    std::vector<int> displs;
    std::string all;
    std::vector<std::uint64_t> sent_sizes;  // exchange(): what this rank sends to each rank
    std::vector<int> send_counts;
    std::vector<int> send_displs;
    std::string send;
  };
  std::unique_ptr<Buffers> buffers_;
};

}  // namespace ptplab::cli
