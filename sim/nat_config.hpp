// NAT behaviour as RFC 4787 classifies it: how a NAT maps an internal address to a public port
// (mapping), which outside sources it lets in (filtering), how it picks ports, how long an idle
// mapping lives and whether it hairpins. The RFC 3489 names are presets.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/core/time.hpp"

namespace ptplab::sim {

// RFC 4787 section 4.1: on which parts of the destination a mapping depends.
enum class NatMapping : std::uint8_t { kEndpointIndependent, kAddressDependent, kAddressAndPortDependent };
// RFC 4787 section 5: which sources may send in through a mapping.
enum class NatFiltering : std::uint8_t { kEndpointIndependent, kAddressDependent, kAddressAndPortDependent };
// How the public port of a new mapping is chosen.
enum class PortAllocation : std::uint8_t { kSequential, kRandom };

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

  // RFC 3489 presets.
  [[nodiscard]] static NatConfig full_cone();        // EIM + EIF
  [[nodiscard]] static NatConfig restricted();       // EIM + ADF
  [[nodiscard]] static NatConfig port_restricted();  // EIM + APDF
  [[nodiscard]] static NatConfig symmetric();        // APDM + APDF
};

// The preset named "full-cone", "restricted", "port-restricted" or "symmetric"; nullopt otherwise.
[[nodiscard]] std::optional<NatConfig> nat_preset(std::string_view name);

// "endpoint-independent", "address-dependent", "address-and-port-dependent"; and back.
[[nodiscard]] std::string_view nat_behaviour_name(NatMapping m);
[[nodiscard]] std::string_view nat_behaviour_name(NatFiltering f);
[[nodiscard]] std::optional<NatMapping> parse_nat_mapping(std::string_view name);
[[nodiscard]] std::optional<NatFiltering> parse_nat_filtering(std::string_view name);

}  // namespace ptplab::sim
