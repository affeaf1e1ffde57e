// VerifyCache: hits for repeated triples, exact answers for different ones, fixed capacity.
#include "engine/crypto/verify_cache.hpp"

#include <gtest/gtest.h>

#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::flip_bit;
using testing::seed_from;

PeerCertificate cert_of(const PrivateKey& key) {
  return PeerCertificate::parse(make_self_signed_certificate(key, "n")).value();
}

TEST(VerifyCache, RepeatedTripleIsAHit) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(1));
  const PeerCertificate cert = cert_of(key);
  const std::string sig = key.sign("m");
  VerifyCache cache(4);
  EXPECT_TRUE(verify_cached(&cache, cert, "m", sig));
  EXPECT_TRUE(verify_cached(&cache, cert, "m", sig));
  EXPECT_TRUE(verify_cached(&cache, cert, "m", sig));
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 2u);
}

TEST(VerifyCache, AnswersExactlyForDifferentInputs) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(2));
  const PrivateKey other = PrivateKey::from_seed(seed_from(3));
  const PeerCertificate cert = cert_of(key);
  const std::string sig = key.sign("m");
  VerifyCache cache(0);  // one slot: every new triple evicts the previous one
  EXPECT_TRUE(verify_cached(&cache, cert, "m", sig));
  EXPECT_FALSE(verify_cached(&cache, cert, "n", sig));
  EXPECT_FALSE(verify_cached(&cache, cert, "m", flip_bit(sig, 3)));
  EXPECT_FALSE(verify_cached(&cache, cert_of(other), "m", sig));
  EXPECT_FALSE(verify_cached(&cache, cert_of(other), "m", sig));  // a cached failure
  EXPECT_TRUE(verify_cached(&cache, cert, "m", sig));
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 5u);
  EXPECT_EQ(cache.capacity(), 1u);
}

TEST(VerifyCache, WrongLengthSignaturesAndNullCacheBypassIt) {
  const PrivateKey key = PrivateKey::from_seed(seed_from(4));
  const PeerCertificate cert = cert_of(key);
  VerifyCache cache(2);
  EXPECT_FALSE(verify_cached(&cache, cert, "m", "short"));
  EXPECT_TRUE(verify_cached(nullptr, cert, "m", key.sign("m")));
  EXPECT_EQ(cache.hits() + cache.misses(), 0u);
}

TEST(VerifyCache, CapacityIsClamped) {
  EXPECT_EQ(VerifyCache(3).capacity(), 8u);
  EXPECT_EQ(VerifyCache(40).capacity(), std::size_t{1} << 20);
}

}  // namespace
}  // namespace ptplab::crypto
