// RouteTable on its own: learning and refreshing routes, the bound evicting the least recently
// updated, the bound per address refusing, lookups and expiry.
#include "engine/node/route_table.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

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

TEST(RouteTable, RefusesARouteBeyondItsAddressShare) {
  RouteTable t;
  EXPECT_TRUE(t.learn(1, "a", kFar1, kPeer1, 0, 2));
  EXPECT_TRUE(t.learn(2, "b", kFar1, kPeer1, 0, 2));
  EXPECT_FALSE(t.learn(3, "c", kFar1, kPeer1, 0, 2));  // kFar1 holds its 2
  EXPECT_TRUE(t.learn(3, "c", kFar2, kPeer1, 0, 2));   // another address is welcome
  EXPECT_FALSE(t.learn(4, "c", kFar1, kPeer2, 0, 2));  // moving there is refused too: unchanged
  EXPECT_EQ(t.address_of("c"), kFar2);
  EXPECT_EQ(t.vias("c"), (std::vector<Address>{kPeer1}));
  EXPECT_TRUE(t.learn(5, "a", kFar1, kPeer2, 0, 2));  // a route already there refreshes
  EXPECT_EQ(t.count_address(kFar1), 2u);
  t.expire(6, 4);  // "b" and "c" (2, 3) go: kFar1 has room again
  EXPECT_TRUE(t.learn(7, "d", kFar1, kPeer1, 0, 2));
  EXPECT_EQ(t.count_address(kFar1), 2u);
}

// Any sequence of learns and expiries over a few addresses: no address ever holds more than
// per_address_max routes, the table never more than max, and count_address agrees with a scan;
// the interner holds exactly the ids of the routes, one reference each, and none after the
// table is gone.
RC_GTEST_PROP(RouteTable, NoAddressOutgrowsItsShare, ()) {
  const auto per_address = static_cast<std::size_t>(*rc::gen::inRange(1, 6));
  const auto max = static_cast<std::size_t>(*rc::gen::inRange(0, 12));
  const auto steps = *rc::gen::container<std::vector<std::tuple<int, int, int>>>(
      rc::gen::tuple(rc::gen::inRange(0, 30), rc::gen::inRange(0, 4), rc::gen::inRange(0, 20)));
  NodeIdInterner ids;
  auto table = std::make_unique<RouteTable>(&ids);
  RouteTable& t = *table;
  TimeNs now = 0;
  for (const auto& [id, ip, op] : steps) {
    ++now;
    const Address a{0xc0a80000 + static_cast<std::uint32_t>(ip), 5000};
    if (op == 0)
      t.expire(now, 5);
    else
      t.learn(now, "n" + std::to_string(id), a, kPeer1, max, per_address);
    std::map<Address, std::size_t> scan;
    for (std::size_t i = 0; i < t.size(); ++i) ++scan[t.at(i).address];
    for (const auto& [addr, n] : scan) {
      RC_ASSERT(n <= per_address);
      RC_ASSERT(t.count_address(addr) == n);
    }
    RC_ASSERT(max == 0 || t.size() <= max);
    RC_ASSERT(ids.size() == t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
      RC_ASSERT(ids.references(t.at(i).id) == 1u);
      RC_ASSERT(ids.text(t.at(i).id) == t.at(i).node_id);
      RC_ASSERT(t.address_of(t.at(i).node_id) == t.at(i).address);
    }
  }
  table.reset();
  RC_ASSERT(ids.size() == 0u);
}

}  // namespace
}  // namespace ptplab::engine::test
