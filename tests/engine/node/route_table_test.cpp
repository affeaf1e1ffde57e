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
  EXPECT_EQ(t.all()[0].updated, 2);
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
