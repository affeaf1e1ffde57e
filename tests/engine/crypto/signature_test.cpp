// Deterministic ECDSA: RFC 6979 vectors, round trips, tamper rejection, interoperability with
// OpenSSL's own EVP signing and verification, malformed signatures.
#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <rapidcheck/gtest.h>

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/ecdsa.hpp"
#include "engine/crypto/openssl_ptr.hpp"
#include "engine/crypto/private_key.hpp"
#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::flip_bit;
using testing::from_hex;
using testing::seed_from;
using testing::to_hex;

// RFC 6979 appendix A.2.5 (P-256, SHA-256).
constexpr std::string_view kRfcKey = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";

PrivateKey rfc_key() {
  const std::string x = from_hex(kRfcKey);
  std::array<std::uint8_t, 32> seed{};
  std::copy(x.begin(), x.end(), seed.begin());
  return PrivateKey::from_seed(seed);
}

PeerCertificate cert_for(const PrivateKey& key, std::string_view node_id = "node") {
  return PeerCertificate::parse(make_self_signed_certificate(key, node_id)).value();
}

EvpPkeyPtr evp_public(const PrivateKey& key) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(key.public_key_der().data());
  return EvpPkeyPtr(d2i_PUBKEY(nullptr, &p, static_cast<long>(key.public_key_der().size())));
}

TEST(Signature, MatchesRfc6979Vectors) {
  const PrivateKey key = rfc_key();
  EXPECT_EQ(to_hex(key.public_point()),
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
            "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
  EXPECT_EQ(to_hex(key.sign("sample")),
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
            "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
  EXPECT_EQ(to_hex(key.sign("test")),
            "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
            "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083");
}

TEST(Signature, SameSeedSameKeyAndSignature) {
  const PrivateKey a = PrivateKey::from_seed(seed_from(7));
  const PrivateKey b = PrivateKey::from_seed(seed_from(7));
  EXPECT_EQ(a.public_key_der(), b.public_key_der());
  EXPECT_EQ(a.sign("hello"), b.sign("hello"));
  EXPECT_NE(a.public_key_der(), PrivateKey::from_seed(seed_from(8)).public_key_der());
}

TEST(Signature, ZeroAndOversizedSeedsGiveValidKeys) {
  std::array<std::uint8_t, 32> zero{};
  std::array<std::uint8_t, 32> ones{};
  ones.fill(0xff);
  for (const auto& seed : {zero, ones}) {
    const PrivateKey key = PrivateKey::from_seed(seed);
    EXPECT_TRUE(cert_for(key).verify("m", key.sign("m")));
  }
  // 0 maps to 1, so the public key of the zero seed is the generator.
  EXPECT_EQ(to_hex(PrivateKey::from_seed(zero).public_point().substr(0, 33)),
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
}

TEST(Signature, OpensslVerifiesOurSignature) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(1));
  const std::string data = "the quick brown fox";
  const std::string der = ecdsa::raw_to_der(key.sign(data)).value();
  EvpPkeyPtr pub = evp_public(key);
  ASSERT_TRUE(pub);
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  ASSERT_EQ(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pub.get()), 1);
  EXPECT_EQ(EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()),
            1);
}

TEST(Signature, WeVerifyAnOpensslSignature) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(2));
  p256::Point point{};
  std::copy(key.public_point().begin(), key.public_point().end(), point.begin());
  EvpPkeyPtr pair = p256::private_pkey(key.scalar(), point);
  const std::string data = "signed by OpenSSL with a random nonce";
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  ASSERT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pair.get()), 1);
  std::size_t len = 0;
  ASSERT_EQ(EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                           data.size()),
            1);
  std::string der(len, '\0');
  ASSERT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &len,
                           reinterpret_cast<const unsigned char*>(data.data()), data.size()),
            1);
  der.resize(len);
  const std::string raw = ecdsa::der_to_raw(der).value();
  ASSERT_EQ(raw.size(), 64u);
  EXPECT_TRUE(cert_for(key).verify(data, raw));
  EXPECT_FALSE(cert_for(key).verify(data + "!", raw));
}

TEST(Signature, RejectsMalformedSignatures) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(3));
  const PeerCertificate cert = cert_for(key);
  const std::string sig = key.sign("m");
  EXPECT_FALSE(cert.verify("m", ""));
  EXPECT_FALSE(cert.verify("m", sig.substr(0, 63)));
  EXPECT_FALSE(cert.verify("m", sig + '\0'));
  EXPECT_FALSE(cert.verify("m", std::string(64, '\0')));    // r = s = 0
  EXPECT_FALSE(cert.verify("m", std::string(64, '\xff')));  // r, s >= n
  EXPECT_FALSE(cert.verify("n", sig));
  EXPECT_EQ(ERR_peek_error(), 0u);
  EXPECT_FALSE(ecdsa::der_to_raw("\x30\x00").has_value());
  EXPECT_FALSE(ecdsa::der_to_raw(ecdsa::raw_to_der(sig).value() + "x").has_value());
}

TEST(Signature, AnotherKeysSignatureFails) {
  const PrivateKey a = PrivateKey::from_seed(seed_from(4));
  const PrivateKey b = PrivateKey::from_seed(seed_from(5));
  EXPECT_FALSE(cert_for(a).verify("m", b.sign("m")));
}

RC_GTEST_PROP(SignatureProp, RoundTripsAndAnyBitFlipFails, (const std::string& data, std::uint64_t stream)) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(stream));
  const PeerCertificate cert = cert_for(key);
  const std::string sig = key.sign(data);
  RC_ASSERT(sig.size() == 64u);
  RC_ASSERT(cert.verify(data, sig));
  const auto sig_bit = *rc::gen::inRange<std::size_t>(0, sig.size() * 8);
  RC_ASSERT_FALSE(cert.verify(data, flip_bit(sig, sig_bit)));
  if (!data.empty()) {
    const auto data_bit = *rc::gen::inRange<std::size_t>(0, data.size() * 8);
    RC_ASSERT_FALSE(cert.verify(flip_bit(data, data_bit), sig));
  }
}

RC_GTEST_PROP(SignatureProp, DerConversionRoundTrips, (std::uint64_t stream, const std::string& data)) {
  const std::string sig = PrivateKey::from_seed(seed_from(stream)).sign(data);
  RC_ASSERT(ecdsa::der_to_raw(ecdsa::raw_to_der(sig).value()) == sig);
}

RC_GTEST_PROP(SignatureProp, ArbitraryBytesNeverVerify, (const std::string& data, const std::string& sig)) {
  static const PeerCertificate cert = cert_for(PrivateKey::from_seed(seed_from(9)));
  RC_ASSERT_FALSE(cert.verify(data, sig));
}

}  // namespace
}  // namespace ptplab::crypto
