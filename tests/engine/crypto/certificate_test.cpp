// Self-signed certificates: deterministic bytes, parsing back with OpenSSL, CN, self-signature,
// and rejection of garbage and of certificates that are not P-256.
#include "engine/crypto/certificate.hpp"

#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <rapidcheck/gtest.h>

#include "engine/crypto/openssl_ptr.hpp"
#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::flip_bit;
using testing::seed_from;

constexpr std::string_view kNodeId = "5b0c5a9e-3f1d-4c64-9a2e-7e1f0d6c2b11";

X509Ptr d2i(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

// A self-signed certificate for a key OpenSSL generates (random; fine in a test).
std::string openssl_made_certificate(EVP_PKEY* key, const EVP_MD* md) {
  X509Ptr x(X509_new());
  X509_set_version(x.get(), X509_VERSION_3);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("other"), -1,
                             -1, 0);
  X509_set_issuer_name(x.get(), name);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  X509_set_pubkey(x.get(), key);
  EXPECT_GT(X509_sign(x.get(), key, md), 0);
  unsigned char* der = nullptr;
  const int len = i2d_X509(x.get(), &der);
  OpensslBytesPtr owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
}

TEST(Certificate, SameKeyAndNodeIdGiveIdenticalBytes) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(1));
  const std::string a = make_self_signed_certificate(key, kNodeId);
  EXPECT_EQ(a, make_self_signed_certificate(PrivateKey::from_seed(seed_from(1)), kNodeId));
  EXPECT_NE(a, make_self_signed_certificate(key, "another-node"));
  EXPECT_NE(a, make_self_signed_certificate(PrivateKey::from_seed(seed_from(2)), kNodeId));
}

TEST(Certificate, OpensslParsesAndVerifiesIt) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(1));
  const std::string der = make_self_signed_certificate(key, kNodeId);
  X509Ptr x = d2i(der);
  ASSERT_TRUE(x);
  EXPECT_EQ(X509_get_version(x.get()), X509_VERSION_3);
  EXPECT_EQ(X509_get_signature_nid(x.get()), NID_ecdsa_with_SHA256);
  EXPECT_EQ(X509_verify(x.get(), X509_get0_pubkey(x.get())), 1);
  EXPECT_EQ(X509_check_issued(x.get(), x.get()), X509_V_OK);
  // Valid from 2020-01-01 to 2099-12-31.
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notBefore(x.get()), 1577836800), 0);
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notAfter(x.get()), 4102444799), 0);
}

TEST(Certificate, ParseExposesNodeIdAndKey) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(3));
  const std::string der = make_self_signed_certificate(key, kNodeId);
  const auto cert = PeerCertificate::parse(der);
  ASSERT_TRUE(cert.has_value());
  EXPECT_EQ(cert->node_id(), kNodeId);
  EXPECT_EQ(cert->der(), der);
  EXPECT_EQ(cert->public_key_der(), key.public_key_der());
  EXPECT_TRUE(cert->self_signature_valid());
  EXPECT_TRUE(cert->verify("data", key.sign("data")));
  const PeerCertificate copy = *cert;  // copies share the parsed key
  EXPECT_TRUE(copy.verify("data", key.sign("data")));
}

TEST(Certificate, AnyNodeIdBytesRoundTrip) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(4));
  for (const std::string& id : {std::string(""), std::string(200, 'x'), std::string("\0\xff\x80", 3)}) {
    const auto cert = PeerCertificate::parse(make_self_signed_certificate(key, id));
    ASSERT_TRUE(cert.has_value());
    EXPECT_EQ(cert->node_id(), id);
    EXPECT_TRUE(cert->self_signature_valid());
  }
}

TEST(Certificate, TamperedSignatureIsDetected) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(5));
  std::string der = make_self_signed_certificate(key, kNodeId);
  // The last byte belongs to s in the signature BIT STRING.
  der.back() = static_cast<char>(der.back() ^ 0x01);
  const auto cert = PeerCertificate::parse(der);
  ASSERT_TRUE(cert.has_value());
  EXPECT_FALSE(cert->self_signature_valid());
}

TEST(Certificate, RejectsGarbageAndTrailingBytes) {
  const std::string der = make_self_signed_certificate(PrivateKey::from_seed(seed_from(6)), kNodeId);
  EXPECT_FALSE(PeerCertificate::parse("").has_value());
  EXPECT_FALSE(PeerCertificate::parse("not a certificate").has_value());
  EXPECT_FALSE(PeerCertificate::parse(der.substr(0, der.size() - 1)).has_value());
  EXPECT_FALSE(PeerCertificate::parse(der + '\0').has_value());
  EXPECT_FALSE(PeerCertificate::parse(std::string(kCertificateBytesMax + 1, '\x30')).has_value());
  EXPECT_EQ(ERR_peek_error(), 0u);  // rejection leaves no stale OpenSSL errors behind
}

TEST(Certificate, RejectsKeysOtherThanP256) {
  EvpPkeyPtr ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  ASSERT_TRUE(ed);
  EXPECT_FALSE(PeerCertificate::parse(openssl_made_certificate(ed.get(), nullptr)).has_value());
  EvpPkeyPtr p384(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "secp384r1"));
  ASSERT_TRUE(p384);
  EXPECT_FALSE(PeerCertificate::parse(openssl_made_certificate(p384.get(), EVP_sha256())).has_value());
  EvpPkeyPtr p256(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "prime256v1"));
  const auto other = PeerCertificate::parse(openssl_made_certificate(p256.get(), EVP_sha256()));
  ASSERT_TRUE(other.has_value());  // a P-256 certificate from elsewhere is fine
  EXPECT_EQ(other->node_id(), "other");
  EXPECT_TRUE(other->self_signature_valid());
}

RC_GTEST_PROP(CertificateProp, AnyBitFlipIsRejected, (std::uint64_t stream)) {
  const std::string der = make_self_signed_certificate(PrivateKey::from_seed(seed_from(stream)), kNodeId);
  const auto bit = *rc::gen::inRange<std::size_t>(0, der.size() * 8);
  const auto cert = PeerCertificate::parse(flip_bit(der, bit));
  // Every byte is covered by the signature or by DER framing that parsing checks. (Evaluated
  // outside RC_ASSERT, whose expression capture would not short-circuit the ||.)
  const bool accepted = cert.has_value() && cert->self_signature_valid();
  RC_ASSERT_FALSE(accepted);
}

RC_GTEST_PROP(CertificateProp, ParsesWhatItMakes, (std::uint64_t stream, const std::string& node_id)) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(stream));
  const auto cert = PeerCertificate::parse(make_self_signed_certificate(key, node_id));
  RC_ASSERT(cert.has_value());
  RC_ASSERT(cert->node_id() == node_id);
  RC_ASSERT(cert->public_key_der() == key.public_key_der());
}

}  // namespace
}  // namespace ptplab::crypto
