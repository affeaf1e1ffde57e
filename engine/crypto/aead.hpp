// AES-256-GCM authenticated encryption of closed-channel payloads. The nonce is supplied by the
// caller (from its Rng), so output is deterministic. Format: nonce (12) || ciphertext || tag (16).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ptplab::crypto {

inline constexpr std::size_t kAeadNonceBytes = 12;
inline constexpr std::size_t kAeadTagBytes = 16;
inline constexpr std::size_t kAeadKeyBytes = 32;

// nonce || AES-256-GCM(key, nonce, plaintext, aad) || tag.
[[nodiscard]] std::string aead_seal(std::span<const std::uint8_t, 32> key,
                                    std::span<const std::uint8_t, 12> nonce, std::string_view plaintext,
                                    std::string_view aad);

// The plaintext of a sealed blob, or nullopt when it is too short, tampered with, or the key or
// aad differ.
[[nodiscard]] std::optional<std::string> aead_open(std::span<const std::uint8_t, 32> key,
                                                   std::string_view sealed, std::string_view aad);

}  // namespace ptplab::crypto
