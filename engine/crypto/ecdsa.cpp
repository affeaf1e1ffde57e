// Deterministic ECDSA P-256/SHA-256 (RFC 6979 section 3.2 with HMAC-SHA256) and EVP verification.
#include "engine/crypto/ecdsa.hpp"

#include <openssl/ecdsa.h>
#include <openssl/err.h>

#include <array>
#include <climits>

namespace ptplab::crypto::ecdsa {
namespace {

using Block = std::array<std::uint8_t, 32>;

std::string_view view(const std::uint8_t* p, std::size_t n) { return {reinterpret_cast<const char*>(p), n}; }

// The RFC 6979 HMAC_DRBG, instantiated with the private key and the reduced digest; each
// next() yields one candidate nonce (qlen = hlen = 256, so bits2int is the identity).
class NonceGenerator {
 public:
  NonceGenerator(const p256::Scalar& x, const Block& h1) {
    v_.fill(0x01);
    k_.fill(0x00);
    reseed(x, h1, 0x00);
    reseed(x, h1, 0x01);
  }
  Block next() {
    if (!first_) {
      k_ = mac(std::string(view(v_.data(), v_.size())) + '\0');
      v_ = mac(view(v_.data(), v_.size()));
    }
    first_ = false;
    v_ = mac(view(v_.data(), v_.size()));
    return v_;
  }

 private:
  void reseed(const p256::Scalar& x, const Block& h1, char tag) {
    std::string m(view(v_.data(), v_.size()));
    m += tag;
    m.append(view(x.data(), x.size()));
    m.append(view(h1.data(), h1.size()));
    k_ = mac(m);
    v_ = mac(view(v_.data(), v_.size()));
  }
  Block mac(std::string_view m) const { return hmac_sha256(view(k_.data(), k_.size()), m); }

  Block v_{};
  Block k_{};
  bool first_ = true;
};

BnPtr bn(const std::uint8_t* p, std::size_t n) {
  BnPtr v(BN_bin2bn(p, static_cast<int>(n), nullptr));
  if (!v) p256::fatal("BN_bin2bn");
  return v;
}

void put32(const BIGNUM* v, std::string& out) {
  std::array<std::uint8_t, 32> b{};
  if (BN_bn2binpad(v, b.data(), static_cast<int>(b.size())) != static_cast<int>(b.size()))
    p256::fatal("BN_bn2binpad");
  out.append(view(b.data(), b.size()));
}

}  // namespace

std::string sign_digest(const p256::Scalar& d, const Digest& h) {
  const BIGNUM* n = p256::order();
  BnCtxPtr ctx(BN_CTX_new());
  BnSecretPtr x(BN_bin2bn(d.data(), static_cast<int>(d.size()), nullptr));
  BnPtr z = bn(h.data(), h.size());
  BnSecretPtr k(BN_new());
  BnSecretPtr kinv(BN_new());
  BnPtr r(BN_new());
  BnPtr s(BN_new());
  BnPtr rx(BN_new());
  EcPointPtr kg(EC_POINT_new(p256::group()));
  if (!ctx || !x || !k || !kinv || !r || !s || !rx || !kg) p256::fatal("sign_digest alloc");
  BN_set_flags(x.get(), BN_FLG_CONSTTIME);
  BN_set_flags(k.get(), BN_FLG_CONSTTIME);

  // bits2octets(h1): the digest reduced mod n, as 32 bytes.
  BnPtr zr = bn(h.data(), h.size());
  if (BN_nnmod(zr.get(), zr.get(), n, ctx.get()) != 1) p256::fatal("BN_nnmod");
  Block h1{};
  if (BN_bn2binpad(zr.get(), h1.data(), static_cast<int>(h1.size())) != static_cast<int>(h1.size()))
    p256::fatal("BN_bn2binpad");

  NonceGenerator nonces(d, h1);
  // Each round fails with probability about 2^-32; the loop ends after one round in practice.
  for (;;) {
    const Block t = nonces.next();
    if (BN_bin2bn(t.data(), static_cast<int>(t.size()), k.get()) == nullptr) p256::fatal("BN_bin2bn");
    if (BN_is_zero(k.get()) || BN_cmp(k.get(), n) >= 0) continue;
    if (EC_POINT_mul(p256::group(), kg.get(), k.get(), nullptr, nullptr, ctx.get()) != 1 ||
        EC_POINT_get_affine_coordinates(p256::group(), kg.get(), rx.get(), nullptr, ctx.get()) != 1 ||
        BN_nnmod(r.get(), rx.get(), n, ctx.get()) != 1)
      p256::fatal("k*G");
    if (BN_is_zero(r.get())) continue;
    // s = k^-1 (z + r d) mod n
    if (BN_mod_inverse(kinv.get(), k.get(), n, ctx.get()) == nullptr ||
        BN_mod_mul(s.get(), r.get(), x.get(), n, ctx.get()) != 1 ||
        BN_mod_add(s.get(), s.get(), z.get(), n, ctx.get()) != 1 ||
        BN_mod_mul(s.get(), s.get(), kinv.get(), n, ctx.get()) != 1)
      p256::fatal("s");
    if (BN_is_zero(s.get())) continue;
    std::string out;
    out.reserve(kSignatureBytes);
    put32(r.get(), out);
    put32(s.get(), out);
    return out;
  }
}

std::optional<std::string> raw_to_der(std::string_view raw) {
  if (raw.size() != kSignatureBytes) return std::nullopt;
  const auto* p = reinterpret_cast<const std::uint8_t*>(raw.data());
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BnPtr r = bn(p, 32);
  BnPtr s = bn(p + 32, 32);
  if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) p256::fatal("ECDSA_SIG_set0");
  r.release();  // owned by sig now
  s.release();
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) p256::fatal("i2d_ECDSA_SIG");
  OpensslBytesPtr owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
}

std::optional<std::string> der_to_raw(std::string_view der) {
  if (der.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* end = p + der.size();
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig || p != end) return std::nullopt;
  const BIGNUM* r = ECDSA_SIG_get0_r(sig.get());
  const BIGNUM* s = ECDSA_SIG_get0_s(sig.get());
  if (BN_is_negative(r) || BN_is_negative(s) || BN_num_bytes(r) > 32 || BN_num_bytes(s) > 32)
    return std::nullopt;
  std::string out;
  out.reserve(kSignatureBytes);
  put32(r, out);
  put32(s, out);
  return out;
}

bool verify(EVP_PKEY* key, std::string_view data, std::string_view raw) {
  const std::optional<std::string> der = raw_to_der(raw);
  if (!der) return false;
  const Digest h = sha256(data);
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1) p256::fatal("EVP_PKEY_verify_init");
  const bool valid = EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char*>(der->data()),
                                     der->size(), h.data(), h.size()) == 1;
  if (!valid) ERR_clear_error();  // a forged signature is an answer, not an OpenSSL failure
  return valid;
}

}  // namespace ptplab::crypto::ecdsa
