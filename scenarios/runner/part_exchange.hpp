// The exchange of a partitioned run's datagrams (sim/exchange.hpp) over PartComm: what this
// rank's Network posts for other ranks is serialised per destination and travels to that rank
// alone in the window's one PartComm::exchange (simulation_parts.cpp), which injects it there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/runner/part_comm.hpp"
#include "sim/exchange.hpp"
#include "sim/network.hpp"

namespace ptplab::scenarios {

class PartExchange final : public sim::Exchange {
 public:
  explicit PartExchange(std::uint32_t parts) : outbox_(parts) {}
  void post(std::uint32_t part, sim::RemoteDatagram d) override;
  // Writes for rank `part` the earliest arrival among every datagram posted this window (to any
  // rank: each rank learns the global earliest) and the datagrams posted for `part`, forgotten.
  void write_to(std::uint32_t part, ByteWriter& w);
  // After write_to() for every rank: a new window begins.
  void end_window() { earliest_ = sim::kTimeLimit; }
  // Reads what a rank's write_to() wrote for this rank: injects its datagrams into `net` and
  // returns the sender's earliest arrival (kTimeLimit if none).
  static TimeNs read(ByteReader& r, sim::Network& net);
  // Datagrams and bytes of them this rank posted so far.
  [[nodiscard]] std::uint64_t datagrams() const { return datagrams_; }
  [[nodiscard]] std::uint64_t bytes() const { return bytes_; }

 private:
  std::vector<ByteWriter> outbox_;  // by destination rank
  TimeNs earliest_ = sim::kTimeLimit;
  std::uint64_t datagrams_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace ptplab::scenarios
