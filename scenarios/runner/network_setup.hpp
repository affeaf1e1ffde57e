// Where every host of a scenario sits (address, NAT type, NAT box, region), next to the
// simulator's NetworkConfig the loader filled (with the run's seed). Honest hosts come first, in group order,
// then attackers; a host's index is its node index in the report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/address.hpp"
#include "scenarios/format/scenario.hpp"
#include "sim/nat_config.hpp"
#include "sim/network_config.hpp"

namespace ptplab::scenarios {

// The port every simulated node listens on.
inline constexpr std::uint16_t kNodePort = 7000;

// Where one host sits.
struct HostPlan {
  Address address;  // public, or private behind its NAT box
  NatType nat_type = NatType::kPublic;
  std::uint32_t nat_box = UINT32_MAX;  // index into NetworkPlan::nat_boxes, UINT32_MAX when public
  std::uint32_t region = 0;
  std::uint32_t group = 0;  // node group index, or attacker index for attackers
  bool attacker = false;
  std::uint16_t link_profile = 0;  // 0: the network-wide link; k: NetworkPlan::links[k - 1]
};

// One NAT box to create.
struct NatBoxPlan {
  std::uint32_t public_ip = 0;
  NatType type = NatType::kPortRestricted;
};

// Every host and NAT box of a run.
struct NetworkPlan {
  sim::NetworkConfig config;
  std::vector<HostPlan> hosts;  // honest nodes, then attackers
  std::vector<NatBoxPlan> nat_boxes;
  // Link profiles after the network-wide one (sim::Network::add_link_profile in this order):
  // network.link_classes in order, then each group's and attacker's own link.
  std::vector<sim::LinkConfig> links;
  std::size_t honest = 0;  // hosts [0, honest) run ptpchat nodes
};

// Builds the plan; NAT types of "nat"-placed hosts are drawn from the mix with the run's seed.
[[nodiscard]] NetworkPlan plan_network(const Scenario& s);

// The NAT behaviour of a box of `type`: the boxes' common behaviour (network.nat) with the
// type's mapping and filtering (sim::with_nat_type).
[[nodiscard]] sim::NatConfig nat_config(NatType type, const NatPopulation& nat);

}  // namespace ptplab::scenarios
