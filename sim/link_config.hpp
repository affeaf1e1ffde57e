// A host's access link: uplink and downlink rates, their drop-tail queues and their loss
// processes. Hosts share profiles (Network::add_link_profile) so a host stores only an index.
#pragma once

#include <cstdint>

#include "sim/loss.hpp"

namespace ptplab::sim {

// Parameters of one access link profile. Rates of 0 mean unlimited (no queueing, no queue drops).
struct LinkConfig {
  std::uint64_t uplink_bytes_per_s = 0;
  std::uint64_t downlink_bytes_per_s = 0;
  std::uint64_t uplink_queue_bytes_max = 256 * 1024;
  std::uint64_t downlink_queue_bytes_max = 256 * 1024;
  LossConfig uplink_loss;    // applied as a datagram leaves the host
  LossConfig downlink_loss;  // applied as a datagram reaches the host
};

}  // namespace ptplab::sim
