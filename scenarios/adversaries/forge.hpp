// Builders of forged datagrams shared by several behaviours.
#pragma once

#include <string>

#include "engine/core/rng.hpp"
#include "engine/core/time.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::scenarios {

// A MESSAGE claiming to come from `node_id`, with `msg_id` and a random (unverifiable) envelope of
// `envelope_bytes` bytes, stamped at `now`.
[[nodiscard]] wire::ChatMessage forged_message(Rng& rng, std::string node_id, std::string msg_id,
                                               std::size_t envelope_bytes, TimeNs now);

// The source ports fake identities use on the adversary's own IP: 40000 + index.
[[nodiscard]] inline std::uint16_t identity_port(std::size_t index) {
  return static_cast<std::uint16_t>(40000 + index % 20000);
}

}  // namespace ptplab::scenarios
