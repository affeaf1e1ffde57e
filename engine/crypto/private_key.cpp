// PrivateKey: seed -> scalar and public key; signing; ECIES unwrap with a lazily made EVP_PKEY.
#include "engine/crypto/private_key.hpp"

#include "engine/crypto/ecdsa.hpp"
#include "engine/crypto/ecies.hpp"
#include "engine/crypto/hash.hpp"
#include "engine/crypto/p256.hpp"

namespace ptplab::crypto {

// The OpenSSL form of the key pair, only needed for ECDH.
struct PrivateKey::LazyKey {
  EvpPkeyPtr pkey;
};

PrivateKey PrivateKey::from_seed(std::span<const std::uint8_t, 32> seed) {
  PrivateKey key;
  key.scalar_ = p256::scalar_from_seed(seed);
  return key;
}

const std::string& PrivateKey::public_key_der() const {
  if (public_key_der_.empty()) public_key_der_ = p256::spki_from_point(p256::public_point(scalar_));
  return public_key_der_;
}

std::string_view PrivateKey::public_point() const {
  return std::string_view(public_key_der()).substr(p256::kSpkiBytes - p256::kPointBytes);
}

std::string PrivateKey::sign(std::string_view data) const {
  return ecdsa::sign_digest(scalar_, sha256(data));
}

std::optional<std::string> PrivateKey::unwrap(std::string_view wrapped, std::string_view info) const {
  if (!evp_) {
    p256::Point point{};
    const std::string_view pv = public_point();
    std::copy(pv.begin(), pv.end(), point.begin());
    evp_ = std::make_shared<const LazyKey>(LazyKey{p256::private_pkey(scalar_, point)});
  }
  return ecies::unwrap(evp_->pkey.get(), wrapped, info);
}

}  // namespace ptplab::crypto
