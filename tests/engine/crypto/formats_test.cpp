// The test vectors published in engine/crypto/FORMATS.md, pinned byte for byte: a change to any
// format (or to determinism) fails here first. They were cross-checked once with an independent
// implementation (Python pyca/cryptography): key, signature, certificate, ECIES and AEAD.
#include <gtest/gtest.h>

#include "engine/crypto/aead.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/crypto/private_key.hpp"
#include "tests/engine/crypto/test_support.hpp"

namespace ptplab::crypto {
namespace {

using testing::to_hex;

// Seed 01 02 ... 20.
PrivateKey vector_key() {
  std::array<std::uint8_t, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i + 1);
  return PrivateKey::from_seed(seed);
}

std::array<std::uint8_t, 32> filled(std::uint8_t b) {
  std::array<std::uint8_t, 32> a{};
  a.fill(b);
  return a;
}

TEST(Formats, PublicKey) {
  EXPECT_EQ(to_hex(vector_key().public_key_der()),
            "3059301306072a8648ce3d020106082a8648ce3d03010703420004"
            "515c3d6eb9e396b904d3feca7f54fdcd0cc1e997bf375dca515ad0a6c3b4035f"
            "4536be3a50f318fbf9a5475902a221502bef0d57e08c53b2cc0a56f17d9f9354");
}

TEST(Formats, Signature) {
  EXPECT_EQ(to_hex(vector_key().sign("ptpchat")),
            "2163c1d33c4bda376b11a7c707e39956e4e68b9ac6508d696da005221cb8d199"
            "24661fdae635ba476f8780218848522a893bc4e284d27a2ca2ca735b8e6c6357");
}

TEST(Formats, Certificate) {
  EXPECT_EQ(to_hex(make_self_signed_certificate(vector_key(), "node-1")),
            "308201183081bea003020102020871d59449b727165d300a06082a8648ce3d040302"
            "3011310f300d06035504030c066e6f64652d31"
            "3020170d3230303130313030303030305a180f32303939313233313233353935395a"
            "3011310f300d06035504030c066e6f64652d31"
            "3059301306072a8648ce3d020106082a8648ce3d03010703420004"
            "515c3d6eb9e396b904d3feca7f54fdcd0cc1e997bf375dca515ad0a6c3b4035f"
            "4536be3a50f318fbf9a5475902a221502bef0d57e08c53b2cc0a56f17d9f9354"
            "300a06082a8648ce3d040302"
            "0349003046022100bd0a989915d41d25626aba3b8de3244b48a7f6f6ab3f5d90e657a087aa119542"
            "022100d47569cac17f72d6f71459cdc00321d2415cd46dfe9d8ca8820bd690277f249e");
}

TEST(Formats, WrappedKey) {
  const PrivateKey key = vector_key();
  const auto cert = PeerCertificate::parse(make_self_signed_certificate(key, "node-1")).value();
  const std::string wrapped = cert.wrap(std::string(32, '\x22'), "channel-1", filled(0x11)).value();
  EXPECT_EQ(to_hex(wrapped),
            "040217e617f0b6443928278f96999e69a23a4f2c152bdf6d6cdf66e5b80282d4ed"
            "194a7debcb97712d2dda3ca85aa8765a56f45fc758599652f2897c65306e5794"
            "41d8da72509b71171f59394d"
            "e0cf7821458d149be84062927c09b6e26f71a4a869c66c5bc57feac692677e4c"
            "fc98695d0c057395821ef8622ba6669f");
  EXPECT_EQ(key.unwrap(wrapped, "channel-1"), std::string(32, '\x22'));
}

TEST(Formats, SealedPayload) {
  std::array<std::uint8_t, 12> nonce{};
  nonce.fill(0x44);
  EXPECT_EQ(to_hex(aead_seal(filled(0x33), nonce, "hello", "channel-1")),
            "444444444444444444444444"
            "58f4a8fea5"
            "96fd768dddfba6dbf2f07ad647744e18");
}

}  // namespace
}  // namespace ptplab::crypto
