// EncodingCache on its own: one shared buffer per equal message, exact answers (hops, content and
// a direct-mapped collision all tell entries apart), and the bytes wire::encode gives.
#include "engine/node/encoding_cache.hpp"

#include <gtest/gtest.h>

#include "engine/wire/codec.hpp"

namespace ptplab::engine::test {
namespace {

wire::ChatMessage message(std::string msg_id, std::uint32_t hops) {
  wire::ChatMessage m;
  m.msg_id = std::move(msg_id);
  m.node_id = "0123456789abcdef0123456789abcdef";
  m.recipient = {"fedcba9876543210fedcba9876543210"};
  m.timestamp = 1700000000000;
  m.channel = "room";
  m.channel_id = "c0";
  m.message = "ZW52ZWxvcGU=";
  m.hops = hops;
  return m;
}

TEST(RelayCache, EqualMessagesShareOneBuffer) {
  RelayCache cache;
  const auto a = cache.encode(message("m1", 2));
  const auto b = cache.encode(message("m1", 2));
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(*a, wire::encode(message("m1", 2)));
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(RelayCache, HopsAndContentTellEntriesApart) {
  RelayCache cache;
  const auto two = cache.encode(message("m1", 2));
  const auto three = cache.encode(message("m1", 3));
  EXPECT_NE(*two, *three);
  EXPECT_EQ(*three, wire::encode(message("m1", 3)));
  auto other = message("m1", 2);
  other.recipient.push_back("00000000000000000000000000000000");
  EXPECT_EQ(*cache.encode(other), wire::encode(other));
  EXPECT_EQ(cache.hits(), 0u);
}

TEST(RelayCache, OneSlotEvictsButStaysExact) {
  RelayCache cache(0);
  ASSERT_EQ(cache.capacity(), 1u);
  const auto a = cache.encode(message("m1", 1));
  const auto b = cache.encode(message("m2", 1));
  EXPECT_EQ(*b, wire::encode(message("m2", 1)));
  EXPECT_EQ(*cache.encode(message("m1", 1)), *a);  // re-encoded after the eviction
  EXPECT_EQ(cache.misses(), 3u);
  EXPECT_EQ(*encode_shared<wire::ChatMessage>(nullptr, message("m3", 4)), wire::encode(message("m3", 4)));
}

TEST(AckCache, OneAckPerMsgId) {
  AckCache cache;
  const auto a = cache.encode(wire::Ack{"m1"});
  EXPECT_EQ(a.get(), cache.encode(wire::Ack{"m1"}).get());
  EXPECT_EQ(*a, wire::encode(wire::Ack{"m1"}));
  EXPECT_EQ(*cache.encode(wire::Ack{"m2"}), wire::encode(wire::Ack{"m2"}));
  EXPECT_EQ(cache.hits(), 1u);
}

}  // namespace
}  // namespace ptplab::engine::test
