// CertificateStore on its own: the checks in order, known vs colliding certificates, key-derived
// ids, and least-recently-used eviction.
#include "engine/node/certificate_store.hpp"

#include <gtest/gtest.h>

#include "engine/crypto/private_key.hpp"
#include "engine/node/ids.hpp"

namespace ptplab::engine::test {
namespace {

using Kind = CertificateVerdict::Kind;

crypto::PrivateKey signing_key(std::uint8_t n) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(n);
  return crypto::PrivateKey::from_seed(seed);
}

std::string cert(std::uint8_t n, std::string_view node_id) {
  return crypto::make_self_signed_certificate(signing_key(n), node_id);
}

TEST(CertificateStore, AddsThenKnowsThenReportsACollision) {
  CertificateStore store;
  const CertificateRules rules;
  EXPECT_EQ(store.offer(1, "alice", cert(1, "alice"), rules, 0).kind, Kind::kAdded);
  EXPECT_EQ(store.offer(2, "alice", cert(1, "alice"), rules, 0).kind, Kind::kKnown);
  const auto other = store.offer(3, "alice", cert(2, "alice"), rules, 0);
  EXPECT_EQ(other.kind, Kind::kCollision);
  EXPECT_FALSE(other.cached());
  ASSERT_NE(store.find(4, "alice"), nullptr);
  EXPECT_EQ(store.find(4, "alice")->der(), cert(1, "alice"));  // the first one is kept
  EXPECT_EQ(store.size(), 1u);
}

TEST(CertificateStore, RejectsWithTheReasonOfTheFirstFailedCheck) {
  CertificateStore store;
  const CertificateRules rules;
  EXPECT_EQ(store.offer(1, "a", std::string(crypto::kCertificateBytesMax + 1, 'x'), rules, 0).reason,
            Reason::kTooLarge);
  EXPECT_EQ(store.offer(1, "a", "not a certificate", rules, 0).reason, Reason::kBadCertificate);
  EXPECT_EQ(store.offer(1, "bob", cert(1, "alice"), rules, 0).reason, Reason::kCertificateMismatch);
  CertificateRules derived;
  derived.key_derived_ids = true;
  EXPECT_EQ(store.offer(1, "alice", cert(1, "alice"), derived, 0).reason, Reason::kNotKeyDerived);
  std::string tampered = cert(4, "dave");
  tampered.back() = static_cast<char>(tampered.back() ^ 0x01);  // the last byte of the signature
  EXPECT_EQ(store.offer(1, "dave", tampered, rules, 0).reason, Reason::kBadCertificateSignature);
  const std::string id = make_key_derived_id(signing_key(3).public_key_der(), 128);
  EXPECT_EQ(store.offer(1, id, cert(3, id), derived, 0).kind, Kind::kAdded);
  EXPECT_EQ(store.size(), 1u);
}

TEST(CertificateStore, EvictsTheLeastRecentlyUsed) {
  CertificateStore store;
  const CertificateRules rules;
  ASSERT_EQ(store.offer(1, "a", cert(1, "a"), rules, 2).kind, Kind::kAdded);
  ASSERT_EQ(store.offer(2, "b", cert(2, "b"), rules, 2).kind, Kind::kAdded);
  ASSERT_NE(store.find(3, "a"), nullptr);  // "a" used last: "b" goes
  ASSERT_EQ(store.offer(4, "c", cert(3, "c"), rules, 2).kind, Kind::kAdded);
  EXPECT_NE(store.find(5, "a"), nullptr);
  EXPECT_EQ(store.find(5, "b"), nullptr);
  EXPECT_NE(store.find(5, "c"), nullptr);
}

}  // namespace
}  // namespace ptplab::engine::test
