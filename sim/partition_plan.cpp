// The greedy graph-growing partitioner.
#include "sim/partition_plan.hpp"

#include <algorithm>
#include <deque>

namespace ptplab::sim {

PartitionPlan plan_partition(std::uint32_t parts, std::span<const NatId> nat_of_host, std::size_t nats,
                             std::span<const HostEdge> edges) {
  parts = std::max<std::uint32_t>(parts, 1);
  const std::size_t hosts = nat_of_host.size();
  // Units: NAT boxes 0..nats-1, then one per public host.
  std::vector<std::uint32_t> unit_of(hosts);
  std::vector<std::uint64_t> unit_size(nats, 0);
  for (std::size_t h = 0; h < hosts; ++h) {
    const NatId n = nat_of_host[h];
    if (n != kNoNat && n < nats) {
      unit_of[h] = n;
      ++unit_size[n];
    } else {
      unit_of[h] = static_cast<std::uint32_t>(unit_size.size());
      unit_size.push_back(1);
    }
  }
  const std::size_t units = unit_size.size();
  // The units' adjacency (compressed rows).
  std::vector<std::uint32_t> degree(units + 1, 0);
  std::vector<HostEdge> valid;
  for (const auto& [a, b] : edges) {
    if (a >= hosts || b >= hosts || a == b) continue;
    valid.emplace_back(a, b);
    ++degree[unit_of[a]];
    ++degree[unit_of[b]];
  }
  std::vector<std::uint32_t> first(units + 1, 0);
  for (std::size_t u = 0; u < units; ++u) first[u + 1] = first[u] + degree[u];
  std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
  std::vector<std::uint32_t> adjacent(first[units]);
  for (const auto& [a, b] : valid) {
    adjacent[fill[unit_of[a]]++] = unit_of[b];
    adjacent[fill[unit_of[b]]++] = unit_of[a];
  }

  PartitionPlan plan;
  plan.map.parts = parts;
  plan.hosts_per_part.assign(parts, 0);
  constexpr std::uint32_t kUnassigned = UINT32_MAX;
  std::vector<std::uint32_t> unit_part(units, kUnassigned);
  std::uint32_t part = 0;
  std::uint64_t placed = 0;
  // Part p's share: the hosts left divided among the parts left.
  const auto share = [&] { return (hosts - placed + (parts - part) - 1) / (parts - part); };
  std::uint64_t target = share();
  std::size_t next_seed = 0;
  std::deque<std::uint32_t> frontier;
  const auto take = [&](std::uint32_t u) {
    unit_part[u] = part;
    plan.hosts_per_part[part] += unit_size[u];
    placed += unit_size[u];
    frontier.push_back(u);
  };
  while (placed < hosts) {
    if (frontier.empty()) {
      while (unit_part[next_seed] != kUnassigned) ++next_seed;
      take(static_cast<std::uint32_t>(next_seed));
    }
    while (!frontier.empty() && plan.hosts_per_part[part] < target) {
      const std::uint32_t u = frontier.front();
      frontier.pop_front();
      for (std::uint32_t i = first[u]; i < first[u + 1] && plan.hosts_per_part[part] < target; ++i) {
        if (unit_part[adjacent[i]] == kUnassigned) take(adjacent[i]);
      }
    }
    if (plan.hosts_per_part[part] >= target && part + 1 < parts) {
      ++part;
      frontier.clear();
      target = share();
    }
  }
  plan.map.nat_part.assign(nats, 0);
  for (std::size_t n = 0; n < nats; ++n)
    plan.map.nat_part[n] = unit_part[n] == kUnassigned ? 0 : unit_part[n];
  plan.map.host_part.resize(hosts);
  for (std::size_t h = 0; h < hosts; ++h) plan.map.host_part[h] = unit_part[unit_of[h]];
  plan.edges = valid.size();
  for (const auto& [a, b] : valid) plan.edges_cut += plan.map.host_part[a] != plan.map.host_part[b] ? 1 : 0;
  return plan;
}

}  // namespace ptplab::sim
