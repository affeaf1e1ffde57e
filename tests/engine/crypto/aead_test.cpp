// AES-256-GCM: a NIST vector, round trips, tamper and associated-data mismatch rejection.
#include "engine/crypto/aead.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::flip_bit;
using testing::seed_from;
using testing::to_hex;

std::array<std::uint8_t, 12> nonce_from(std::uint64_t stream) {
  const auto s = seed_from(stream);
  std::array<std::uint8_t, 12> n{};
  std::copy_n(s.begin(), n.size(), n.begin());
  return n;
}

TEST(Aead, MatchesGcmSpecTestCase14) {
  // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 14: zero key, zero IV,
  // 16 zero bytes of plaintext.
  const std::array<std::uint8_t, 32> key{};
  const std::array<std::uint8_t, 12> nonce{};
  const std::string sealed = aead_seal(key, nonce, std::string(16, '\0'), "");
  EXPECT_EQ(to_hex(sealed),
            "000000000000000000000000"
            "cea7403d4d606b6e074ec5d3baf39d18"
            "d0d1c8a799996bf0265b98b5d48ab919");
}

TEST(Aead, RoundTripsAndRejectsWrongKeyAadAndShortInput) {
  const auto key = seed_from(1);
  const auto nonce = nonce_from(2);
  const std::string sealed = aead_seal(key, nonce, "channel message", "channel-id");
  EXPECT_EQ(sealed.size(), kAeadNonceBytes + 15 + kAeadTagBytes);
  EXPECT_EQ(aead_open(key, sealed, "channel-id"), "channel message");
  EXPECT_FALSE(aead_open(key, sealed, "other-channel").has_value());
  EXPECT_FALSE(aead_open(seed_from(3), sealed, "channel-id").has_value());
  EXPECT_FALSE(aead_open(key, sealed.substr(0, kAeadNonceBytes + kAeadTagBytes - 1), "").has_value());
  EXPECT_FALSE(aead_open(key, "", "").has_value());
  EXPECT_EQ(aead_open(key, aead_seal(key, nonce, "", ""), ""), "");
}

RC_GTEST_PROP(AeadProp, RoundTripsAndAnyBitFlipFails,
              (const std::string& plaintext, const std::string& aad, std::uint64_t stream)) {
  const auto key = seed_from(stream);
  const std::string sealed = aead_seal(key, nonce_from(stream + 1), plaintext, aad);
  RC_ASSERT(aead_open(key, sealed, aad) == plaintext);
  const auto bit = *rc::gen::inRange<std::size_t>(0, sealed.size() * 8);
  RC_ASSERT_FALSE(aead_open(key, flip_bit(sealed, bit), aad).has_value());
}

RC_GTEST_PROP(AeadProp, ArbitraryInputNeverOpens, (const std::string& sealed, const std::string& aad)) {
  RC_ASSERT_FALSE(aead_open(seed_from(5), sealed, aad).has_value());
}

}  // namespace
}  // namespace ptplab::crypto
