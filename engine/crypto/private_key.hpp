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
  // A copy shares the lazily made parts only once both are made (never mutated after), so that
  // a copy is as independent of its original as before.
  PrivateKey(const PrivateKey& other);
  PrivateKey& operator=(const PrivateKey& other);
  PrivateKey(PrivateKey&&) noexcept = default;
  PrivateKey& operator=(PrivateKey&&) noexcept = default;
  ~PrivateKey() = default;

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
  [[nodiscard]] LazyKey& lazy() const;

  std::array<std::uint8_t, 32> scalar_{};
  // The public key's DER and the EVP_PKEY for ECDH, each made on first use; null until either is
  // (48 bytes per key instead of 80: every simulated node holds one).
  mutable std::shared_ptr<LazyKey> lazy_;
};

}  // namespace ptplab::crypto
