// Why the simulated network dropped a datagram; the names are stable (reports store them).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/core/name_table.hpp"

namespace ptplab::sim {

// The cause of a drop, as observers and counters see it.
enum class DropReason : std::uint8_t {
  kLoss,
  kQueueOverflow,
  kNatFilter,
  kNoRoute,
  kPartition,
  kTooLarge,
  kHostDown,
};
inline constexpr std::array<NameEntry<DropReason>, 7> kDropReasons = {{
    {DropReason::kLoss, "loss", "the link's loss model (Bernoulli or Gilbert-Elliott)"},
    {DropReason::kQueueOverflow, "queue_overflow", "a drop-tail uplink or downlink queue was full"},
    {DropReason::kNatFilter, "nat_filter",
     "a NAT box had no mapping, filtered the source, or ran out of ports"},
    {DropReason::kNoRoute, "no_route", "no host or NAT box owns the destination address and port"},
    {DropReason::kPartition, "partition", "source and destination are in different partition groups"},
    {DropReason::kTooLarge, "oversize", "above NetworkConfig::datagram_bytes_max"},
    {DropReason::kHostDown, "host_down", "the destination host is crashed or not started"},
}};
static_assert(indexed_by_value(kDropReasons));
inline constexpr std::size_t kDropReasonCount = kDropReasons.size();

// "loss", "queue_overflow", "nat_filter", "no_route", "partition", "oversize", "host_down".
[[nodiscard]] inline std::string_view drop_reason_name(DropReason reason) {
  return name_of(kDropReasons, reason);
}

}  // namespace ptplab::sim
