// The decoder's error codes as reasons: their names come from the one Reason name table.
#include "engine/wire/codec.hpp"

namespace ptplab::wire {

// Both enums list the decoder's errors in the same order, so the mapping is an offset.
static_assert(static_cast<int>(Reason::kBadValue) - static_cast<int>(Reason::kTooLarge) ==
                  static_cast<int>(DecodeErrorCode::kBadValue) - static_cast<int>(DecodeErrorCode::kTooLarge),
              "Reason lists every DecodeErrorCode, in order");

Reason decode_error_reason(DecodeErrorCode code) {
  return static_cast<Reason>(static_cast<int>(Reason::kTooLarge) + static_cast<int>(code));
}

std::string_view decode_error_code_name(DecodeErrorCode code) {
  return reason_name(decode_error_reason(code));
}

}  // namespace ptplab::wire
