// Text forms of IPv4 UDP endpoints.
#include "engine/core/address.hpp"

#include <charconv>

namespace ptplab {

std::string Address::ip_string() const {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 0xff) + "." +
         std::to_string((ip >> 8) & 0xff) + "." + std::to_string(ip & 0xff);
}

std::string Address::to_string() const { return ip_string() + ":" + std::to_string(port); }

std::optional<std::uint32_t> Address::parse_ip(std::string_view text) {
  std::uint32_t ip = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
    unsigned value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc() || next == p || value > 255 || next - p > 3) return std::nullopt;
    ip = (ip << 8) | value;
    p = next;
  }
  if (p != end) return std::nullopt;
  return ip;
}

std::optional<Address> Address::parse(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto ip = parse_ip(text.substr(0, colon));
  if (!ip) return std::nullopt;
  const std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [next, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || next != port_text.data() + port_text.size() || port > 65535 || port_text.empty())
    return std::nullopt;
  return Address{*ip, static_cast<std::uint16_t>(port)};
}

}  // namespace ptplab
