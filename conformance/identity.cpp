// Test identities from the case's generator.
#include "conformance/identity.hpp"

#include <array>

namespace ptplab::conformance {

Identity make_identity(const std::string& node_id, Rng& rng) {
  std::array<std::uint8_t, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); i += 8) {
    const std::uint64_t word = rng();
    for (std::size_t b = 0; b < 8; ++b) seed[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
  }
  auto key = crypto::PrivateKey::from_seed(seed);
  std::string der = crypto::make_self_signed_certificate(key, node_id);
  return Identity{node_id, std::move(key), std::move(der)};
}

}  // namespace ptplab::conformance
