// ECIES key wrap: round trips, determinism, wrong key / info / tampering, malformed blobs, and
// that the wrapped bytes never carry the plaintext in clear.
#include <gtest/gtest.h>
#include <openssl/err.h>
#include <rapidcheck/gtest.h>

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/private_key.hpp"
#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::flip_bit;
using testing::seed_from;

constexpr std::size_t kOverheadBytes = 65 + 12 + 16;

struct Party {
  PrivateKey key;
  PeerCertificate cert;
};

Party party(std::uint64_t stream) {
  PrivateKey key = PrivateKey::from_seed(seed_from(stream));
  PeerCertificate cert = PeerCertificate::parse(make_self_signed_certificate(key, "n")).value();
  return {std::move(key), std::move(cert)};
}

// The public key and the ECDH key object are made on first use; a copy taken before, between or
// after those first uses gives the same public key and unwraps alike (copies share the lazy part
// only once it is complete, so neither mutates what the other reads).
TEST(Ecies, LazyKeyPartsSurviveCopiesAtEveryStage) {
  const Party bob = party(3);
  const std::string channel_key(32, '\x21');
  const std::string wrapped = bob.cert.wrap(channel_key, "c", seed_from(101)).value();
  const PrivateKey fresh = PrivateKey::from_seed(seed_from(3));
  PrivateKey before = fresh;  // nothing made yet
  (void)fresh.public_key_der();
  PrivateKey between = fresh;  // public key made, ECDH key not
  EXPECT_EQ(fresh.unwrap(wrapped, "c"), channel_key);
  PrivateKey after = fresh;  // both made: shared
  PrivateKey assigned = PrivateKey::from_seed(seed_from(4));
  assigned = between;
  for (const PrivateKey* k : {&before, &between, &after, &assigned}) {
    EXPECT_EQ(k->public_key_der(), bob.key.public_key_der());
    EXPECT_EQ(k->public_point(), bob.key.public_point());
    EXPECT_EQ(k->unwrap(wrapped, "c"), channel_key);
  }
  EXPECT_EQ(fresh.public_key_der().size(), 91u);
}

TEST(Ecies, WrapsForTheRecipientOnly) {
  const Party bob = party(1);
  const Party eve = party(2);
  const std::string channel_key(32, '\x5a');
  const std::string wrapped = bob.cert.wrap(channel_key, "channel-1", seed_from(100)).value();
  EXPECT_EQ(wrapped.size(), kOverheadBytes + channel_key.size());
  EXPECT_EQ(wrapped[0], '\x04');  // uncompressed ephemeral point
  EXPECT_EQ(bob.key.unwrap(wrapped, "channel-1"), channel_key);
  EXPECT_FALSE(eve.key.unwrap(wrapped, "channel-1").has_value());
  EXPECT_FALSE(bob.key.unwrap(wrapped, "channel-2").has_value());
  EXPECT_EQ(wrapped.find(channel_key), std::string::npos);
}

TEST(Ecies, SameSeedSameBytesOtherSeedOtherBytes) {
  const Party bob = party(3);
  const auto a = bob.cert.wrap("k", "c", seed_from(10));
  EXPECT_EQ(a, bob.cert.wrap("k", "c", seed_from(10)));
  EXPECT_NE(a, bob.cert.wrap("k", "c", seed_from(11)));
}

TEST(Ecies, RejectsMalformedBlobsAndLongInfo) {
  const Party bob = party(4);
  const std::string wrapped = bob.cert.wrap("secret", "c", seed_from(12)).value();
  EXPECT_FALSE(bob.key.unwrap("", "c").has_value());
  EXPECT_FALSE(bob.key.unwrap(wrapped.substr(0, kOverheadBytes - 1), "c").has_value());
  std::string off_curve = wrapped;
  off_curve[10] = static_cast<char>(off_curve[10] ^ 1);  // the ephemeral point leaves the curve
  EXPECT_FALSE(bob.key.unwrap(off_curve, "c").has_value());
  std::string compressed = wrapped;
  compressed[0] = '\x02';
  EXPECT_FALSE(bob.key.unwrap(compressed, "c").has_value());
  EXPECT_EQ(ERR_peek_error(), 0u);
  const std::string long_info(kWrapInfoBytesMax + 1, 'i');
  EXPECT_FALSE(bob.cert.wrap("secret", long_info, seed_from(12)).has_value());
  EXPECT_FALSE(bob.key.unwrap(wrapped, long_info).has_value());
  const std::string max_info(kWrapInfoBytesMax, 'i');
  EXPECT_EQ(bob.key.unwrap(bob.cert.wrap("secret", max_info, seed_from(12)).value(), max_info), "secret");
}

RC_GTEST_PROP(EciesProp, RoundTripsAndAnyBitFlipFails,
              (const std::string& plaintext, const std::string& info, std::uint64_t stream)) {
  RC_PRE(info.size() <= kWrapInfoBytesMax);
  static const Party bob = party(5);
  const std::string wrapped = bob.cert.wrap(plaintext, info, seed_from(stream)).value();
  RC_ASSERT(bob.key.unwrap(wrapped, info) == plaintext);
  const auto bit = *rc::gen::inRange<std::size_t>(0, wrapped.size() * 8);
  RC_ASSERT_FALSE(bob.key.unwrap(flip_bit(wrapped, bit), info).has_value());
}

RC_GTEST_PROP(EciesProp, ArbitraryBytesNeverUnwrap, (const std::string& wrapped, const std::string& info)) {
  static const Party bob = party(6);
  RC_ASSERT_FALSE(bob.key.unwrap(wrapped, info).has_value());
}

}  // namespace
}  // namespace ptplab::crypto
