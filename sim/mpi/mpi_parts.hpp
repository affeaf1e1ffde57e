// One part of a partitioned run per MPI rank (sim/exchange.hpp, sim/partitioned_run.hpp): the
// rank's Network posts datagrams for other ranks here; at the end of every window they go to
// their ranks in one MPI_Alltoallv (counts first, by MPI_Alltoall), and the next window's start
// is the MPI_Allreduce minimum of the ranks' next event times. Only this folder includes MPI:
// the simulator sees it through sim::PartGroup and sim::Exchange.
//
// Sources: ns-3's DistributedSimulatorImpl (an all-reduce of the next event times grants every
// rank a window of the lookahead, the messages sent in it are exchanged at its end) and
// Fujimoto, "Parallel and Distributed Simulation Systems" (2000), ch. 3.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/exchange.hpp"
#include "sim/network.hpp"
#include "sim/partitioned_run.hpp"

namespace ptplab::sim::mpi {

// MPI_Init on construction (unless already initialised), MPI_Finalize on destruction (if this
// object initialised it). One per process, on the main thread.
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  [[nodiscard]] std::uint32_t rank() const { return rank_; }
  [[nodiscard]] std::uint32_t size() const { return size_; }

 private:
  bool owns_ = false;
  std::uint32_t rank_ = 0;
  std::uint32_t size_ = 1;
};

// True when the process was started by mpirun with more than one rank (Open MPI's
// OMPI_COMM_WORLD_SIZE, or PMI_SIZE), without initialising MPI.
[[nodiscard]] bool launched_by_mpirun();

// This rank's part: `map.self` must be the rank, `map.parts` the communicator's size. Call
// network.set_partition(&map, &parts) with it before building the network.
class MpiParts final : public PartGroup, public Exchange {
 public:
  MpiParts(const PartMap& map, Network& network);

  TimeNs next_time() override;
  void run_until(TimeNs end) override;
  void exchange() override;
  void post(std::uint32_t part, RemoteDatagram d) override;

  // Bytes this rank sent to other ranks in exchanges so far (headers and payloads).
  [[nodiscard]] std::uint64_t bytes_sent() const { return bytes_sent_; }

 private:
  const PartMap& map_;
  Network& network_;
  std::vector<std::string> outbox_;  // serialised datagrams by destination rank
  std::uint64_t bytes_sent_ = 0;
};

}  // namespace ptplab::sim::mpi
