// Self-signed X.509 certificates naming a node_id (subject CN), made deterministically from a
// PrivateKey, and the parsed form of a peer's certificate used to verify its signatures and to
// wrap channel keys for it. Byte formats: engine/crypto/FORMATS.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/crypto/private_key.hpp"

namespace ptplab::crypto {

// Certificates larger than this are rejected unparsed (ours are about 300 bytes).
inline constexpr std::size_t kCertificateBytesMax = 4096;

// The longest `info` (context) accepted by PeerCertificate::wrap and PrivateKey::unwrap.
inline constexpr std::size_t kWrapInfoBytesMax = 1024;

// The DER of a v3 certificate, subject = issuer = CN node_id, signed by `key` with deterministic
// ECDSA: same key and node_id give identical bytes.
[[nodiscard]] std::string make_self_signed_certificate(const PrivateKey& key, std::string_view node_id);

// Why: a peer's identity as the engine keeps it in caches. Copies share one immutable parsed
// form (its OpenSSL key is made once, on first verify or wrap), so they are cheap to copy and
// safe to use from several threads.
class PeerCertificate {
 public:
  // nullopt unless `der` is a well-formed X.509 certificate (at most kCertificateBytesMax bytes,
  // nothing after it) with a P-256 key as an uncompressed point and a subject CN.
  [[nodiscard]] static std::optional<PeerCertificate> parse(std::string_view der);

  [[nodiscard]] const std::string& node_id() const;         // subject CN, raw bytes
  [[nodiscard]] const std::string& der() const;             // the certificate as received
  [[nodiscard]] const std::string& public_key_der() const;  // SubjectPublicKeyInfo DER

  // True when `signature64` (r || s) is a valid ECDSA P-256/SHA-256 signature of `data`.
  [[nodiscard]] bool verify(std::string_view data, std::string_view signature64) const;

  // ECIES-encrypts `plaintext` for this certificate's key; the ephemeral key comes from
  // `ephemeral_seed` (drawn from the caller's Rng), `info` binds the context (e.g. channel_id).
  // nullopt only when info is longer than kWrapInfoBytesMax (OpenSSL 3.0's HKDF bound).
  [[nodiscard]] std::optional<std::string> wrap(std::string_view plaintext, std::string_view info,
                                                std::span<const std::uint8_t, 32> ephemeral_seed) const;

  // True when the certificate's signature verifies under its own public key.
  [[nodiscard]] bool self_signature_valid() const;

 private:
  struct Parsed;
  explicit PeerCertificate(std::shared_ptr<const Parsed> parsed) : p_(std::move(parsed)) {}
  std::shared_ptr<const Parsed> p_;
};

}  // namespace ptplab::crypto
