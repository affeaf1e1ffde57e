// ECIES over P-256 for channel keys (the KEY verb): ECDH with an ephemeral key, HKDF-SHA256,
// AES-256-GCM. Wrapped form: ephemeral point (65) || nonce (12) || ciphertext || tag (16).
// Internal: the public entry points are PeerCertificate::wrap and PrivateKey::unwrap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/crypto/aead.hpp"
#include "engine/crypto/openssl_ptr.hpp"
#include "engine/crypto/p256.hpp"

namespace ptplab::crypto::ecies {

// The shortest wrapped blob (an empty plaintext).
inline constexpr std::size_t kOverheadBytes = p256::kPointBytes + kAeadNonceBytes + kAeadTagBytes;

// `plaintext` encrypted for `recipient` (a public key); nullopt when info is too long.
[[nodiscard]] std::optional<std::string> wrap(EVP_PKEY* recipient, std::string_view plaintext,
                                              std::string_view info,
                                              std::span<const std::uint8_t, 32> ephemeral_seed);

// The plaintext of `wrapped` for the key pair `own`; nullopt when malformed or not for us.
[[nodiscard]] std::optional<std::string> unwrap(EVP_PKEY* own, std::string_view wrapped,
                                                std::string_view info);

}  // namespace ptplab::crypto::ecies
