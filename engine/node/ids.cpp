// Identifier generation; see ids.hpp.
#include "engine/node/ids.hpp"

#include <algorithm>
#include <array>

#include "engine/crypto/hash.hpp"

namespace ptplab::engine {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Hex of the first `bits` bits of `bytes` (big-endian), ceil(bits/4) digits, unused high bits zero.
std::string hex_prefix(const std::uint8_t* bytes, int bits) {
  bits = std::clamp(bits, 8, 128);
  const int digits = (bits + 3) / 4;
  std::string out;
  out.reserve(static_cast<std::size_t>(digits));
  for (int i = 0; i < digits; ++i) {
    const std::uint8_t byte = bytes[i / 2];
    out.push_back(kHex[(i % 2 == 0) ? (byte >> 4) : (byte & 0x0f)]);
  }
  // Mask the leading digit when bits is not a multiple of 4, so exactly `bits` bits vary.
  if (const int spare = digits * 4 - bits; spare > 0) {
    const int first = static_cast<int>(std::string_view(kHex).find(out[0]));
    out[0] = kHex[first >> spare];
  }
  return out;
}

// 128 bits from two draws of `rng`, big-endian (the first draw is bytes 0 to 7).
std::array<std::uint8_t, 16> draw_128_bits(Rng& rng) {
  std::array<std::uint8_t, 16> b{};
  const std::uint64_t hi = rng();
  const std::uint64_t lo = rng();
  for (int i = 0; i < 8; ++i) {
    b[i] = static_cast<std::uint8_t>(hi >> (56 - 8 * i));
    b[8 + i] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
  }
  return b;
}

}  // namespace

std::string make_uuid4(Rng& rng) {
  std::array<std::uint8_t, 16> b = draw_128_bits(rng);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

std::string make_random_id(Rng& rng, int bits) {
  const std::array<std::uint8_t, 16> b = draw_128_bits(rng);
  return hex_prefix(b.data(), bits);
}

std::string make_key_derived_id(std::string_view public_key_der, int bits) {
  const crypto::Digest d = crypto::sha256(public_key_der);
  return hex_prefix(d.data(), bits);
}

}  // namespace ptplab::engine
