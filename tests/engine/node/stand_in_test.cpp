// Addresses of 240.0.0.0/4 (a real host's IPv6 stand-ins, engine/io/udp_host.hpp) never leave
// the node: not in ROUTING entries, not in CONNECT addresses; such entries and CONNECTs it
// receives are ignored (they would alias the node's own stand-ins). Address::announceable.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

const Address kSixStandIn{Address::kReservedBase + 1, 7000};  // an IPv6 peer as the host maps it
const Address kSixServer = addr(60);
const std::string kSixId = "6f1c2a3b-0000-4000-8000-000000000066";
const std::string kSixServerId = "6f1c2a3b-0000-4000-8000-000000000060";

// A node with a verified IPv4 peer (the server) and a live IPv6 peer (its stand-in).
struct SixPeers {
  Node n{{}, 3};
  RecordingOutput out;
  SixPeers() {
    n.start(0, out);
    n.add_peer(0, kSixServer, out);
    for (int i = 0; i < 2; ++i) {
      n.on_datagram(kT0 + i, kSixServer, datagram(wire::Hello{kSixServerId, "t"}), out);
      n.on_datagram(kT0 + i, kSixStandIn, datagram(wire::Hello{kSixId, "t"}), out);
    }
  }
};

TEST(StandIn, TheReservedRangeIsNotAnnounceable) {
  EXPECT_FALSE(kSixStandIn.announceable());
  EXPECT_FALSE(Address::parse("255.255.255.255:1")->announceable());
  EXPECT_TRUE(Address::parse("239.255.255.255:1")->announceable());
  EXPECT_TRUE(kSixServer.announceable());
}

TEST(StandIn, RoutingLeavesStandInsOut) {
  SixPeers t;
  ASSERT_TRUE(t.n.peer_address(kSixId).has_value());
  std::size_t routings = 0;
  for (TimeNs now = kSecond; now <= 8 * kSecond; now += kSecond) {
    t.out.clear();
    t.n.on_timer(now, t.out);
    for (const auto& m : t.out.sent_of(wire::Verb::kRouting)) {
      ++routings;
      for (const auto& e : std::get<wire::Routing>(m).nodes) {
        EXPECT_NE(e.node_id, kSixId) << e.address;
        EXPECT_TRUE(Address::parse(e.address)->announceable()) << e.address;
      }
    }
  }
  EXPECT_GT(routings, 0u);  // ROUTING did go out (to the server), without the stand-in
}

TEST(StandIn, RoutingEntriesWithAStandInAreIgnored) {
  SixPeers t;
  t.n.on_datagram(kT0 + 5, kSixServer,
                  datagram(wire::Routing{kSixServerId, {{kIdB, "240.0.0.1:7000"}, {kIdA, "30.0.0.9:4000"}}}),
                  t.out);
  EXPECT_EQ(t.n.table_sizes().routing, 1u);
}

TEST(StandIn, ConnectNeverCarriesAStandIn) {
  SixPeers t;
  // As A: the target's address is a stand-in of ours: dst "0.0.0.0" (S finds it by node_id).
  t.out.clear();
  t.n.connect(kT0 + 10, kSixServer, kSixId, t.out);
  const auto sent = t.out.sent_of(wire::Verb::kConnect);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(std::get<wire::Connect>(sent[0]).dst, "0.0.0.0");
  // As S: asked by the server to reach the IPv6 peer, or by the IPv6 peer to reach the server.
  for (const auto& [from, to, to_id] :
       {std::tuple{kSixServer, kSixStandIn, kSixId}, {kSixStandIn, kSixServer, kSixServerId}}) {
    t.out.clear();
    wire::Connect c;
    c.dst = to.ip_string();
    c.src = "0";
    c.dst_node_id = to_id;
    t.n.on_datagram(kT0 + 20, from, datagram(c), t.out);
    EXPECT_TRUE(t.out.sent_of(wire::Verb::kConnect).empty()) << from.to_string();
    const auto dropped = t.out.find(EventKind::kDropped);
    ASSERT_TRUE(dropped.has_value()) << from.to_string();
    EXPECT_EQ(dropped->reason, "unannounceable_address");
  }
  // As B (step 2) or A (step 5): a dst that is a stand-in is dropped, never HELLOed.
  t.out.clear();
  wire::Connect step2;
  step2.dst = "240.0.0.1:7000";
  step2.src = "30.0.0.1";
  step2.dst_node_id = kIdA;
  t.n.on_datagram(kT0 + 30, kSixServer, datagram(step2), t.out);
  EXPECT_EQ(t.out.find(EventKind::kDropped)->reason, "unannounceable_address");
  EXPECT_TRUE(t.out.sent_of(wire::Verb::kConnect).empty());
}

}  // namespace
}  // namespace ptplab::engine::test

namespace ptplab::engine::test {
namespace {

// The addresses a node visits as remembered (Endpoint::visit_remembered).
std::vector<Address> stand_in_remembered_by(const Node& n) {
  std::vector<Address> out;
  EXPECT_TRUE(n.visit_remembered([&](const Address& a) { out.push_back(a); }));
  return out;
}

bool stand_in_node_remembers(const Node& n, const Address& a) {
  const auto all = stand_in_remembered_by(n);
  return std::find(all.begin(), all.end(), a) != all.end();
}

// What a host may reclaim (engine/io/stand_in_table.hpp, review 13 S2): a peer, a junk source
// the rate limiter accounts and a bootstrap contact are remembered; a source is forgotten once
// the bounded source table evicts it, and nothing else keeps it.
TEST(StandIn, TheNodeTellsWhichAddressesItRemembers) {
  SixPeers t;
  EXPECT_TRUE(stand_in_node_remembers(t.n, kSixStandIn));
  EXPECT_TRUE(stand_in_node_remembers(t.n, kSixServer));
  const Address junk{Address::kReservedBase + 2, 9};
  EXPECT_FALSE(stand_in_node_remembers(t.n, junk));
  t.n.on_datagram(kT0 + 3, junk, make_bytes("junk"), t.out);
  EXPECT_TRUE(stand_in_node_remembers(t.n, junk));  // its rate allowance: not to be handed to another address

  NodeParams p;
  p.rate_sources_max = 4;
  Node small(p, 5);
  RecordingOutput out;
  small.start(0, out);
  small.on_datagram(kT0, junk, make_bytes("junk"), out);
  for (std::uint32_t i = 0; i < 4; ++i)
    small.on_datagram(kT0 + 1 + i, Address{Address::kReservedBase + 100 + i, 9}, make_bytes("junk"), out);
  EXPECT_FALSE(stand_in_node_remembers(small, junk));  // evicted by four newer sources: reclaimable
  const Address contact{Address::kReservedBase + 3, 7000};
  small.add_peer(kT0 + 9, contact, out);
  EXPECT_TRUE(stand_in_node_remembers(small, contact));
}

}  // namespace
}  // namespace ptplab::engine::test
