// Why the simulated network dropped a datagram; the names are stable (reports store them). They
// share the report column traffic.drop_reason with the engine's reasons (engine/core/reason.hpp),
// so no name is in both tables (asserted below): a drop_reason names its layer by itself.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/core/name_table.hpp"
#include "engine/core/reason.hpp"

namespace ptplab::sim {

// The cause of a drop, as observers and counters see it.
enum class DropReason : std::uint8_t {
  kLoss,
  kQueueOverflow,
  kNatFilter,
  kNoHost,
  kPartition,
  kExceedsMtu,
  kHostDown,
};
inline constexpr std::array<NameEntry<DropReason>, 7> kDropReasons = {{
    {DropReason::kLoss, "loss", "the link's loss model (Bernoulli or Gilbert-Elliott)"},
    {DropReason::kQueueOverflow, "queue_overflow", "a drop-tail uplink or downlink queue was full"},
    {DropReason::kNatFilter, "nat_filter",
     "a NAT box had no mapping, filtered the source, or ran out of ports"},
    {DropReason::kNoHost, "no_host",
     "no host or NAT box owns the destination address and port (the engine's no_route is a node that "
     "knows no address for a node_id)"},
    {DropReason::kPartition, "partition", "source and destination are in different partition groups"},
    {DropReason::kExceedsMtu, "exceeds_mtu",
     "larger than the network carries: above its MTU, scenario network.max_datagram_bytes "
     "(NetworkConfig::datagram_bytes_max; the engine's too_large is a node's own bound, NodeParams "
     "max_datagram_bytes)"},
    {DropReason::kHostDown, "host_down", "the destination host is crashed or not started"},
}};
static_assert(indexed_by_value(kDropReasons));
inline constexpr std::size_t kDropReasonCount = kDropReasons.size();

// True when no network reason has the name of an engine reason (review-ae finding 3: both wrote
// "no_route" into traffic.drop_reason, meaning two different things).
[[nodiscard]] constexpr bool disjoint_from_engine_reasons() {
  for (const auto& n : kDropReasons) {
    for (const auto& e : kReasons)
      if (n.name == e.name) return false;
  }
  return true;
}
static_assert(disjoint_from_engine_reasons(), "a network drop reason has the name of an engine reason");

// "loss", "queue_overflow", "nat_filter", "no_host", "partition", "exceeds_mtu", "host_down".
[[nodiscard]] inline std::string_view drop_reason_name(DropReason reason) {
  return name_of(kDropReasons, reason);
}

}  // namespace ptplab::sim
