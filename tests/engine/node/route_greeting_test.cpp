// Nodes learned through ROUTING are greeted directly (PROTOCOL.md, "propagation and routing"):
// two nodes bootstrapped only through a third become peers and chat without it, and a long
// ROUTING list starts at most routing_greetings_max handshakes per housekeeping tick.
#include <gtest/gtest.h>

#include <set>

#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

TEST(RouteGreeting, NodesMetThroughAThirdBecomePeersAndChatWithoutIt) {
  Loopback net;
  for (std::uint64_t seed : {7, 8, 9}) net.add({}, seed);
  for (std::size_t i : {1, 2})
    net.act(i, [&](Node& n, Output& o) { n.add_peer(net.now(), net.address(0), o); });
  net.run_until(6 * kSecond);
  EXPECT_EQ(net.node(1).peer_address(net.node(2).node_id()), net.address(2));
  EXPECT_EQ(net.node(2).peer_address(net.node(1).node_id()), net.address(1));
  const auto id =
      net.act(1, [&](Node& n, Output& o) { return n.create_channel(net.now(), "room", false, o); });
  net.run_until(8 * kSecond);
  ASSERT_TRUE(net.act(2, [&](Node& n, Output& o) { return n.join_channel(net.now(), id, o); }));
  net.run_until(10 * kSecond);
  // The third node goes away: everything it would relay is lost.
  net.filter = [&](const Loopback::Record& r) { return r.from == net.address(0) || r.to == net.address(0); };
  const auto msg = net.act(1, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "hi", {}, o); });
  ASSERT_TRUE(msg);
  net.run_until(12 * kSecond);
  EXPECT_EQ(count_events(net.events(2), EventKind::kDelivered, *msg), 1u);
}

TEST(RouteGreeting, ALongRoutingListStartsAtMostTheCapPerTick) {
  NodeParams p;
  p.max_datagram_bytes = 65507;
  p.routing_entries_max = 1000;
  p.peers_max = 2000;
  Node node(p, 3);
  RecordingOutput out;
  node.start(0, out);
  const Address server = addr(1);
  node.add_peer(0, server, out);
  node.on_datagram(kMillisecond, server, datagram(wire::Hello{"server-id", "x"}), out);
  wire::Routing r;
  r.node_id = "server-id";
  for (std::uint32_t i = 0; i < 1000; ++i)
    r.nodes.push_back({"node-" + std::to_string(i), addr(100 + i).to_string()});
  node.on_datagram(2 * kMillisecond, server, datagram(r), out);
  ASSERT_EQ(node.table_sizes().routing, 1000u);
  std::set<Address> greeted;
  for (TimeNs t = kSecond; t <= 5 * kSecond; t += kSecond) {
    out.clear();
    node.on_timer(t, out);
    std::set<Address> tick;
    for (const auto& d : out.sent())
      if (d.to != server) tick.insert(d.to);
    std::erase_if(tick,
                  [&](const Address& a) { return greeted.count(a) > 0; });  // keep-alives of earlier ones
    EXPECT_LE(tick.size(), p.routing_greetings_max) << t;
    greeted.insert(tick.begin(), tick.end());
  }
  EXPECT_GE(greeted.size(), p.routing_greetings_max);  // greeting does go on
  EXPECT_LE(greeted.size(), 5u * p.routing_greetings_max);
}

}  // namespace
}  // namespace ptplab::engine::test
