// The decoder's error codes are reasons: each maps onto the Reason of the same name, so reports
// print one vocabulary.
#include <gtest/gtest.h>

#include "engine/wire/codec.hpp"

namespace ptplab::wire {
namespace {

TEST(DecodeError, CodesAreReasonsOfTheSameName) {
  EXPECT_EQ(decode_error_reason(DecodeErrorCode::kTooLarge), Reason::kTooLarge);
  EXPECT_EQ(decode_error_reason(DecodeErrorCode::kBadValue), Reason::kBadValue);
  EXPECT_EQ(decode_error_code_name(DecodeErrorCode::kMissingField), "missing_field");
  EXPECT_EQ(decode_error_code_name(DecodeErrorCode::kNotJson), "not_json");
  EXPECT_EQ(decode_error_code_name(DecodeErrorCode::kBadBase64), "bad_base64");
}

}  // namespace
}  // namespace ptplab::wire
