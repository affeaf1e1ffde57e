// Random identifiers in the forms honest nodes use (UUIDv4 text, hex of a bit width), so that
// forged datagrams pass the receiver's decoder and reach the logic under attack.
#pragma once

#include <string>

#include "engine/core/rng.hpp"

namespace ptplab::scenarios {

// A random UUIDv4 in its canonical lower-case text form.
[[nodiscard]] std::string random_uuid4(Rng& rng);

// `count` random bytes.
[[nodiscard]] std::string random_bytes(Rng& rng, std::size_t count);

}  // namespace ptplab::scenarios
