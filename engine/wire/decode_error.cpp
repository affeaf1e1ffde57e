// Stable names of the decoder's error codes, as printed by `ptplab lint` and stored in reports.
#include "engine/wire/codec.hpp"

namespace ptplab::wire {

std::string_view decode_error_code_name(DecodeErrorCode code) {
  switch (code) {
    case DecodeErrorCode::kTooLarge: return "too_large";
    case DecodeErrorCode::kNotJson: return "not_json";
    case DecodeErrorCode::kTooDeep: return "too_deep";
    case DecodeErrorCode::kNotObject: return "not_object";
    case DecodeErrorCode::kMissingMsgType: return "missing_msg_type";
    case DecodeErrorCode::kBadMsgType: return "bad_msg_type";
    case DecodeErrorCode::kUnknownVerb: return "unknown_verb";
    case DecodeErrorCode::kBadMsgData: return "bad_msg_data";
    case DecodeErrorCode::kMissingField: return "missing_field";
    case DecodeErrorCode::kWrongType: return "wrong_type";
    case DecodeErrorCode::kBadBase64: return "bad_base64";
    case DecodeErrorCode::kBadValue: return "bad_value";
  }
  return "unknown";
}

}  // namespace ptplab::wire
