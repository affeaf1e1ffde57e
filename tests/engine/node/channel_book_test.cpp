// ChannelBook and KeyRing on their own: learning within the bound, sorted member lists,
// add-only listings that respect departures, key waiters, and the two-key ring.
#include "engine/node/channel_book.hpp"

#include <gtest/gtest.h>

#include "tests/engine/node/addresses.hpp"

namespace ptplab::engine::test {
namespace {

ChannelKey channel_key(std::uint8_t n) {
  ChannelKey k{};
  k.fill(n);
  return k;
}

TEST(ChannelBook, LearnsWithinItsBound) {
  ChannelBook book;
  ChannelState* c = book.learn("c1", "room", true, 2);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->closed);
  EXPECT_FALSE(c->announced);
  EXPECT_EQ(book.learn("c1", "other", false, 2), c);  // known: unchanged
  EXPECT_EQ(c->name, "room");
  ASSERT_NE(book.learn("c0", "", false, 2), nullptr);
  EXPECT_EQ(book.learn("c2", "", false, 2), nullptr);
  EXPECT_EQ(book.ids(), (std::vector<std::string>{"c0", "c1"}));
}

TEST(ChannelBook, MembersStaySortedAndBounded) {
  ChannelState c;
  EXPECT_TRUE(ChannelBook::add_member(c, "m", 3));
  EXPECT_TRUE(ChannelBook::add_member(c, "b", 3));
  EXPECT_FALSE(ChannelBook::add_member(c, "b", 3));
  EXPECT_TRUE(ChannelBook::add_member(c, "x", 3));
  EXPECT_FALSE(ChannelBook::add_member(c, "a", 3));
  EXPECT_EQ(c.members, (std::vector<std::string>{"b", "m", "x"}));
  ChannelBook::remove_member(c, "m");
  EXPECT_FALSE(c.has_member("m"));
  EXPECT_TRUE(c.has_member("x"));
}

TEST(ChannelBook, ListingsOnlyAddAndRespectRecentDepartures) {
  ChannelState c;
  ChannelBook::add_member(c, "me", 0);
  ChannelBook::add_member(c, "bob", 0);
  ChannelBook::depart(10, c, "bob", 0);
  EXPECT_FALSE(c.has_member("bob"));
  // A stale listing still naming bob does not bring him back within the memory...
  EXPECT_TRUE(ChannelBook::merge_listing(20, c, {"bob", "carol"}, "me", 100, 0));
  EXPECT_FALSE(c.has_member("bob"));
  EXPECT_TRUE(c.has_member("carol"));
  EXPECT_TRUE(c.has_member("me"));  // a listing leaving us out never removes anyone
  // ...but does after it, once forgotten.
  ChannelBook book;
  book.learn("c", "", false, 0)->departed = c.departed;
  book.forget_departed(110, 100);
  EXPECT_TRUE(book.find("c")->departed.empty());
  // A JOIN brings a departed member back at once.
  ChannelBook::rejoin(c, "bob", 0);
  EXPECT_TRUE(c.has_member("bob"));
  EXPECT_TRUE(c.departed.empty());
  EXPECT_FALSE(ChannelBook::merge_listing(30, c, {"bob", "carol", "me"}, "me", 100, 0));  // nothing new
}

TEST(ChannelBook, ADepartureBlocksListingsOnlyForItsMemory) {
  ChannelState c;
  ChannelBook::add_member(c, "carol", 0);
  ChannelBook::depart(10, c, "bob", 0);
  EXPECT_FALSE(ChannelBook::merge_listing(109, c, {"bob"}, "me", 100, 0));  // 99 ns after: blocked
  EXPECT_TRUE(ChannelBook::merge_listing(110, c, {"bob"}, "me", 100, 0));   // 100 ns after: learned
  EXPECT_TRUE(c.has_member("bob"));
  // Learning any id of the listing counts, not only the last one.
  EXPECT_TRUE(ChannelBook::merge_listing(120, c, {"dave", "carol"}, "me", 100, 0));
  EXPECT_TRUE(c.has_member("dave"));
}

TEST(ChannelBook, KeyWaitersAreTakenOnce) {
  ChannelState c;
  ChannelBook::add_key_waiter(c, "bob", kPeer1, 0);
  ChannelBook::add_key_waiter(c, "bob", Address{}, 0);  // once per id
  EXPECT_EQ(c.key_waiters.size(), 1u);
  EXPECT_EQ(ChannelBook::take_key_waiter(c, "bob"), kPeer1);
  EXPECT_EQ(ChannelBook::take_key_waiter(c, "bob"), std::nullopt);
}

TEST(KeyRing, KeepsTheNewestTwo) {
  KeyRing ring;
  EXPECT_TRUE(ring.empty());
  ring.keep(channel_key(1));
  ring.keep(channel_key(2));
  ring.keep(channel_key(2));  // already held
  EXPECT_NE(ring.find(channel_key_id(channel_key(1))), nullptr);
  ring.keep(channel_key(3));
  EXPECT_EQ(ring.find(channel_key_id(channel_key(1))), nullptr);
  EXPECT_EQ(*ring.find(channel_key_id(channel_key(2))), channel_key(2));
  EXPECT_EQ(ring.newest().second, channel_key(3));
  EXPECT_EQ(ring.newest().first, channel_key_id(channel_key(3)));
  EXPECT_NE(channel_key_id(channel_key(2)), channel_key_id(channel_key(3)));
  // The first kKeyIdBytes bytes of SHA-256(key), big-endian: sha256(32 x 0x01) = 72cd6e84 22c407fb...
  EXPECT_EQ(channel_key_id(channel_key(1)), 0x72cd6e8422c407fbULL);
}

}  // namespace
}  // namespace ptplab::engine::test
