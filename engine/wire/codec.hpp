// Bytes <-> wire::Message. decode() is the simulator's hot path (every delivered datagram) and
// the first line of defence of every node: it never throws and never crashes, whatever it is fed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/expected.hpp"
#include "engine/core/reason.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::wire {

// Why a datagram was rejected. Codes are stable: reports, logs and the conformance harness use them.
enum class DecodeErrorCode : std::uint8_t {
  kTooLarge,        // larger than DecodeLimits::max_datagram_bytes (checked before parsing)
  kNotJson,         // not a single well-formed UTF-8 JSON text
  kTooDeep,         // nesting deeper than DecodeLimits::max_depth
  kNotObject,       // the top-level value is not an object
  kMissingMsgType,  // no msg_type at the head
  kBadMsgType,      // msg_type is not a string
  kUnknownVerb,     // msg_type names no verb of the spec
  kBadMsgData,      // msg_data is neither an object nor null (where one is required: not an object)
  kMissingField,    // a required field is absent
  kWrongType,       // a field has the wrong JSON type
  kBadBase64,       // a base64 field does not decode
  kBadValue,        // a field has the right type but an unacceptable value (e.g. empty id)
};

// The Reason a code is reported as (kTooLarge..kBadValue, same order).
[[nodiscard]] Reason decode_error_reason(DecodeErrorCode code);
// Stable snake_case name of a code ("missing_field", ...): the name of its Reason.
[[nodiscard]] std::string_view decode_error_code_name(DecodeErrorCode code);

// A rejected datagram: what, where (a JSON pointer such as "/msg_data/msg_id") and a sentence.
struct DecodeError {
  DecodeErrorCode code{};
  std::string pointer;
  std::string detail;
};

// Limits checked by decode().
struct DecodeLimits {
  std::size_t max_datagram_bytes = 65507;  // the largest UDP payload over IPv4
  int max_depth = 16;                      // ptpchat documents nest 4 levels; deeper is hostile
};

// Parses one datagram. Never throws.
[[nodiscard]] Expected<Message, DecodeError> decode(std::string_view bytes, const DecodeLimits& limits = {});

// Serialises one message as compact JSON: {"msg_type":...,"msg_data":{...}}.
[[nodiscard]] std::string encode(const Message& message);

}  // namespace ptplab::wire
