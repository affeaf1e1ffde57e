// P-256 arithmetic shared by keys, signatures and ECIES: the curve group, scalars from seeds,
// public points, and the EVP_PKEY forms that OpenSSL's high-level calls need. Internal.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/crypto/openssl_ptr.hpp"

namespace ptplab::crypto::p256 {

inline constexpr std::size_t kScalarBytes = 32;
inline constexpr std::size_t kPointBytes = 65;  // uncompressed: 0x04 || X || Y
inline constexpr std::size_t kSpkiBytes = 91;   // SubjectPublicKeyInfo DER of one point

// A private scalar in [1, n-1], big-endian.
using Scalar = std::array<std::uint8_t, kScalarBytes>;
// A public point, uncompressed.
using Point = std::array<std::uint8_t, kPointBytes>;

// The curve, made once and shared read-only by every thread.
[[nodiscard]] const EC_GROUP* group();
// The group order n.
[[nodiscard]] const BIGNUM* order();

// d = seed mod n, with 0 mapped to 1.
[[nodiscard]] Scalar scalar_from_seed(std::span<const std::uint8_t, 32> seed);
// d·G, uncompressed.
[[nodiscard]] Point public_point(const Scalar& d);
// SubjectPublicKeyInfo DER (id-ecPublicKey, prime256v1) of `point`.
[[nodiscard]] std::string spki_from_point(const Point& point);

// An EVP_PKEY holding the key pair (d, point); OpenSSL failure is fatal (it cannot fail on input).
[[nodiscard]] EvpPkeyPtr private_pkey(const Scalar& d, const Point& point);
// An EVP_PKEY for an encoded public point; null when it is not a point of the curve.
[[nodiscard]] EvpPkeyPtr public_pkey(std::string_view point);

// Aborts the process: OpenSSL failed where no input can make it fail (allocation, broken install).
[[noreturn]] void fatal(const char* what);

}  // namespace ptplab::crypto::p256
