// ParseCache: repeated bytes are a hit and share one parsed certificate; failures are cached
// too; different bytes always get their own answer.
#include "engine/crypto/parse_cache.hpp"

#include <gtest/gtest.h>

#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::seed_from;

std::string cert_der(std::uint64_t stream, std::string_view node_id) {
  return make_self_signed_certificate(PrivateKey::from_seed(seed_from(stream)), node_id);
}

TEST(ParseCache, RepeatedBytesShareOneParsedCertificate) {
  const std::string der = cert_der(1, "a");
  ParseCache cache(4);
  const auto first = parse_cached(&cache, der);
  const auto second = parse_cached(&cache, der);
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(&first->der(), &second->der());  // the same parsed object, not a copy
  EXPECT_EQ(second->node_id(), "a");
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(ParseCache, CachesFailuresAndAnswersEachInputExactly) {
  ParseCache cache(0);  // one slot: every new input evicts the previous one
  EXPECT_FALSE(parse_cached(&cache, "garbage").has_value());
  EXPECT_FALSE(parse_cached(&cache, "garbage").has_value());
  EXPECT_EQ(parse_cached(&cache, cert_der(2, "b"))->node_id(), "b");
  EXPECT_EQ(parse_cached(&cache, cert_der(3, "c"))->node_id(), "c");
  EXPECT_EQ(parse_cached(&cache, cert_der(2, "b"))->node_id(), "b");
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 4u);
}

TEST(ParseCache, OversizedInputAndNullCacheBypassIt) {
  ParseCache cache(2);
  EXPECT_FALSE(parse_cached(&cache, std::string(kCertificateBytesMax + 1, '\x30')).has_value());
  EXPECT_EQ(parse_cached(nullptr, cert_der(4, "d"))->node_id(), "d");
  EXPECT_EQ(cache.hits() + cache.misses(), 0u);
  EXPECT_EQ(cache.capacity(), 4u);
}

}  // namespace
}  // namespace ptplab::crypto
