// Everything that shapes a simulated network in one plain struct with a seed, in the manner of
// TigerBeetle's packet simulator options: scenario files override fields by name.
#pragma once

#include <cstdint>

#include "sim/latency.hpp"
#include "sim/link_config.hpp"

namespace ptplab::sim {

// The network-wide models and limits. Per-host link profiles start from `link`.
struct NetworkConfig {
  std::uint64_t seed = 1;                      // every model and host draws from Rng::derive(seed, stream)
  LatencyConfig latency;                       // one-way delay between any two hosts
  LinkConfig link;                             // link profile 0, every host's default access link
  double duplicate_probability = 0.0;          // a datagram is delivered twice with this probability
  std::uint32_t datagram_bytes_max = 65507;    // larger datagrams are dropped as exceeds_mtu (IPv4 UDP max)
  TimeNs lan_latency_ns = 100 * kMicrosecond;  // between hosts behind the same NAT box
};

}  // namespace ptplab::sim
