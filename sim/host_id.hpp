// Host and NAT box identifiers: dense indices into the network's vectors.
#pragma once

#include <cstdint>

namespace ptplab::sim {

// A host's index in its Network (0, 1, 2, ... in add_host order); also its event origin.
using HostId = std::uint32_t;
// A NAT box's index in its Network.
using NatId = std::uint32_t;

inline constexpr HostId kNoHost = UINT32_MAX;
inline constexpr NatId kNoNat = UINT32_MAX;

}  // namespace ptplab::sim
