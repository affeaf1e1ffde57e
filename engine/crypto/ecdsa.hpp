// ECDSA P-256/SHA-256: deterministic signing (RFC 6979 nonces, computed with BIGNUM and
// EC_POINT), verification through EVP, and conversion between the raw r || s form ptplab puts
// on the wire and the DER ECDSA-Sig-Value that X.509 and OpenSSL use. Internal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/crypto/hash.hpp"
#include "engine/crypto/openssl_ptr.hpp"
#include "engine/crypto/p256.hpp"

namespace ptplab::crypto::ecdsa {

inline constexpr std::size_t kSignatureBytes = 64;  // r || s, 32 bytes each, big-endian

// The RFC 6979 signature (no low-s normalisation) of message digest `h` under `d`.
[[nodiscard]] std::string sign_digest(const p256::Scalar& d, const Digest& h);

// DER ECDSA-Sig-Value of a raw signature; nullopt when it is not 64 bytes.
[[nodiscard]] std::optional<std::string> raw_to_der(std::string_view raw);
// Raw r || s of a DER ECDSA-Sig-Value; nullopt when malformed or r, s do not fit 32 bytes.
[[nodiscard]] std::optional<std::string> der_to_raw(std::string_view der);

// True when `raw` is a valid signature of `data` under the public key `key`.
[[nodiscard]] bool verify(EVP_PKEY* key, std::string_view data, std::string_view raw);

}  // namespace ptplab::crypto::ecdsa
