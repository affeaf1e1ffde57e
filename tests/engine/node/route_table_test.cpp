// RouteTable on its own: learning and refreshing routes, the bound evicting the least recently
// updated, lookups and expiry.
#include "engine/node/route_table.hpp"

#include <gtest/gtest.h>

#include "tests/engine/node/addresses.hpp"

namespace ptplab::engine::test {
namespace {

TEST(RouteTable, LearnsAndRefreshes) {
  RouteTable t;
  EXPECT_EQ(t.address_of("carol"), std::nullopt);
  t.learn(1, "carol", kFar1, kPeer1, 0);
  EXPECT_EQ(t.address_of("carol"), kFar1);
  EXPECT_EQ(t.vias("carol"), (std::vector<Address>{kPeer1}));
  t.learn(2, "carol", kFar2, kPeer2, 0);  // a newer advertisement replaces the route
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.address_of("carol"), kFar2);
  EXPECT_EQ(t.vias("carol"), (std::vector<Address>{kPeer2}));
  EXPECT_EQ(t.at(0).updated, 2);
}

TEST(RouteTable, BoundEvictsTheLeastRecentlyUpdated) {
  RouteTable t;
  t.learn(1, "a", kFar1, kPeer1, 2);
  t.learn(2, "b", kFar1, kPeer1, 2);
  t.learn(3, "a", kFar1, kPeer1, 2);  // "a" refreshed: "b" is oldest
  t.learn(4, "c", kFar1, kPeer1, 2);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.address_of("b"), std::nullopt);
  EXPECT_EQ(t.address_of("a"), kFar1);
}

TEST(RouteTable, KeepsFirstLearnedOrderAndAReusedSlotStartsAfresh) {
  RouteTable t;
  t.learn(1, "a", kFar1, kPeer1, 3);
  t.learn(2, "b", kFar1, kPeer1, 3);
  t.learn(3, "c", kFar1, kPeer1, 3);
  t.at(1).greetings = 2;              // "b" greeted
  t.learn(4, "a", kFar2, kPeer2, 3);  // refreshed in place: "b" is now the oldest
  t.learn(5, "d", kFar1, kPeer1, 3);  // evicts "b"; "d" takes its slot
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.at(0).node_id, "a");
  EXPECT_EQ(t.at(0).address, kFar2);
  EXPECT_EQ(t.at(1).node_id, "c");
  EXPECT_EQ(t.at(2).node_id, "d");
  EXPECT_EQ(t.at(2).greetings, 0);
  t.expire(7, 4);  // "c" (3) goes, "a" (4) and "d" (5) stay, in order
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.at(0).node_id, "a");
  EXPECT_EQ(t.at(1).node_id, "d");
  EXPECT_EQ(t.vias("d"), (std::vector<Address>{kPeer1}));
}

TEST(RouteTable, ExpiresUnrefreshedRoutes) {
  RouteTable t;
  t.learn(1, "a", kFar1, kPeer1, 0);
  t.learn(5, "b", kFar2, kPeer2, 0);
  t.expire(11, 10);
  EXPECT_EQ(t.address_of("a"), std::nullopt);
  EXPECT_EQ(t.address_of("b"), kFar2);
}

}  // namespace
}  // namespace ptplab::engine::test
