// SHA-256, HMAC-SHA256 and constant-time comparison through OpenSSL's EVP interfaces.
#include "engine/crypto/hash.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include "engine/crypto/openssl_ptr.hpp"
#include "engine/crypto/p256.hpp"

namespace ptplab::crypto {
namespace {

// Fetched once: an explicit fetch per call would cost a provider lookup each time.
const EVP_MD* sha256_md() {
  static const EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) p256::fatal("EVP_MD_fetch SHA256");
    return fetched;
  }();
  return md;
}

EVP_MAC* hmac_mac() {
  static EVP_MAC* const mac = [] {
    EVP_MAC* fetched = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (fetched == nullptr) p256::fatal("EVP_MAC_fetch HMAC");
    return fetched;
  }();
  return mac;
}

const unsigned char* bytes(std::string_view s) {
  // A non-null pointer even for empty input: OpenSSL reads a null key as "keep the old key".
  static const unsigned char kEmpty = 0;
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Digest sha256(std::string_view data) {
  Digest out{};
  unsigned int len = 0;
  if (EVP_Digest(bytes(data), data.size(), out.data(), &len, sha256_md(), nullptr) != 1 || len != out.size())
    p256::fatal("EVP_Digest");
  return out;
}

Digest hmac_sha256(std::string_view key, std::string_view data) {
  EvpMacCtxPtr ctx(EVP_MAC_CTX_new(hmac_mac()));
  if (!ctx) p256::fatal("EVP_MAC_CTX_new");
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
      OSSL_PARAM_construct_end()};
  Digest out{};
  std::size_t len = 0;
  if (EVP_MAC_init(ctx.get(), bytes(key), key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), bytes(data), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 || len != out.size())
    p256::fatal("HMAC-SHA256");
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ptplab::crypto
