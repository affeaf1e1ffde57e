// Per-verb readers of msg_data: one function per verb turning a DOM object into its struct.
// Internal to engine/wire; decode.cpp handles the head rules and calls read_msg_data().
#pragma once

#include "engine/wire/field_reader.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::wire {

// Reads the msg_data object of `verb` (any verb but HELLO, whose msg_data is optional).
// On failure the returned message is meaningless and `status` holds the error.
[[nodiscard]] Message read_msg_data(Verb verb, simdjson::dom::object data, const Path& path,
                                    DecodeStatus& status);

// Reads HELLO's optional object: node_id and version are taken when they are strings.
[[nodiscard]] Hello read_hello(simdjson::dom::object data, const Path& path, DecodeStatus& status);

}  // namespace ptplab::wire
