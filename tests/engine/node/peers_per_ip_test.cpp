// Peers per IP address (PROTOCOL.md "Node: peers", review S4): 1,100 ports of one host HELLOing
// every 0.5 s filled a node's peer table and a newcomer from another host got `peers_full`. One
// IP now holds at most peers_per_ip_max of the table (its newcomers replace its quietest peer),
// and when the table is full a newcomer from a less crowded IP replaces the newest peer of the
// most crowded one.
#include <gtest/gtest.h>

#include <string>

#include "tests/engine/node/fixture.hpp"

namespace ptplab::engine::test {
namespace {

const Address kHost = addr(20, 0);  // the crowding host; its ports are kHost.port + i

Address port_of_host(int i) { return Address{kHost.ip, static_cast<std::uint16_t>(5000 + i)}; }

std::size_t peers_at_ip(const Node& n, std::uint32_t ip) {
  std::size_t k = 0;
  for (const auto& p : n.peers()) k += p.address.ip == ip ? 1 : 0;
  return k;
}

bool is_peer(const Node& n, const Address& a) {
  for (const auto& p : n.peers())
    if (p.address == a) return true;
  return false;
}

TEST(PeersPerIp, OneHostHoldsAtMostItsShareAndItsNewcomersReplaceItsQuietest) {
  NodeParams p;
  p.peers_max = 64;
  p.peers_per_ip_max = 4;
  Node n(p, 1);
  RecordingOutput out;
  n.start(0, out);
  for (int i = 0; i < 6; ++i)
    n.on_datagram(kT0 + i * kMillisecond, port_of_host(i), datagram(wire::Hello{numbered_id(700 + i), "t"}),
                  out);
  EXPECT_EQ(peers_at_ip(n, kHost.ip), 4u);
  // Ports 0 and 1 were the quietest (heard first): replaced by ports 4 and 5, each answered.
  EXPECT_FALSE(is_peer(n, port_of_host(0)));
  EXPECT_FALSE(is_peer(n, port_of_host(1)));
  EXPECT_TRUE(is_peer(n, port_of_host(5)));
  std::size_t hellos_to_5 = 0;
  for (const auto& s : out.sent()) hellos_to_5 += s.to == port_of_host(5) ? 1 : 0;
  EXPECT_EQ(hellos_to_5, 1u);
  // Another IP is unaffected by the crowded one.
  n.on_datagram(kT0 + 10 * kMillisecond, kA, datagram(wire::Hello{kIdA, "t"}), out);
  EXPECT_TRUE(is_peer(n, kA));
}

TEST(PeersPerIp, ANewcomerFromAFreshIpIsAdmittedWhileOneIpFillsTheTable) {
  NodeParams p;
  p.peers_max = 8;
  p.peers_per_ip_max = 8;  // one IP may take the whole table...
  Node n(p, 1);
  RecordingOutput out;
  n.start(0, out);
  for (int i = 0; i < 8; ++i)
    n.on_datagram(kT0 + i * kMillisecond, port_of_host(i), datagram(wire::Hello{numbered_id(700 + i), "t"}),
                  out);
  ASSERT_EQ(n.peers().size(), 8u);
  out.clear();
  // ...and all of them are live, yet a newcomer from another IP takes the newest one's place.
  n.on_datagram(kT0 + 20 * kMillisecond, kA, datagram(wire::Hello{kIdA, "t"}), out);
  EXPECT_TRUE(is_peer(n, kA));
  EXPECT_FALSE(is_peer(n, port_of_host(7)));
  EXPECT_EQ(peers_at_ip(n, kHost.ip), 7u);
  const auto removed = out.find(EventKind::kPeerRemoved);
  ASSERT_TRUE(removed.has_value());
  EXPECT_EQ(removed->reason, "evicted");
  EXPECT_EQ(removed->peer, port_of_host(7));
  EXPECT_EQ(out.sent_of(wire::Verb::kHello).size(), 1u);  // the newcomer's HELLO is answered
  // Two IPs holding one peer each evict nobody: a newcomer from a third waits for a free slot.
  NodeParams q;
  q.peers_max = 2;
  Node m(q, 2);
  m.start(0, out);
  m.on_datagram(kT0, kA, datagram(wire::Hello{kIdA, "t"}), out);
  m.on_datagram(kT0 + 1, kB, datagram(wire::Hello{kIdB, "t"}), out);
  out.clear();
  m.on_datagram(kT0 + 2, port_of_host(0), datagram(wire::Hello{numbered_id(700), "t"}), out);
  EXPECT_FALSE(is_peer(m, port_of_host(0)));
  const auto full = out.find(EventKind::kDropped);
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->reason, "peers_full");
}

}  // namespace
}  // namespace ptplab::engine::test
