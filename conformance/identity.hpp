// The harness's own test identities: an EC P-256 key and a self-signed certificate naming the
// peer's node_id, made with engine/crypto from the case's seed, so the harness can send
// CERTIFICATEs, signed MESSAGEs and unwrap KEYs as a real node would.
#pragma once

#include <string>

#include "engine/core/rng.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/crypto/private_key.hpp"

namespace ptplab::conformance {

// A key pair and certificate for one harness peer.
struct Identity {
  std::string node_id;
  crypto::PrivateKey key;
  std::string certificate_der;
};

// A fresh identity for `node_id`, its key drawn from `rng`.
[[nodiscard]] Identity make_identity(const std::string& node_id, Rng& rng);

}  // namespace ptplab::conformance
