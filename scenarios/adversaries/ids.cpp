// Random identifiers and bytes for forged datagrams.
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {

std::string random_uuid4(Rng& rng) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t hi = rng();
  std::uint64_t lo = rng();
  hi = (hi & ~0xf000ULL) | 0x4000ULL;              // version 4
  lo = (lo & ~(0xc0ULL << 56)) | (0x80ULL << 56);  // variant 10xx
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    const std::uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    out.push_back(kHex[(word >> shift) & 0xf]);
    if (i == 7 || i == 11 || i == 15 || i == 19) out.push_back('-');
  }
  return out;
}

std::string random_bytes(Rng& rng, std::size_t count) {
  std::string out(count, '\0');
  for (std::size_t i = 0; i < count; i += 8) {
    std::uint64_t word = rng();
    for (std::size_t j = i; j < count && j < i + 8; ++j, word >>= 8) out[j] = static_cast<char>(word & 0xff);
  }
  return out;
}

}  // namespace ptplab::scenarios
