// NAT presets: the RFC 3489 names applied to a NatConfig through the kNatTypes table.
#include "sim/nat_config.hpp"

namespace ptplab::sim {

NatConfig with_nat_type(NatConfig base, NatType type) {
  if (type == NatType::kPublic) return base;
  const auto& t = entry_of(kNatTypes, type);
  base.mapping = t.mapping;
  base.filtering = t.filtering;
  return base;
}

NatConfig NatConfig::full_cone() { return with_nat_type({}, NatType::kFullCone); }
NatConfig NatConfig::restricted() { return with_nat_type({}, NatType::kRestricted); }
NatConfig NatConfig::port_restricted() { return with_nat_type({}, NatType::kPortRestricted); }
NatConfig NatConfig::symmetric() { return with_nat_type({}, NatType::kSymmetric); }

std::optional<NatConfig> nat_preset(std::string_view name) {
  const auto type = parse_name(kNatTypes, name);
  if (!type || *type == NatType::kPublic) return std::nullopt;
  return with_nat_type({}, *type);
}

}  // namespace ptplab::sim
