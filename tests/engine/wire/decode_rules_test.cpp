// The readings of engine/PROTOCOL.md that make a datagram valid, each on a hand-built datagram:
// head rules, HELLO leniency, the spec's slips, extensions, timestamps, duplicates, limits.
#include <gtest/gtest.h>

#include <string>

#include "engine/wire/codec.hpp"

namespace ptplab::wire {
namespace {

template <class T>
T decode_as(std::string_view bytes) {
  auto r = decode(bytes);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().pointer + ": " + r.error().detail);
  if (!r) return T{};
  EXPECT_TRUE(std::holds_alternative<T>(*r));
  return std::holds_alternative<T>(*r) ? std::get<T>(*r) : T{};
}

TEST(HeadRules, OtherHeadKeysAreIgnored) {
  const auto ack =
      decode_as<Ack>(R"({"ttl":3,"msg_type":"ACK","flood":true,"msg_data":{"msg_id":"m1"},"x":[{}]})");
  EXPECT_EQ(ack.msg_id, "m1");
}

TEST(HeadRules, UnknownMsgDataKeysAreIgnored) {
  EXPECT_EQ(decode_as<Ack>(R"({"msg_type":"ACK","msg_data":{"msg_id":"m1","note":{"a":[1]}}})").msg_id, "m1");
}

TEST(HeadRules, HelloAcceptsAbsentNullOrAnyObject) {
  EXPECT_EQ(decode_as<Hello>(R"({"msg_type":"HELLO"})"), Hello{});
  EXPECT_EQ(decode_as<Hello>(R"({"msg_type":"HELLO","msg_data":null})"), Hello{});
  EXPECT_EQ(decode_as<Hello>(R"({"msg_type":"HELLO","msg_data":{"attributes":{"node_type":"client"}}})"),
            Hello{});
  EXPECT_EQ(decode_as<Hello>(R"({"msg_type":"HELLO","msg_data":{"node_id":"n1","version":"ptpchat; 0.1"}})"),
            (Hello{"n1", "ptpchat; 0.1"}));
}

TEST(HeadRules, HelloIgnoresNonStringNodeIdAndVersion) {
  EXPECT_EQ(decode_as<Hello>(R"({"msg_type":"HELLO","msg_data":{"node_id":7,"version":{"v":1}}})"), Hello{});
}

TEST(HeadRules, HelloEncodesWithoutMsgDataWhenEmpty) {
  EXPECT_EQ(encode(Hello{}), R"({"msg_type":"HELLO"})");
  EXPECT_EQ(encode(Hello{"n1", std::nullopt}), R"({"msg_type":"HELLO","msg_data":{"node_id":"n1"}})");
}

TEST(Slips, LeaveIsReadAsLeave) {
  const auto leave = decode_as<Leave>(
      R"({"msg_type":"LEAVE","msg_data":{"msg_id":"m","node_id":"n","channel":"c","channel_id":"i"}})");
  EXPECT_EQ(leave, (Leave{"m", "n", "c", "i"}));
}

TEST(Slips, CertificateNodeIdIsTheSendersId) {
  const auto cert = decode_as<Certificate>(
      R"({"msg_type":"CERTIFICATE","msg_data":{"msg_id":"m","node_id":"sender","recipient_id":"asker","certificate":"AQID"}})");
  EXPECT_EQ(cert, (Certificate{"m", "sender", "asker", std::string("\x01\x02\x03")}));
}

TEST(Fields, ChannelClosedIsOptionalAndDefaultsToFalse) {
  const auto ch = decode_as<Channel>(
      R"({"msg_type":"CHANNEL","msg_data":{"msg_id":"m","node_id":"n","channel":"","channel_id":"i","members":[]}})");
  EXPECT_FALSE(ch.closed);
  EXPECT_EQ(ch.channel, "");
  EXPECT_EQ(
      encode(ch),
      R"({"msg_type":"CHANNEL","msg_data":{"msg_id":"m","node_id":"n","channel":"","channel_id":"i","members":[],"closed":false}})");
}

TEST(Fields, MessageTimestampIsAJsonIntegerAndHopsAnExtension) {
  const auto msg = decode_as<ChatMessage>(
      R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"m","node_id":"n","recipient":[{"node_id":"r"}],)"
      R"("timestamp":1464000000000,"channel":"c","channel_id":"i","message":"aGk=","hops":3}})");
  EXPECT_EQ(msg.timestamp, 1464000000000);
  EXPECT_EQ(msg.message, "hi");
  EXPECT_EQ(msg.hops, 3u);
  EXPECT_TRUE(msg.attachment.empty());
  EXPECT_EQ(msg.recipient, std::vector<std::string>{"r"});
}

TEST(Fields, ConnectAndRoutingExtensions) {
  const auto c = decode_as<Connect>(
      R"({"msg_type":"CONNECT","msg_data":{"dst":"1.2.3.4:5","src":"6","src_node_id":"a","dst_node_id":"b"}})");
  EXPECT_EQ(c, (Connect{"1.2.3.4:5", "6", "a", "b"}));
  const auto r = decode_as<Routing>(
      R"({"msg_type":"ROUTING","msg_data":{"node_id":"s","nodes":[{"node_id":"a","address":"1.2.3.4:5"}]}})");
  EXPECT_EQ(r, (Routing{"s", {RoutingEntry{"a", "1.2.3.4:5"}}}));
}

TEST(Encode, KeysComeInTheSpecOrderWithExtensionsLast) {
  ChatMessage m{"m", "n", {"r"}, -5, "c", "i", "hi", {Attachment{"\xff", "image/png"}}, 2};
  EXPECT_EQ(encode(m),
            R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"m","node_id":"n","recipient":[{"node_id":"r"}],)"
            R"("timestamp":-5,"channel":"c","channel_id":"i","message":"aGk=",)"
            R"("attachment":[{"attachment":"/w==","attachment_type":"image/png"}],"hops":2}})");
}

TEST(Encode, TextIsEscapedAndUtf8PassesThrough) {
  const Join j{"m", "n", "caf\xc3\xa9 \"q\" \\ \n\x01", "i"};
  EXPECT_EQ(encode(j),
            "{\"msg_type\":\"JOIN\",\"msg_data\":{\"msg_id\":\"m\",\"node_id\":\"n\","
            "\"channel\":\"caf\xc3\xa9 \\\"q\\\" \\\\ \\n\\u0001\",\"channel_id\":\"i\"}}");
  EXPECT_EQ(decode_as<Join>(encode(j)), j);
}

TEST(Limits, NestingUpToMaxDepthIsAccepted) {
  // The head object is level 1, so 15 arrays inside it make 16 levels.
  const std::string ok = R"({"msg_type":"HELLO","x":)" + std::string(15, '[') + std::string(15, ']') + "}";
  EXPECT_TRUE(decode(ok).has_value());
}

TEST(Limits, DatagramAtTheSizeLimitIsParsed) {
  const DecodeLimits limits{.max_datagram_bytes = 20, .max_depth = 16};
  EXPECT_TRUE(decode(R"({"msg_type":"HELLO"})", limits).has_value());  // exactly 20 bytes
}

}  // namespace
}  // namespace ptplab::wire
