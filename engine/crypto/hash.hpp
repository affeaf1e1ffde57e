// Hashing primitives of the engine: SHA-256, HMAC-SHA256 and a constant-time comparison.
// Used for message digests, key-derived node ids, RFC 6979 nonces and the verification cache.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace ptplab::crypto {

// A SHA-256 output.
using Digest = std::array<std::uint8_t, 32>;

// SHA-256 of `data`.
[[nodiscard]] Digest sha256(std::string_view data);

// HMAC-SHA256 of `data` under `key` (RFC 2104).
[[nodiscard]] Digest hmac_sha256(std::string_view key, std::string_view data);

// True when `a` and `b` hold the same bytes; the time taken depends on the lengths only, never on
// where the first difference is (for comparing tags, MACs and secrets).
[[nodiscard]] bool constant_time_equal(std::string_view a, std::string_view b);

// The digest's bytes as a string_view (no copy).
[[nodiscard]] inline std::string_view as_view(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

}  // namespace ptplab::crypto
