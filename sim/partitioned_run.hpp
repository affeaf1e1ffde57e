// Running a partitioned simulation in conservative windows (sim/exchange.hpp): every part runs
// its events up to (global minimum next event time + lookahead - 1), then the datagrams posted
// for other parts are exchanged and queued there, and the next window starts at the new global
// minimum (so empty stretches of time cost no window). No event a part receives can be earlier
// than the end of the window it was sent in, so each part pops exactly the events, in exactly
// the order, of the sequential run restricted to its hosts.
//
// Sources: Fujimoto, "Parallel and Distributed Simulation Systems" (2000), ch. 3 (synchronous
// conservative execution, the "YAWNS"-style time windows); ns-3's DistributedSimulatorImpl
// (windows granted by an all-reduce of the next event times, then an exchange); Shadow's rounds.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/exchange.hpp"
#include "sim/network.hpp"
#include "sim/simulator.hpp"

namespace ptplab::sim {

// The parts one process runs and how they reach the others: in-process (LoopbackParts) or one
// MPI rank each (sim/mpi/).
class PartGroup {
 public:
  virtual ~PartGroup() = default;
  // The minimum over every part (of every process) of its next event time; kTimeLimit if none.
  virtual TimeNs next_time() = 0;
  // Runs this process's parts to `end` (Simulator::run_until).
  virtual void run_until(TimeNs end) = 0;
  // Delivers the datagrams posted during the window to their parts (Network::inject).
  virtual void exchange() = 0;
};

// What a windowed run did.
struct WindowStats {
  std::uint64_t windows = 0;
};

// Runs `group` to `end` in windows of `lookahead` (> 0, sim/lookahead.hpp); afterwards every
// part's now() is `end`.
WindowStats run_windows(PartGroup& group, TimeNs lookahead, TimeNs end);

// K parts in one process, run one after the other within each window: the reference a
// multi-process run is tested against, and a way to test partitioning without MPI. Each part's
// Network must have been given `map(k)` and `exchange()` with set_partition.
class LoopbackParts final : public PartGroup, public Exchange {
 public:
  // `map` is the plan shared by the parts (its `self` is ignored); `parts[k]` is part k.
  LoopbackParts(const PartMap& map, std::span<Network* const> parts);
  // The map to give part k (map with self = k).
  [[nodiscard]] const PartMap& map(std::uint32_t k) const { return maps_[k]; }

  TimeNs next_time() override;
  void run_until(TimeNs end) override;
  void exchange() override;
  void post(std::uint32_t part, RemoteDatagram d) override;

 private:
  std::vector<PartMap> maps_;
  std::vector<Network*> parts_;
  std::vector<std::vector<RemoteDatagram>> outbox_;  // by destination part
};

}  // namespace ptplab::sim
