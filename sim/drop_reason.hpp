// Why the simulated network dropped a datagram; the names are stable (reports store them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ptplab::sim {

// The cause of a drop, as observers and counters see it.
enum class DropReason : std::uint8_t {
  kLoss,           // the link's loss model (Bernoulli or Gilbert-Elliott)
  kQueueOverflow,  // a drop-tail uplink or downlink queue was full
  kNatFilter,      // a NAT box had no mapping, filtered the source, or ran out of ports
  kNoRoute,        // no host or NAT box owns the destination address and port
  kPartition,      // source and destination are in different partition groups
  kTooLarge,       // above NetworkConfig::datagram_bytes_max
  kHostDown,       // the destination host is crashed or not started
};
inline constexpr std::size_t kDropReasonCount = 7;

// "loss", "queue_overflow", "nat_filter", "no_route", "partition", "too_large", "host_down".
[[nodiscard]] std::string_view drop_reason_name(DropReason reason);

}  // namespace ptplab::sim
