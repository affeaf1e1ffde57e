// P-256 helpers: see p256.hpp.
#include "engine/crypto/p256.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>

#include <cstdio>
#include <cstdlib>

namespace ptplab::crypto::p256 {
namespace {

// id-ecPublicKey + prime256v1 + BIT STRING header, followed by the 65-byte point.
constexpr std::array<std::uint8_t, kSpkiBytes - kPointBytes> kSpkiPrefix = {
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
    0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};

constexpr const char* kGroupName = "prime256v1";

EvpPkeyPtr pkey_from_params(const OSSL_PARAM* params, int selection) {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) fatal("EVP_PKEY_fromdata_init");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, selection, const_cast<OSSL_PARAM*>(params)) <= 0) return nullptr;
  return EvpPkeyPtr(raw);
}

}  // namespace

void fatal(const char* what) {
  std::fprintf(stderr, "ptplab crypto: OpenSSL failed in %s\n", what);
  ERR_print_errors_fp(stderr);
  std::abort();
}

const EC_GROUP* group() {
  // Never freed: reachable until exit, and freeing it could race OpenSSL's own atexit cleanup.
  static const EC_GROUP* const g = [] {
    EC_GROUP* made = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    if (made == nullptr) fatal("EC_GROUP_new_by_curve_name");
    return made;
  }();
  return g;
}

const BIGNUM* order() { return EC_GROUP_get0_order(group()); }

Scalar scalar_from_seed(std::span<const std::uint8_t, 32> seed) {
  BnCtxPtr ctx(BN_CTX_new());
  BnSecretPtr v(BN_bin2bn(seed.data(), static_cast<int>(seed.size()), nullptr));
  if (!ctx || !v || BN_nnmod(v.get(), v.get(), order(), ctx.get()) != 1) fatal("BN_nnmod");
  if (BN_is_zero(v.get()) && BN_one(v.get()) != 1) fatal("BN_one");
  Scalar d{};
  if (BN_bn2binpad(v.get(), d.data(), static_cast<int>(d.size())) != static_cast<int>(d.size()))
    fatal("BN_bn2binpad");
  return d;
}

Point public_point(const Scalar& d) {
  BnCtxPtr ctx(BN_CTX_new());
  BnSecretPtr k(BN_bin2bn(d.data(), static_cast<int>(d.size()), nullptr));
  EcPointPtr p(EC_POINT_new(group()));
  if (!ctx || !k || !p) fatal("public_point alloc");
  BN_set_flags(k.get(), BN_FLG_CONSTTIME);
  if (EC_POINT_mul(group(), p.get(), k.get(), nullptr, nullptr, ctx.get()) != 1) fatal("EC_POINT_mul");
  Point out{};
  if (EC_POINT_point2oct(group(), p.get(), POINT_CONVERSION_UNCOMPRESSED, out.data(), out.size(),
                         ctx.get()) != out.size())
    fatal("EC_POINT_point2oct");
  return out;
}

std::string spki_from_point(const Point& point) {
  std::string out(kSpkiPrefix.begin(), kSpkiPrefix.end());
  out.append(reinterpret_cast<const char*>(point.data()), point.size());
  return out;
}

EvpPkeyPtr private_pkey(const Scalar& d, const Point& point) {
  OsslParamBldPtr bld(OSSL_PARAM_BLD_new());
  BnSecretPtr priv(BN_new());
  if (!bld || !priv || BN_bin2bn(d.data(), static_cast<int>(d.size()), priv.get()) == nullptr)
    fatal("private_pkey alloc");
  if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, kGroupName, 0) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
    fatal("OSSL_PARAM_BLD_push");
  OsslParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  if (!params) fatal("OSSL_PARAM_BLD_to_param");
  EvpPkeyPtr key = pkey_from_params(params.get(), EVP_PKEY_KEYPAIR);
  if (!key) fatal("EVP_PKEY_fromdata keypair");
  return key;
}

EvpPkeyPtr public_pkey(std::string_view point) {
  if (point.size() != kPointBytes || static_cast<std::uint8_t>(point[0]) != 0x04) return nullptr;
  // Importing an encoded point checks that it lies on the curve.
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(kGroupName), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(point.data()),
                                        point.size()),
      OSSL_PARAM_construct_end()};
  return pkey_from_params(params, EVP_PKEY_PUBLIC_KEY);
}

}  // namespace ptplab::crypto::p256
