// NAT behaviour as RFC 4787 classifies it: how a NAT maps an internal address to a public port
// (mapping), which outside sources it lets in (filtering), how it picks ports, how long an idle
// mapping lives and whether it hairpins. The RFC 3489 type names (full cone, restricted,
// port-restricted, symmetric) are aliases for mapping/filtering pairs. Each vocabulary here is
// one table (engine/core/name_table.hpp); scenario files use the same names.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/core/name_table.hpp"
#include "engine/core/time.hpp"

namespace ptplab::sim {

// RFC 4787 section 4.1: on which parts of the destination a mapping depends.
enum class NatMapping : std::uint8_t { kEndpointIndependent, kAddressDependent, kAddressAndPortDependent };
inline constexpr std::array<NameEntry<NatMapping>, 3> kNatMappings = {{
    {NatMapping::kEndpointIndependent, "endpoint-independent",
     "one public port per internal address and port, whatever the destination (RFC 4787 4.1)"},
    {NatMapping::kAddressDependent, "address-dependent", "a new public port per destination IP"},
    {NatMapping::kAddressAndPortDependent, "address-and-port-dependent",
     "a new public port per destination IP and port"},
}};
static_assert(indexed_by_value(kNatMappings));

// RFC 4787 section 5: which sources may send in through a mapping. The names are the mapping
// behaviours' (RFC 4787 uses one set of three for both).
enum class NatFiltering : std::uint8_t { kEndpointIndependent, kAddressDependent, kAddressAndPortDependent };
inline constexpr std::array<NameEntry<NatFiltering>, 3> kNatFilterings = {{
    {NatFiltering::kEndpointIndependent, kNatMappings[0].name, "any source may send in (RFC 4787 5)"},
    {NatFiltering::kAddressDependent, kNatMappings[1].name,
     "only IPs the internal host has sent to may send in"},
    {NatFiltering::kAddressAndPortDependent, kNatMappings[2].name,
     "only IP and port pairs the internal host has sent to may send in"},
}};
static_assert(indexed_by_value(kNatFilterings));

// How the public port of a new mapping is chosen.
enum class PortAllocation : std::uint8_t { kSequential, kRandom, kPreserving };
inline constexpr std::array<NameEntry<PortAllocation>, 3> kPortAllocations = {{
    {PortAllocation::kSequential, "sequential", "the next free port after the last one handed out"},
    {PortAllocation::kRandom, "random", "a free port drawn uniformly from [port_min, port_max]"},
    {PortAllocation::kPreserving, "preserving",
     "the internal port when it is free and in range, else the next free one (RFC 4787 4.1 port "
     "preservation)"},
}};
static_assert(indexed_by_value(kPortAllocations));

// Where a host sits, by its RFC 3489 (section 5) name: on the open Internet ("public", no NAT
// box) or behind a NAT whose RFC 4787 mapping and filtering the name stands for.
enum class NatType : std::uint8_t { kPublic, kFullCone, kRestricted, kPortRestricted, kSymmetric };
struct NatTypeEntry {
  NatType value;
  std::string_view name;
  NatMapping mapping;      // unused for public
  NatFiltering filtering;  // unused for public
  std::string_view meaning;
};
inline constexpr std::array<NatTypeEntry, 5> kNatTypes = {{
    {NatType::kPublic, "public", NatMapping::kEndpointIndependent, NatFiltering::kEndpointIndependent,
     "no NAT: a public address (RFC 3489 open Internet)"},
    {NatType::kFullCone, "full_cone", NatMapping::kEndpointIndependent, NatFiltering::kEndpointIndependent,
     "endpoint-independent mapping and filtering"},
    {NatType::kRestricted, "restricted", NatMapping::kEndpointIndependent, NatFiltering::kAddressDependent,
     "endpoint-independent mapping, address-dependent filtering"},
    {NatType::kPortRestricted, "port_restricted", NatMapping::kEndpointIndependent,
     NatFiltering::kAddressAndPortDependent,
     "endpoint-independent mapping, address-and-port-dependent filtering (the common home router)"},
    {NatType::kSymmetric, "symmetric", NatMapping::kAddressAndPortDependent,
     NatFiltering::kAddressAndPortDependent, "address-and-port-dependent mapping and filtering"},
}};
static_assert(indexed_by_value(kNatTypes));

// One NAT box's behaviour. Defaults: a port-restricted cone NAT, the common home router.
struct NatConfig {
  NatMapping mapping = NatMapping::kEndpointIndependent;
  NatFiltering filtering = NatFiltering::kAddressAndPortDependent;
  PortAllocation port_allocation = PortAllocation::kSequential;
  TimeNs mapping_timeout_ns =
      120 * kSecond;              // idle time after which a mapping expires; refreshed by outbound traffic
  bool hairpinning = false;       // deliver internal -> own public address -> internal
  std::uint16_t port_min = 1024;  // public ports handed out: [port_min, port_max]
  std::uint16_t port_max = 65535;
  std::uint32_t mappings_max = 65536;     // live mappings per box (ports bound it anyway)
  std::uint32_t filter_entries_max = 64;  // remote endpoints remembered per mapping for filtering

  // RFC 3489 presets (with_nat_type of the defaults).
  [[nodiscard]] static NatConfig full_cone();        // EIM + EIF
  [[nodiscard]] static NatConfig restricted();       // EIM + ADF
  [[nodiscard]] static NatConfig port_restricted();  // EIM + APDF
  [[nodiscard]] static NatConfig symmetric();        // APDM + APDF
};

// `base` with the mapping and filtering kNatTypes gives `type` (public: `base` unchanged).
[[nodiscard]] NatConfig with_nat_type(NatConfig base, NatType type);

// The preset of a NAT type name of kNatTypes ("full_cone", ...); nullopt for "public" and
// unknown names.
[[nodiscard]] std::optional<NatConfig> nat_preset(std::string_view name);

}  // namespace ptplab::sim
