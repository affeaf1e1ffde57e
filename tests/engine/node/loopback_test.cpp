// Multi-node behaviour on the in-process loopback network: peering, channels, delivery in open
// and closed channels, forged and replayed MESSAGEs, and that KEY never carries a key in clear.
#include <gtest/gtest.h>

#include "engine/core/base64.hpp"
#include "engine/node/envelope.hpp"
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
  EXPECT_EQ(net.node(0).peer_count(), 2u);  // it met node 2 through node 1's ROUTING
  EXPECT_EQ(net.node(1).peer_count(), 2u);
  EXPECT_EQ(net.node(1).peer_address(net.node(2).node_id()), net.address(2));
  EXPECT_EQ(net.node(0).peer_address(net.node(2).node_id()), net.address(2));
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

// Nodes 1..n-1 join `id` once they know it; runs until `until`.
void join_all(Loopback& net, const std::string& id, TimeNs until) {
  for (std::size_t i = 1; i < net.size(); ++i) {
    ASSERT_TRUE(net.node(i).knows_channel(id)) << i;
    EXPECT_TRUE(net.act(i, [&](Node& n, Output& o) { return n.join_channel(net.now(), id, o); }));
  }
  net.run_until(until);
}

void closed_channel_delivers(const NodeParams& p) {
  auto net = line(4, p);
  const auto id =
      net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "secret", true, o); });
  net.run_until(6 * kSecond);
  join_all(net, id, 15 * kSecond);
  if (p.channel_crypto == ChannelCrypto::kChannelKey) {
    for (std::size_t i = 1; i < 4; ++i) EXPECT_TRUE(net.node(i).has_channel_key(id)) << i;
  }
  // Senders need the members' certificates for "multi_cert": let a first message fetch them.
  if (p.channel_crypto == ChannelCrypto::kMultiCert) {
    net.act(3, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "warm-up", {}, o); });
    net.run_until(25 * kSecond);
  }
  const auto msg =
      net.act(3, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "psst", {}, o); });
  ASSERT_TRUE(msg);
  net.run_until(net.now() + 10 * kSecond);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(count_events(net.events(i), EventKind::kDelivered, *msg), 1u) << i;
  // Nothing on the wire carries the message text in clear.
  for (const auto& r : net.wiretap) EXPECT_EQ(r.bytes->find("psst"), std::string::npos);
}

TEST(Loopback, ClosedChannelWithChannelKeyDelivers) { closed_channel_delivers({}); }

TEST(Loopback, ClosedChannelWithMultiCertDelivers) {
  NodeParams p;
  p.channel_crypto = ChannelCrypto::kMultiCert;
  closed_channel_delivers(p);
}

TEST(Loopback, NoKeyDatagramCarriesTheChannelKeyInClear) {
  NodeParams p;
  p.rekey_on_leave = true;
  auto net = line(4, p);
  const auto id =
      net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "secret", true, o); });
  net.run_until(6 * kSecond);
  join_all(net, id, 15 * kSecond);
  std::vector<std::string> keys = {*net.node(0).channel_key(id)};
  // A member leaves: the creator re-keys and hands the new key to those who stay.
  EXPECT_TRUE(net.act(2, [&](Node& n, Output& o) { return n.leave_channel(net.now(), id, o); }));
  net.run_until(25 * kSecond);
  keys.push_back(*net.node(0).channel_key(id));
  EXPECT_NE(keys[0], keys[1]);
  EXPECT_EQ(net.node(1).channel_key(id), keys[1]);
  EXPECT_EQ(net.node(3).channel_key(id), keys[1]);
  EXPECT_FALSE(net.node(2).channel_key(id));
  std::size_t key_datagrams = 0;
  for (const auto& r : net.wiretap) {
    auto m = wire::decode(*r.bytes);
    if (!m || wire::verb_of(m.value()) != wire::Verb::kKey) continue;
    ++key_datagrams;
    for (const auto& k : keys) {
      EXPECT_EQ(r.bytes->find(k), std::string::npos);
      EXPECT_EQ(r.bytes->find(base64_encode(k).substr(0, 40)), std::string::npos);
      EXPECT_EQ(std::get<wire::Key>(m.value()).key.find(k), std::string::npos);
    }
  }
  EXPECT_GE(key_datagrams, 5u);  // three joins, two re-key deliveries
}

TEST(Loopback, GetKeyFromANonMemberIsRefused) {
  auto net = line(2);
  const auto id =
      net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "secret", true, o); });
  net.run_until(6 * kSecond);
  // Node 1 knows the channel but never joined: it asks anyway, by hand.
  net.act(1, [&](Node&, Output& o) {
    o.send(net.address(0), datagram(wire::Certificate{"c9", net.node(1).node_id(), net.node(0).node_id(),
                                                      net.node(1).certificate_der()}));
    o.send(net.address(0), datagram(wire::GetKey{"k9", net.node(1).node_id(), "secret", id}));
  });
  net.run_until(8 * kSecond);
  EXPECT_FALSE(net.node(1).has_channel_key(id));
  bool refused = false;
  for (const auto& e : net.events(0)) refused |= e.kind == EventKind::kDropped && e.reason == "not_member";
  EXPECT_TRUE(refused);
  for (const auto& r : net.wiretap) {
    auto m = wire::decode(*r.bytes);
    EXPECT_FALSE(m && wire::verb_of(m.value()) == wire::Verb::kKey);
  }
}

TEST(Loopback, EveryPolicyDeliversOnALine) {
  for (const auto policy :
       {Propagation::kFlood, Propagation::kGossip, Propagation::kRouted, Propagation::kDirect}) {
    NodeParams p;
    p.propagation = policy;
    p.gossip_fanout = 2;
    auto net = line(4, p);
    const auto id =
        net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "room", false, o); });
    net.run_until(8 * kSecond);
    // Under "direct" only neighbours hear the announcement; let ROUTING spread the addresses first.
    for (std::size_t i = 1; i < 4; ++i)
      if (net.node(i).knows_channel(id))
        net.act(i, [&](Node& n, Output& o) { return n.join_channel(net.now(), id, o); });
    net.run_until(20 * kSecond);
    const auto msg =
        net.act(1, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "hi", {}, o); });
    ASSERT_TRUE(msg) << choice_name(policy);
    std::size_t members = 0;
    for (std::size_t i = 0; i < 4; ++i) members += net.node(i).is_member(id) ? 1 : 0;
    EXPECT_EQ(members, 4u) << choice_name(policy);
    net.run_until(40 * kSecond);
    for (std::size_t i = 0; i < 4; ++i) {
      if (i == 1 || !net.node(i).is_member(id)) continue;
      EXPECT_EQ(count_events(net.events(i), EventKind::kDelivered, *msg), 1u)
          << choice_name(policy) << " node " << i;
    }
  }
}

TEST(Loopback, VerifyBeforeRelayStopsAForgeryAtTheFirstHop) {
  NodeParams p;
  p.verify_before_relay = true;
  auto net = line(4, p);
  const auto id =
      net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "room", false, o); });
  net.run_until(6 * kSecond);
  join_all(net, id, 10 * kSecond);
  const auto genuine =
      net.act(0, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "real", {}, o); });
  net.run_until(20 * kSecond);
  for (std::size_t i = 1; i < 4; ++i)
    EXPECT_EQ(count_events(net.events(i), EventKind::kDelivered, *genuine), 1u) << i;
  // A forged copy of a new message, injected at node 1 as if node 0 had sent it.
  RecordingOutput o;
  Node twin(p, 100);  // node 0's seed: same node_id and key...
  twin.start(0, o);
  ASSERT_EQ(twin.node_id(), net.node(0).node_id());
  const TimeNs t = net.now();
  twin.add_peer(t - 1, net.address(1), o);  // the twin contacts node 1 first (initiated)
  twin.on_datagram(t, net.address(1), datagram(wire::Hello{net.node(1).node_id(), "t"}), o);
  twin.on_datagram(t + 1, net.address(1), datagram(wire::Hello{net.node(1).node_id(), "t"}), o);
  twin.on_datagram(t + 2, net.address(1),
                   datagram(wire::Channel{"x", net.node(1).node_id(), "room", id, {twin.node_id()}, false}),
                   o);
  twin.join_channel(t + 3, id, o);
  o.clear();
  const auto forged = twin.send_message(net.now(), id, "fake", {}, o);
  auto messages = o.sent_of(wire::Verb::kMessage);
  ASSERT_EQ(messages.size(), 1u);
  auto m = std::get<wire::ChatMessage>(messages[0]);
  auto e = parse_envelope(m.message);
  e->body = "f4ke";  // ...but the text no longer matches the signature
  m.message = encode_envelope(*e);
  const auto before = net.wiretap.size();
  net.act(0, [&](Node&, Output& out) { out.send(net.address(1), datagram(m)); });
  net.run_until(30 * kSecond);
  EXPECT_EQ(count_events(net.events(1), EventKind::kSignatureFailed, *forged), 1u);
  for (std::size_t k = before; k < net.wiretap.size(); ++k) {
    const auto& r = net.wiretap[k];
    if (r.from != net.address(1)) continue;
    auto d = wire::decode(*r.bytes);
    EXPECT_FALSE(d && wire::verb_of(d.value()) == wire::Verb::kMessage &&
                 std::get<wire::ChatMessage>(d.value()).msg_id == *forged);
  }
  for (std::size_t i = 1; i < 4; ++i)
    EXPECT_EQ(count_events(net.events(i), EventKind::kDelivered, *forged), 0u) << i;
}

}  // namespace
}  // namespace ptplab::engine::test
