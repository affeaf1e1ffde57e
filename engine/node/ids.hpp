// Node and message identifiers: UUIDv4 (the default), random ids of a configurable width for
// collision research, and key-derived node ids. Text forms are written in engine/PROTOCOL.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/rng.hpp"

namespace ptplab::engine {

// A version-4 UUID in canonical lowercase form (8-4-4-4-12 hex digits).
[[nodiscard]] std::string make_uuid4(Rng& rng);

// `bits` random bits (8..128) as lowercase hex of ceil(bits/4) digits; unused high bits are zero.
[[nodiscard]] std::string make_random_id(Rng& rng, int bits);

// The first `bits` bits (8..128) of SHA-256(public_key_der), same text form as make_random_id.
[[nodiscard]] std::string make_key_derived_id(std::string_view public_key_der, int bits);

// A stable 64-bit FNV-1a hash, used to key de-dup entries and as a cheap content digest.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view data) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : data) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace ptplab::engine
