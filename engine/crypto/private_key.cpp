// PrivateKey: seed -> scalar and public key; signing; ECIES unwrap with a lazily made EVP_PKEY.
#include "engine/crypto/private_key.hpp"

#include "engine/crypto/ecdsa.hpp"
#include "engine/crypto/ecies.hpp"
#include "engine/crypto/hash.hpp"
#include "engine/crypto/p256.hpp"

namespace ptplab::crypto {

// What is derived from the scalar on first use: the public key (SubjectPublicKeyInfo DER) and
// the OpenSSL form of the key pair, only needed for ECDH.
struct PrivateKey::LazyKey {
  std::string public_key_der;  // empty until public_key_der() first runs
  EvpPkeyPtr pkey;             // null until the first unwrap
};

namespace {
template <class Lazy>
std::shared_ptr<Lazy> shareable(const std::shared_ptr<Lazy>& lazy) {
  return lazy && !lazy->public_key_der.empty() && lazy->pkey ? lazy : nullptr;
}
}  // namespace

PrivateKey::PrivateKey(const PrivateKey& other) : scalar_(other.scalar_), lazy_(shareable(other.lazy_)) {}

PrivateKey& PrivateKey::operator=(const PrivateKey& other) {
  if (this != &other) {
    scalar_ = other.scalar_;
    lazy_ = shareable(other.lazy_);
  }
  return *this;
}

PrivateKey::LazyKey& PrivateKey::lazy() const {
  if (!lazy_) lazy_ = std::make_shared<LazyKey>();
  return *lazy_;
}

PrivateKey PrivateKey::from_seed(std::span<const std::uint8_t, 32> seed) {
  PrivateKey key;
  key.scalar_ = p256::scalar_from_seed(seed);
  return key;
}

const std::string& PrivateKey::public_key_der() const {
  LazyKey& l = lazy();
  if (l.public_key_der.empty()) l.public_key_der = p256::spki_from_point(p256::public_point(scalar_));
  return l.public_key_der;
}

std::string_view PrivateKey::public_point() const {
  return std::string_view(public_key_der()).substr(p256::kSpkiBytes - p256::kPointBytes);
}

std::string PrivateKey::sign(std::string_view data) const {
  return ecdsa::sign_digest(scalar_, sha256(data));
}

std::optional<std::string> PrivateKey::unwrap(std::string_view wrapped, std::string_view info) const {
  LazyKey& l = lazy();
  if (!l.pkey) {
    p256::Point point{};
    const std::string_view pv = public_point();
    std::copy(pv.begin(), pv.end(), point.begin());
    l.pkey = p256::private_pkey(scalar_, point);
  }
  return ecies::unwrap(l.pkey.get(), wrapped, info);
}

}  // namespace ptplab::crypto
