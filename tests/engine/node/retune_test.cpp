// Node::retune: a running node takes new parameters (fewer gossip copies of a MESSAGE) without
// changing its identity, and refuses parameters that validate_params rejects.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

constexpr std::size_t kLeaves = 5;

// A hub (node 0) with kLeaves leaves that bootstrapped to it, all run for 5 s.
Loopback star(const NodeParams& p) {
  Loopback net;
  for (std::size_t i = 0; i <= kLeaves; ++i) net.add(p, 200 + i);
  for (std::size_t i = 1; i <= kLeaves; ++i)
    net.act(i, [&](Node& node, Output& out) { node.add_peer(net.now(), net.address(0), out); });
  net.run_until(5 * kSecond);
  return net;
}

// MESSAGE datagrams the hub sends for one new message of its channel.
std::size_t copies_sent(Loopback& net, const std::string& channel) {
  const std::size_t before = net.wiretap.size();
  const auto msg =
      net.act(0, [&](Node& n, Output& o) { return n.send_message(net.now(), channel, "hi", {}, o); });
  EXPECT_TRUE(msg);
  std::size_t copies = 0;
  for (std::size_t i = before; i < net.wiretap.size(); ++i) {
    const auto m = wire::decode(*net.wiretap[i].bytes);
    copies += net.wiretap[i].from == net.address(0) && m && wire::verb_of(m.value()) == wire::Verb::kMessage;
  }
  return copies;
}

TEST(Retune, ChangesFanoutKeepsIdentity) {
  NodeParams p;
  p.propagation = Propagation::kGossip;
  p.gossip_fanout = kLeaves;
  auto net = star(p);
  ASSERT_EQ(net.node(0).peer_count(), kLeaves);
  const auto channel =
      net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "room", false, o); });
  net.run_until(6 * kSecond);
  EXPECT_EQ(copies_sent(net, channel), kLeaves);

  const std::string id = net.node(0).node_id();
  NodeParams narrower = p;
  narrower.gossip_fanout = 2;
  narrower.id_scheme = IdScheme::kRandom;  // identity: ignored by retune
  narrower.node_id_bits = 16;
  ASSERT_TRUE(net.node(0).retune(narrower));
  EXPECT_EQ(net.node(0).params().gossip_fanout, 2u);
  EXPECT_EQ(net.node(0).params().id_scheme, IdScheme::kUuid4);
  EXPECT_EQ(net.node(0).params().node_id_bits, 128);
  EXPECT_EQ(net.node(0).node_id(), id);
  EXPECT_EQ(copies_sent(net, channel), 2u);
  // Still the same peer to its leaves after the change.
  net.run_until(10 * kSecond);
  EXPECT_EQ(net.node(1).peer_address(id), net.address(0));
}

TEST(Retune, InvalidParametersChangeNothing) {
  Node n(NodeParams{}, 7);
  NodeParams bad;
  bad.hello_interval_min_ns = 3 * kSecond;  // above the 2 s maximum
  const auto r = n.retune(bad);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("hello_interval_min_ns"), std::string::npos) << r.error();
  EXPECT_EQ(n.params().hello_interval_min_ns, NodeParams{}.hello_interval_min_ns);
}

TEST(Retune, NewVersionGoesIntoLaterHellos) {
  RecordingOutput o;
  Node n(NodeParams{}, 8);
  n.start(1, o);
  NodeParams p;
  p.version = "retuned; 2";
  ASSERT_TRUE(n.retune(p));
  n.add_peer(2, addr(9), o);
  n.on_timer(3, o);
  const auto hellos = o.sent_of(wire::Verb::kHello);
  ASSERT_FALSE(hellos.empty());
  EXPECT_EQ(std::get<wire::Hello>(hellos.back()).version, std::optional<std::string>("retuned; 2"));
}

// Nodes built from one shared NodeParams keep that one object (the simulator gives each group's
// nodes a single copy); a retune to a shared object of the same identity fields shares it too,
// one that changes them gets a copy with ours kept; null is refused.
TEST(Retune, SharedParametersStayShared) {
  auto p = std::make_shared<const NodeParams>();
  Node a(p, 1, {});
  Node b(p, 2, {});
  EXPECT_EQ(&a.params(), p.get());
  EXPECT_EQ(&b.params(), p.get());
  NodeParams wider = *p;
  wider.gossip_fanout = 5;
  auto q = std::make_shared<const NodeParams>(wider);
  ASSERT_TRUE(a.retune(q));
  EXPECT_EQ(&a.params(), q.get());
  EXPECT_EQ(&b.params(), p.get());
  wider.node_id_bits = 64;
  auto r = std::make_shared<const NodeParams>(wider);
  ASSERT_TRUE(b.retune(r));
  EXPECT_NE(&b.params(), r.get());
  EXPECT_EQ(b.params().node_id_bits, p->node_id_bits);
  EXPECT_EQ(b.params().gossip_fanout, 5u);
  EXPECT_THROW(Node(std::shared_ptr<const NodeParams>(), 3, {}), std::invalid_argument);
}

}  // namespace
}  // namespace ptplab::engine::test
