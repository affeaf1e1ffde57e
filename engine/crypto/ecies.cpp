// ECIES wrap/unwrap: EVP_PKEY_derive (ECDH), EVP_KDF HKDF-SHA256, then aead_seal/aead_open.
#include "engine/crypto/ecies.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>

#include "engine/crypto/certificate.hpp"

namespace ptplab::crypto::ecies {
namespace {

constexpr std::size_t kSecretBytes = 32;
// HKDF output: AES key (32) || GCM nonce (12).
using Okm = std::array<std::uint8_t, kAeadKeyBytes + kAeadNonceBytes>;

EVP_KDF* hkdf_kdf() {
  static EVP_KDF* const kdf = [] {
    EVP_KDF* fetched = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    if (fetched == nullptr) p256::fatal("EVP_KDF_fetch HKDF");
    return fetched;
  }();
  return kdf;
}

// The ECDH shared secret (X coordinate); nullopt when OpenSSL rejects the peer key. The peer key
// is not validated again here: importing it (p256::public_pkey, d2i_X509) checked that the point
// is on the curve, which is all P-256 needs (cofactor 1); a second full check costs a scalar
// multiplication.
std::optional<std::array<std::uint8_t, kSecretBytes>> derive(EVP_PKEY* own, EVP_PKEY* peer) {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
  std::array<std::uint8_t, kSecretBytes> secret{};
  std::size_t len = secret.size();
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer_ex(ctx.get(), peer, 0) != 1 ||
      EVP_PKEY_derive(ctx.get(), secret.data(), &len) != 1 || len != secret.size())
    return std::nullopt;
  return secret;
}

// HKDF-SHA256(ikm = secret, salt = ephemeral point, info); nullopt when info is too long.
std::optional<Okm> hkdf(const std::array<std::uint8_t, kSecretBytes>& secret, std::string_view salt,
                        std::string_view info) {
  if (info.size() > kWrapInfoBytesMax) return std::nullopt;
  EvpKdfCtxPtr ctx(EVP_KDF_CTX_new(hkdf_kdf()));
  if (!ctx) p256::fatal("EVP_KDF_CTX_new");
  static char kEmpty = 0;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(secret.data()),
                                        secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
                                        info.empty() ? &kEmpty : const_cast<char*>(info.data()), info.size()),
      OSSL_PARAM_construct_end()};
  Okm okm{};
  if (EVP_KDF_derive(ctx.get(), okm.data(), okm.size(), params) != 1) p256::fatal("EVP_KDF_derive HKDF");
  return okm;
}

std::span<const std::uint8_t, kAeadKeyBytes> key_of(const Okm& okm) {
  return std::span<const std::uint8_t, kAeadKeyBytes>(okm.data(), kAeadKeyBytes);
}

}  // namespace

std::optional<std::string> wrap(EVP_PKEY* recipient, std::string_view plaintext, std::string_view info,
                                std::span<const std::uint8_t, 32> ephemeral_seed) {
  if (info.size() > kWrapInfoBytesMax) return std::nullopt;
  const p256::Scalar e = p256::scalar_from_seed(ephemeral_seed);
  const p256::Point point = p256::public_point(e);
  EvpPkeyPtr ephemeral = p256::private_pkey(e, point);
  const auto secret = derive(ephemeral.get(), recipient);
  if (!secret) p256::fatal("ECDH with a parsed certificate key");
  const std::string_view point_view(reinterpret_cast<const char*>(point.data()), point.size());
  const std::optional<Okm> okm = hkdf(*secret, point_view, info);
  if (!okm) return std::nullopt;
  const std::span<const std::uint8_t, kAeadNonceBytes> nonce(okm->data() + kAeadKeyBytes, kAeadNonceBytes);
  std::string out(point_view);
  out += aead_seal(key_of(*okm), nonce, plaintext, {});
  return out;
}

std::optional<std::string> unwrap(EVP_PKEY* own, std::string_view wrapped, std::string_view info) {
  if (wrapped.size() < kOverheadBytes || info.size() > kWrapInfoBytesMax) return std::nullopt;
  const std::string_view point = wrapped.substr(0, p256::kPointBytes);
  EvpPkeyPtr peer = p256::public_pkey(point);
  if (!peer) {
    ERR_clear_error();  // a point off the curve is hostile input, not an OpenSSL failure
    return std::nullopt;
  }
  const auto secret = derive(own, peer.get());
  if (!secret) return std::nullopt;
  const std::optional<Okm> okm = hkdf(*secret, point, info);
  if (!okm) return std::nullopt;
  return aead_open(key_of(*okm), wrapped.substr(p256::kPointBytes), {});
}

}  // namespace ptplab::crypto::ecies
