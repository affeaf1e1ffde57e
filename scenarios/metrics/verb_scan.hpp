// The verb of a datagram without decoding it: the collector sees every datagram of a run, so it
// reads msg_type with a short scan instead of a JSON parse.
#pragma once

#include <cstddef>
#include <string_view>

#include "engine/wire/message.hpp"

namespace ptplab::scenarios {

// Index of the "invalid" pseudo-verb (no recognisable msg_type) after the real verbs.
inline constexpr std::size_t kVerbInvalid = wire::kVerbCount;
// Verbs plus "invalid".
inline constexpr std::size_t kVerbSlots = wire::kVerbCount + 1;

// The wire::Verb index of the datagram's msg_type, or kVerbInvalid.
[[nodiscard]] std::size_t scan_verb(std::string_view bytes);

// "HELLO", ..., "ROUTING", or "invalid".
[[nodiscard]] std::string_view verb_slot_name(std::size_t slot);

}  // namespace ptplab::scenarios
