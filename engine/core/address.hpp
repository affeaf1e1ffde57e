// IPv4 UDP endpoints as the engine, the simulator and the real socket layer all see them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ptplab {

// An IPv4 address and UDP port; the identity of a datagram's source or destination.
struct Address {
  std::uint32_t ip = 0;  // host byte order: 10.0.0.1 == 0x0a000001
  std::uint16_t port = 0;

  friend constexpr bool operator==(const Address&, const Address&) = default;
  friend constexpr auto operator<=>(const Address&, const Address&) = default;

  // "a.b.c.d:port"
  [[nodiscard]] std::string to_string() const;
  // "a.b.c.d" alone
  [[nodiscard]] std::string ip_string() const;
  // Whether the address may be sent to other nodes (ROUTING entries, CONNECT addresses): false
  // for 240.0.0.0/4, reserved and never routed (RFC 1112 section 4, RFC 6890), where a real host
  // keeps the stand-ins of its IPv6 peers (engine/io/udp_host.hpp): they mean something to that
  // host only, and elsewhere would alias that host's own stand-ins.
  [[nodiscard]] constexpr bool announceable() const { return (ip & kReservedMask) != kReservedBase; }
  static constexpr std::uint32_t kReservedBase = 0xf0000000;  // 240.0.0.0/4
  static constexpr std::uint32_t kReservedMask = 0xf0000000;

  // Parses "a.b.c.d:port"; nullopt on anything else.
  [[nodiscard]] static std::optional<Address> parse(std::string_view text);
  // Parses "a.b.c.d"; nullopt on anything else.
  [[nodiscard]] static std::optional<std::uint32_t> parse_ip(std::string_view text);
};

}  // namespace ptplab

template <>
struct std::hash<ptplab::Address> {
  std::size_t operator()(const ptplab::Address& a) const noexcept {
    return std::hash<std::uint64_t>{}((static_cast<std::uint64_t>(a.ip) << 16) | a.port);
  }
};
