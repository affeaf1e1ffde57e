// A real node's identity: fresh key material from the OS random source, or a persistent key and
// certificate in a PEM file. The engine itself never reads OS randomness (DESIGN.md, "two kinds
// of randomness"); hosts hand it a NodeIdentity made here.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "engine/core/expected.hpp"
#include "engine/node/node.hpp"

namespace ptplab::engine {

// A fresh identity: 32 bytes of key seed and the Rng seed from OpenSSL's CSPRNG (RAND_bytes, which
// the OS random source seeds); node_id empty, so the Node makes it per id_scheme from rng_seed.
// An error sentence if the random source fails.
[[nodiscard]] Expected<NodeIdentity, std::string> fresh_identity();

// The identity stored at `path` by save_identity: a PEM "PRIVATE KEY" (PKCS#8, EC P-256) and a
// PEM "CERTIFICATE" whose subject CN is the node_id (DESIGN.md, "Identity"). key_seed = the
// private scalar, node_id = the CN, rng_seed fresh from the OS. Errors (unreadable; permissions
// that let group or others in, refused as ssh refuses such a private key; not PEM, not a P-256
// key, certificate of another key) as a sentence naming the file.
[[nodiscard]] Expected<NodeIdentity, std::string> load_identity(const std::string& path);

// Writes `identity`'s key and `certificate_der` (the node's self-signed certificate) to a new file
// `path`, created with mode 0600; an error sentence if it exists or cannot be written.
[[nodiscard]] Expected<std::monostate, std::string> save_identity(const std::string& path,
                                                                  const NodeIdentity& identity,
                                                                  std::string_view certificate_der);

}  // namespace ptplab::engine
