// SHA-256 and HMAC-SHA256 against published vectors; constant-time comparison.
#include "engine/crypto/hash.hpp"

#include <gtest/gtest.h>

#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::to_hex;

TEST(Sha256, MatchesFips180Vectors) {
  EXPECT_EQ(to_hex(as_view(sha256("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(as_view(sha256(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(HmacSha256, MatchesRfc4231Case2) {
  EXPECT_EQ(to_hex(as_view(hmac_sha256("Jefe", "what do ya want for nothing?"))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, AcceptsAnEmptyKey) {
  // HMAC-SHA256(key = "", data = "") from any reference implementation.
  EXPECT_EQ(to_hex(as_view(hmac_sha256("", ""))),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

}  // namespace
}  // namespace ptplab::crypto
