// Splitting one simulation's hosts into parts for a partitioned run (sim/exchange.hpp): a NAT
// box and all its hosts always share a part (LAN delivery and NAT state never cross parts),
// parts are about equal in hosts, and overlay neighbours are kept together where the sizes
// allow, since every edge cut is traffic exchanged between parts.
//
// Method: a greedy graph-growing partitioner (Karypis and Kumar's GGP, the initial phase of
// METIS, "A fast and high quality multilevel scheme for partitioning irregular graphs", 1998):
// units (a NAT box with its hosts, or one public host) are taken breadth-first from the
// lowest unassigned unit over the overlay's edges into the current part until it holds its
// share of hosts. Deterministic: a function of its inputs only.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "sim/exchange.hpp"
#include "sim/host_id.hpp"

namespace ptplab::sim {

// An overlay edge between two hosts (either order).
using HostEdge = std::pair<HostId, HostId>;

// A plan and what it cost.
struct PartitionPlan {
  PartMap map;                  // self = 0: each part sets its own
  std::uint64_t edges = 0;      // overlay edges given (self-loops and unknown hosts skipped)
  std::uint64_t edges_cut = 0;  // of those, the ones between two parts
  std::vector<std::uint64_t> hosts_per_part;
};

// Plans `parts` (>= 1) parts for hosts 0..nat_of_host.size()-1, where nat_of_host[h] is the NAT
// box in front of host h (kNoNat: public) and boxes are 0..nats-1. Fewer hosts than parts
// leaves parts empty.
[[nodiscard]] PartitionPlan plan_partition(std::uint32_t parts, std::span<const NatId> nat_of_host,
                                           std::size_t nats, std::span<const HostEdge> edges);

}  // namespace ptplab::sim
