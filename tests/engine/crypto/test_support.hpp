// Helpers shared by the crypto tests: seeds from a deterministic Rng, hex conversion and byte
// flips.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/rng.hpp"

namespace ptplab::crypto::testing {

// 32 bytes drawn from Rng(stream) — what a node does to make its key or an ephemeral seed.
inline std::array<std::uint8_t, 32> seed_from(std::uint64_t stream) {
  Rng rng(stream);
  std::array<std::uint8_t, 32> seed{};
  for (auto& b : seed) b = static_cast<std::uint8_t>(rng());
  return seed;
}

inline std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<std::uint8_t>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

inline std::string from_hex(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>((nibble(hex[i]) << 4) | nibble(hex[i + 1]));
  return out;
}

// `s` with bit `bit` (counted over the whole string) inverted.
inline std::string flip_bit(std::string s, std::size_t bit) {
  s[bit / 8] = static_cast<char>(s[bit / 8] ^ (1 << (bit % 8)));
  return s;
}

}  // namespace ptplab::crypto::testing
