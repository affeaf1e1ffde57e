// A node's own EC P-256 key, derived deterministically from a 32-byte seed drawn from the node's
// Rng. It signs (deterministic ECDSA, RFC 6979) and unwraps ECIES-wrapped channel keys.
// Byte formats: engine/crypto/FORMATS.md.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ptplab::crypto {

// Why: every simulated node owns one, so it is small: the 32-byte scalar; the public key (a
// scalar multiplication, ~40 us) is computed on first use and kept, as is the OpenSSL key object
// needed for ECDH on first unwrap. Most simulated nodes never need either (their certificate is
// made on demand too). Copying is cheap. Not safe for concurrent use of one object from several
// threads (the lazy members are unguarded).
class PrivateKey {
 public:
  // Key from seed: d = seed (big-endian) mod n, with 0 mapped to 1; never fails.
  [[nodiscard]] static PrivateKey from_seed(std::span<const std::uint8_t, 32> seed);

  // SubjectPublicKeyInfo DER of the public key (91 bytes, uncompressed point).
  [[nodiscard]] const std::string& public_key_der() const;
  // The public point, uncompressed: 0x04 || X || Y (65 bytes).
  [[nodiscard]] std::string_view public_point() const;
  // The private scalar d, big-endian (32 bytes).
  [[nodiscard]] const std::array<std::uint8_t, 32>& scalar() const { return scalar_; }

  // Deterministic ECDSA P-256/SHA-256 signature of `data`: r || s, 32 bytes each, big-endian.
  [[nodiscard]] std::string sign(std::string_view data) const;

  // Decrypts a blob made by PeerCertificate::wrap for this key with the same `info`;
  // nullopt when it is malformed, tampered with, or for another key or info.
  [[nodiscard]] std::optional<std::string> unwrap(std::string_view wrapped, std::string_view info) const;

 private:
  struct LazyKey;
  PrivateKey() = default;

  std::array<std::uint8_t, 32> scalar_{};
  mutable std::string public_key_der_;          // empty until public_key_der() first runs
  mutable std::shared_ptr<const LazyKey> evp_;  // EVP_PKEY for ECDH, made on first unwrap
};

}  // namespace ptplab::crypto
