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

// Why a datagram was rejected: one of the decoder's reasons, Reason::kTooLarge..kBadValue
// (engine/core/reason.hpp declares them once, with their stable names, which reports, logs and
// the conformance harness print). A new decode error is a new Reason in that range.
//   kTooLarge: larger than DecodeLimits::max_datagram_bytes (checked before parsing);
//   kNotJson: not a single well-formed UTF-8 JSON text; kTooDeep: nesting deeper than
//   DecodeLimits::max_depth; kNotObject: the top-level value is not an object; kMissingMsgType,
//   kBadMsgType: no msg_type at the head, or not a string; kUnknownVerb: msg_type names no verb
//   of the spec; kBadMsgData: msg_data is neither an object nor null (where one is required: not
//   an object); kMissingField, kWrongType, kBadBase64: a required field is absent, has the wrong
//   JSON type, or does not decode as base64; kBadValue: the right type but an unacceptable value
//   (e.g. an empty id).
using DecodeErrorCode = Reason;

// The Reason a code is reported as: itself.
[[nodiscard]] constexpr Reason decode_error_reason(DecodeErrorCode code) { return code; }
// Stable snake_case name of a code ("missing_field", ...): the name of its Reason.
[[nodiscard]] constexpr std::string_view decode_error_code_name(DecodeErrorCode code) {
  return reason_name(code);
}

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
