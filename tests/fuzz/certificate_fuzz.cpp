// Fuzz target for the crypto inputs a peer controls: certificates (CERTIFICATE verb), wrapped
// channel keys (KEY verb), signatures and sealed channel payloads. The first byte picks which;
// nothing may crash, leak or read out of bounds, whatever the bytes.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "engine/crypto/aead.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/crypto/private_key.hpp"

namespace {

using ptplab::crypto::PeerCertificate;
using ptplab::crypto::PrivateKey;

const PrivateKey& own_key() {
  static const PrivateKey key = [] {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(0x42);
    return PrivateKey::from_seed(seed);
  }();
  return key;
}

// Splits `in` at a length given by its first byte: (info, rest).
std::pair<std::string_view, std::string_view> split(std::string_view in) {
  if (in.empty()) return {{}, {}};
  const std::size_t n = std::min<std::size_t>(static_cast<std::uint8_t>(in[0]), in.size() - 1);
  return {in.substr(1, n), in.substr(1 + n)};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {  // a certificate; when it parses, its self-signature and a verify with its own tail
      const auto cert = PeerCertificate::parse(in);
      if (cert) {
        (void)cert->self_signature_valid();
        (void)cert->verify(cert->node_id(), cert->der().substr(0, 64));
      }
      break;
    }
    case 1: {  // a KEY payload: info-length byte, info, wrapped blob
      const auto [info, wrapped] = split(in);
      (void)own_key().unwrap(wrapped, info);
      break;
    }
    default: {  // a sealed closed-channel payload: aad-length byte, aad, sealed blob
      const auto [aad, sealed] = split(in);
      static constexpr std::array<std::uint8_t, 32> kChannelKey{};
      (void)ptplab::crypto::aead_open(kChannelKey, sealed, aad);
      break;
    }
  }
  return 0;
}
