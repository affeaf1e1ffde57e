// A host's access link: uplink and downlink rates, their drop-tail queues and their loss
// processes. Hosts share profiles (Network::add_link_profile) so a host stores only an index.
#pragma once

#include <cstdint>

#include "engine/core/time.hpp"
#include "sim/loss.hpp"

namespace ptplab::sim {

// Parameters of one access link profile. Rates of 0 mean unlimited (no queueing, no queue drops).
// `delay_ns` is the link's own one-way delay, on top of the network's latency model: a datagram
// takes the sender's delay after its uplink queue and the receiver's after its downlink queue
// (a data-centre link near 0, a home access link some milliseconds).
struct LinkConfig {
  std::uint64_t uplink_bytes_per_s = 0;
  std::uint64_t downlink_bytes_per_s = 0;
  std::uint64_t uplink_queue_bytes_max = 256 * 1024;
  std::uint64_t downlink_queue_bytes_max = 256 * 1024;
  LossConfig uplink_loss;    // applied as a datagram leaves the host
  LossConfig downlink_loss;  // applied as a datagram reaches the host
  TimeNs delay_ns = 0;       // added each way: to what the host sends and what it receives
};

}  // namespace ptplab::sim
