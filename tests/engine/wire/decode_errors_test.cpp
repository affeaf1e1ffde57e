// Every decode error code on hand-built datagrams, with the JSON pointer and sentence it reports.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/wire/codec.hpp"

namespace ptplab::wire {
namespace {

struct Case {
  std::string input;
  DecodeErrorCode code;
  std::string pointer;
  std::string detail;  // exact sentence, or a prefix when it ends with "..."
};

const std::string kMsg =
    R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"m","node_id":"n","recipient":[{"node_id":"r"}],)"
    R"("timestamp":1,"channel":"c","channel_id":"i","message":"aGk=")";

std::vector<Case> cases() {
  using C = DecodeErrorCode;
  return {
      {"not json", C::kNotJson, "", "not JSON: ..."},
      {"", C::kNotJson, "", "not JSON: ..."},
      {"{\"msg_type\":\"HELLO\"} {}", C::kNotJson, "", "not JSON: ..."},
      {"{\"msg_type\":\"HELLO\",\"x\":\"\xff\"}", C::kNotJson, "", "not JSON: The input is not valid UTF-8"},
      {"{\"msg_type\":\"HELLO\",\"x\":tru}", C::kNotJson, "", "not JSON: ..."},
      {R"({"msg_type":"HELLO","x":)" + std::string(16, '[') + std::string(16, ']') + "}", C::kTooDeep, "",
       "nesting is deeper than the limit of 16 levels"},
      {R"(["msg_type","HELLO"])", C::kNotObject, "",
       "expected the datagram to be a JSON object, found array"},
      {R"("HELLO")", C::kNotObject, "", "expected the datagram to be a JSON object, found string"},
      {R"({"msg_data":{}})", C::kMissingMsgType, "/msg_type", "required field msg_type is missing"},
      {R"({"msg_type":7})", C::kBadMsgType, "/msg_type", "expected a string, found number"},
      {R"({"msg_type":"hello"})", C::kUnknownVerb, "/msg_type", R"(unknown verb "hello")"},
      {R"({"msg_type":"RELAY","msg_data":{}})", C::kUnknownVerb, "/msg_type", R"(unknown verb "RELAY")"},
      {R"({"msg_type":"ACK"})", C::kBadMsgData, "/msg_data", "msg_data is missing; ACK requires an object"},
      {R"({"msg_type":"ACK","msg_data":null})", C::kBadMsgData, "/msg_data",
       "msg_data is null; ACK requires an object"},
      {R"({"msg_type":"HELLO","msg_data":[]})", C::kBadMsgData, "/msg_data",
       "expected msg_data to be an object, found array"},
      {R"({"msg_type":"ACK","msg_data":{}})", C::kMissingField, "/msg_data/msg_id",
       "required field msg_id is missing"},
      {R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"x"},"extra":1})", C::kMissingField, "/msg_data/node_id",
       "required field node_id is missing"},
      {R"({"msg_type":"ACK","msg_data":{"msg_id":5}})", C::kWrongType, "/msg_data/msg_id",
       "expected a string, found number"},
      {R"({"msg_type":"ACK","msg_data":{"msg_id":""}})", C::kBadValue, "/msg_data/msg_id",
       "msg_id must not be empty"},
      {R"({"msg_type":"ACK","msg_data":{"msg_id":"a","msg_id":"b"}})", C::kBadValue, "/msg_data/msg_id",
       "field msg_id appears more than once"},
      {R"({"msg_type":"ACK","msg_type":"ACK","msg_data":{"msg_id":"a"}})", C::kBadValue, "/msg_type",
       "field msg_type appears more than once"},
      {R"({"msg_type":"CHANNEL","msg_data":{"msg_id":"m","node_id":"n","channel":"c","channel_id":"i",)"
       R"("members":[{"node_id":"a"},{"node_id":"b"},{"id":"c"}]}})",
       C::kMissingField, "/msg_data/members/2/node_id", "required field node_id is missing"},
      {R"({"msg_type":"CHANNEL","msg_data":{"msg_id":"m","node_id":"n","channel":"c","channel_id":"i",)"
       R"("members":["a"]}})",
       C::kWrongType, "/msg_data/members/0", "expected an object, found string"},
      {R"({"msg_type":"CHANNEL","msg_data":{"msg_id":"m","node_id":"n","channel":"c","channel_id":"i",)"
       R"("members":{}}})",
       C::kWrongType, "/msg_data/members", "expected an array, found object"},
      {R"({"msg_type":"CHANNEL","msg_data":{"msg_id":"m","node_id":"n","channel":"c","channel_id":"i",)"
       R"("members":[],"closed":"yes"}})",
       C::kWrongType, "/msg_data/closed", "expected a boolean, found string"},
      {R"({"msg_type":"CERTIFICATE","msg_data":{"msg_id":"m","node_id":"n","recipient_id":"r",)"
       R"("certificate":"AQI"}})",
       C::kBadBase64, "/msg_data/certificate", "not valid base64: length is not a multiple of 4 at offset 3"},
      {R"({"msg_type":"KEY","msg_data":{"msg_id":"m","node_id":"n","recipient_id":"r","channel":"c",)"
       R"("channel_id":"i","cipher":"AES-256-GCM","key":"AQ I"}})",
       C::kBadBase64, "/msg_data/key", "not valid base64: character outside the base64 alphabet at offset 2"},
      {kMsg + R"(,"attachment":[{"attachment":"AR==","attachment_type":"text/plain"}]}})", C::kBadBase64,
       "/msg_data/attachment/0/attachment",
       "not valid base64: non-zero unused bits in the last character at offset 1"},
      {kMsg + R"(,"attachment":[{"attachment":"AA=="}]}})", C::kMissingField,
       "/msg_data/attachment/0/attachment_type", "required field attachment_type is missing"},
      {R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"m","node_id":"n","recipient":[],"timestamp":1.5}})",
       C::kWrongType, "/msg_data/timestamp",
       "expected an integer, found a number with a fraction or exponent"},
      {R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"m","node_id":"n","recipient":[],"timestamp":"now"}})",
       C::kWrongType, "/msg_data/timestamp", "expected an integer, found string"},
      {R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"m","node_id":"n","recipient":[],)"
       R"("timestamp":9223372036854775808}})",
       C::kBadValue, "/msg_data/timestamp", "integer 9223372036854775808 is out of range (signed 64-bit)"},
      {kMsg + R"(,"hops":-1}})", C::kBadValue, "/msg_data/hops",
       "hops must be between 0 and 4294967295, found -1"},
      {kMsg + R"(,"hops":4294967296}})", C::kBadValue, "/msg_data/hops",
       "hops must be between 0 and 4294967295, found 4294967296"},
      {R"({"msg_type":"CONNECT","msg_data":{"dst":"1.2.3.4","src":"5","src_node_id":false}})", C::kWrongType,
       "/msg_data/src_node_id", "expected a string, found boolean"},
      {R"({"msg_type":"ROUTING","msg_data":{"nodes":[{"node_id":"a","address":null}]}})", C::kWrongType,
       "/msg_data/nodes/0/address", "expected a string, found null"},
  };
}

TEST(DecodeErrors, EachCaseReportsItsCodePointerAndSentence) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.input);
    const auto r = decode(c.input);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(decode_error_code_name(r.error().code), decode_error_code_name(c.code));
    EXPECT_EQ(r.error().pointer, c.pointer);
    if (c.detail.ends_with("...")) {
      EXPECT_TRUE(r.error().detail.starts_with(c.detail.substr(0, c.detail.size() - 3))) << r.error().detail;
      EXPECT_GT(r.error().detail.size(), c.detail.size() - 3);
    } else {
      EXPECT_EQ(r.error().detail, c.detail);
    }
  }
}

TEST(DecodeErrors, SizeIsCheckedBeforeParsing) {
  const DecodeLimits limits{.max_datagram_bytes = 8, .max_depth = 16};
  const auto r = decode("not json at all", limits);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, DecodeErrorCode::kTooLarge);
  EXPECT_EQ(r.error().detail, "datagram of 15 bytes exceeds the limit of 8 bytes");
}

TEST(DecodeErrors, HostileNestingIsRejectedWithoutRecursion) {
  const std::string deep = std::string(30000, '[') + std::string(30000, ']');
  const auto r = decode(deep);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, DecodeErrorCode::kTooDeep);
}

TEST(DecodeErrors, UnknownVerbQuoteIsBoundedAndEscaped) {
  const auto r = decode(R"({"msg_type":"A\n)" + std::string(100, 'B') + "\"}");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().detail, "unknown verb \"A\\n" + std::string(38, 'B') + "\"");
}

TEST(DecodeErrors, EveryCodeHasADistinctName) {
  std::vector<std::string_view> names;
  for (int c = static_cast<int>(kFirstDecodeError); c <= static_cast<int>(kLastDecodeError); ++c) {
    const auto name = decode_error_code_name(static_cast<DecodeErrorCode>(c));
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(std::count(names.begin(), names.end(), name), 0) << name;
    names.push_back(name);
  }
}

}  // namespace
}  // namespace ptplab::wire
