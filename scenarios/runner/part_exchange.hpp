// The exchange of a partitioned run's datagrams (sim/exchange.hpp) over PartComm: what this
// rank's Network posts for other ranks is serialised per destination and travels in the
// window's one all_gather (simulation_parts.cpp); each rank injects what is addressed to it.
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
  // Writes the datagrams posted since the last write (the earliest arrival among them, then
  // each destination's datagrams) and forgets them.
  void write(ByteWriter& w);
  // Reads what a rank's write() wrote: injects into `net` the datagrams addressed to `self` and
  // returns the earliest arrival of all (kTimeLimit if none).
  static TimeNs read(ByteReader& r, std::uint32_t self, sim::Network& net);
  // Datagrams and bytes this rank posted so far.
  [[nodiscard]] std::uint64_t datagrams() const { return datagrams_; }

 private:
  std::vector<ByteWriter> outbox_;  // by destination rank
  TimeNs earliest_ = sim::kTimeLimit;
  std::uint64_t datagrams_ = 0;
};

}  // namespace ptplab::scenarios
