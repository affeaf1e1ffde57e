// NAT presets and behaviour names.
#include "sim/nat_config.hpp"

namespace ptplab::sim {

NatConfig NatConfig::full_cone() {
  NatConfig c;
  c.filtering = NatFiltering::kEndpointIndependent;
  return c;
}

NatConfig NatConfig::restricted() {
  NatConfig c;
  c.filtering = NatFiltering::kAddressDependent;
  return c;
}

NatConfig NatConfig::port_restricted() { return NatConfig{}; }

NatConfig NatConfig::symmetric() {
  NatConfig c;
  c.mapping = NatMapping::kAddressAndPortDependent;
  c.filtering = NatFiltering::kAddressAndPortDependent;
  return c;
}

std::optional<NatConfig> nat_preset(std::string_view name) {
  if (name == "full-cone") return NatConfig::full_cone();
  if (name == "restricted") return NatConfig::restricted();
  if (name == "port-restricted") return NatConfig::port_restricted();
  if (name == "symmetric") return NatConfig::symmetric();
  return std::nullopt;
}

namespace {

constexpr std::string_view kBehaviourNames[] = {"endpoint-independent", "address-dependent",
                                                "address-and-port-dependent"};

}  // namespace

std::string_view nat_behaviour_name(NatMapping m) { return kBehaviourNames[static_cast<int>(m)]; }
std::string_view nat_behaviour_name(NatFiltering f) { return kBehaviourNames[static_cast<int>(f)]; }

std::optional<NatMapping> parse_nat_mapping(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (kBehaviourNames[i] == name) return static_cast<NatMapping>(i);
  }
  return std::nullopt;
}

std::optional<NatFiltering> parse_nat_filtering(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (kBehaviourNames[i] == name) return static_cast<NatFiltering>(i);
  }
  return std::nullopt;
}

}  // namespace ptplab::sim
