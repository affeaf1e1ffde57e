// The exchange interface a partitioned run plugs into: one simulation whose hosts are split
// into parts (each with its own Simulator and Network), advanced in conservative windows whose
// length is the lookahead (the minimum cross-part latency, sim/lookahead.hpp). A datagram whose
// destination lives on another part is not queued as an arrival: the sender's Network hands it
// to the Exchange with the event key the sequential run would have queued it under, and the
// destination part queues it under that key (Network::inject), so every part pops its events in
// the sequential run's order.
//
// Sources: conservative synchronisation with lookahead (Fujimoto, "Parallel and Distributed
// Simulation Systems", 2000, ch. 3); ns-3's DistributedSimulatorImpl (granted windows of the
// minimum cross-rank link delay, messages exchanged once per window); Shadow's rounds (the
// round length is the minimum network latency). The loopback implementation is
// sim/partitioned_run.hpp; the MPI one is sim/mpi/.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/time.hpp"
#include "sim/host_id.hpp"

namespace ptplab::sim {

// Which part owns each host and NAT box (a NAT box and all its hosts on one part), and which
// part this Network is. Every part holds the same plan.
struct PartMap {
  std::uint32_t parts = 1;
  std::uint32_t self = 0;
  std::vector<std::uint32_t> host_part;  // by HostId
  std::vector<std::uint32_t> nat_part;   // by NatId
};

// A datagram in flight from one part to another: what the sender's Network knew of it when it
// left the sender's link, the time it reaches the destination's network (NAT box or public
// host), and the kernel key of its arrival event (origin = the sending host).
struct RemoteDatagram {
  TimeNs arrival_ns = 0;
  std::uint64_t key = 0;
  TimeNs sent_ns = 0;
  HostId src_host = kNoHost;
  HostId dst_host = kNoHost;  // known only inside a LAN, which never crosses parts
  Address from;               // after the sender's NAT
  Address to;
  SharedBytes bytes;
};

// Where a Network hands the datagrams bound for other parts. post() is called from inside the
// sender's event; the exchange delivers them at the end of the window (they arrive no earlier
// than the window's end, by the lookahead).
class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual void post(std::uint32_t part, RemoteDatagram d) = 0;
};

}  // namespace ptplab::sim
