// Nodes on the simulated Internet: 50 nodes under 20% Bernoulli loss deliver every message to
// every member of an open and a closed channel; two nodes behind port-restricted NATs open a
// direct path with CONNECT through a public rendezvous, two behind symmetric NATs fail cleanly.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/crypto/verify_cache.hpp"
#include "engine/node/node.hpp"
#include "sim/network.hpp"

namespace ptplab::engine {
namespace {

// Records the events the test checks, per host.
struct Recorder final : sim::Observer {
  std::map<std::pair<sim::HostId, std::string>, int> delivered;  // (host, msg_id) -> count
  std::vector<std::pair<sim::HostId, EventKind>> connects;
  void on_event(TimeNs, sim::HostId host, const Event& e, const sim::EventCause&) override {
    if (e.kind == EventKind::kDelivered) ++delivered[{host, std::string(e.msg_id)}];
    if (e.kind == EventKind::kConnectSucceeded || e.kind == EventKind::kConnectFailed)
      connects.emplace_back(host, e.kind);
  }
};

Node& node_of(sim::Network& net, sim::HostId id) { return static_cast<Node&>(*net.endpoint(id)); }

sim::EndpointFactory factory(const NodeParams& p, crypto::VerifyCache* cache) {
  return [p, cache](const sim::HostStart& s) { return std::make_unique<Node>(p, s.seed, NodeShared{cache}); };
}

TEST(Simulated, FiftyNodesUnderTwentyPercentLossDeliverToEveryMember) {
  sim::Simulator s;
  sim::NetworkConfig config;
  config.seed = 42;
  config.link.downlink_loss = {sim::LossKind::kBernoulli, 0.2};
  Recorder rec;
  sim::Network net(s, config, &rec);
  crypto::VerifyCache cache(12);
  constexpr std::uint32_t kNodes = 50;
  std::vector<sim::HostId> hosts;
  for (std::uint32_t i = 0; i < kNodes; ++i) {
    auto h = net.add_host({.address = Address{0x0b000001u + i, 7000}}, factory({}, &cache));
    ASSERT_TRUE(h) << h.error();
    hosts.push_back(*h);
    net.start_host(*h);
  }
  // Each node bootstraps to three earlier ones: a connected random graph.
  Rng rng(7);
  for (std::uint32_t i = 1; i < kNodes; ++i)
    for (int k = 0; k < 3; ++k) {
      const auto j = rng.below(i);
      net.act(hosts[i], [&](Endpoint& e, Output& o) {
        static_cast<Node&>(e).add_peer(s.now(), net.address(hosts[j]), o);
      });
    }
  s.run_until(10 * kSecond);
  std::string open_id, closed_id;
  net.act(hosts[0], [&](Endpoint& e, Output& o) {
    open_id = static_cast<Node&>(e).create_channel(s.now(), "lobby", false, o);
    closed_id = static_cast<Node&>(e).create_channel(s.now(), "back-room", true, o);
  });
  // Everyone joins both channels as soon as it has heard of them.
  for (TimeNs t = 12 * kSecond; t <= 60 * kSecond; t += 2 * kSecond) {
    s.run_until(t);
    for (auto h : hosts)
      net.act(h, [&](Endpoint& e, Output& o) {
        auto& n = static_cast<Node&>(e);
        for (const auto& ch : {open_id, closed_id})
          if (n.knows_channel(ch) && !n.is_member(ch)) n.join_channel(s.now(), ch, o);
      });
  }
  s.run_until(80 * kSecond);
  for (auto h : hosts) {
    ASSERT_TRUE(node_of(net, h).is_member(open_id)) << h;
    ASSERT_TRUE(node_of(net, h).is_member(closed_id)) << h;
    EXPECT_TRUE(node_of(net, h).has_channel_key(closed_id)) << h;
  }
  // Five senders, one message each per channel.
  std::vector<std::pair<sim::HostId, std::string>> sent;
  for (std::uint32_t k = 0; k < 5; ++k) {
    const auto h = hosts[k * 10 + 3];
    net.act(h, [&](Endpoint& e, Output& o) {
      for (const auto& ch : {open_id, closed_id}) {
        const auto id =
            static_cast<Node&>(e).send_message(s.now(), ch, "message " + std::to_string(k), {}, o);
        ASSERT_TRUE(id);
        sent.emplace_back(h, *id);
      }
    });
  }
  s.run_until(140 * kSecond);
  for (const auto& [sender, msg_id] : sent)
    for (auto h : hosts)
      if (h != sender) {
        EXPECT_EQ((rec.delivered[{h, msg_id}]), 1) << "host " << h << " msg " << msg_id;
      }
  EXPECT_GT(cache.hits(), 0u);
}

// Nodes that never greet ROUTING-learned nodes on their own: CONNECT only when asked.
NodeParams without_greetings() {
  NodeParams p;
  p.routing_greetings_max = 0;
  return p;
}

// A rendezvous S on a public address and A, B each behind its own NAT of kind `nat`.
std::vector<std::pair<sim::HostId, EventKind>> connect_through(const sim::NatConfig& nat) {
  sim::Simulator s;
  sim::NetworkConfig config;
  Recorder rec;
  sim::Network net(s, config, &rec);
  const auto server = *net.add_host({.address = *Address::parse("198.51.100.10:9000")},
                                    factory(without_greetings(), nullptr));
  const auto nat_a = *net.add_nat(*Address::parse_ip("203.0.113.1"), nat);
  const auto nat_b = *net.add_nat(*Address::parse_ip("203.0.113.2"), nat);
  const auto a = *net.add_host({.address = *Address::parse("192.168.1.2:5000"), .nat = nat_a},
                               factory(without_greetings(), nullptr));
  const auto b = *net.add_host({.address = *Address::parse("192.168.1.2:5000"), .nat = nat_b},
                               factory(without_greetings(), nullptr));
  for (auto h : {server, a, b}) net.start_host(h);
  for (auto h : {a, b})
    net.act(h,
            [&](Endpoint& e, Output& o) { static_cast<Node&>(e).add_peer(s.now(), net.address(server), o); });
  s.run_until(5 * kSecond);
  const std::string b_id = node_of(net, b).node_id();
  EXPECT_FALSE(node_of(net, a).peer_address(b_id));
  net.act(a, [&](Endpoint& e, Output& o) {
    static_cast<Node&>(e).connect(s.now(), net.address(server), b_id, o);
  });
  s.run_until(30 * kSecond);
  if (!rec.connects.empty() && rec.connects[0].second == EventKind::kConnectSucceeded) {
    EXPECT_TRUE(node_of(net, a).peer_address(b_id));
  }
  return rec.connects;
}

TEST(Simulated, PortRestrictedNatsConnectThroughARendezvous) {
  const auto events = connect_through(sim::NatConfig::port_restricted());
  ASSERT_EQ(events.size(), 2u);  // A and B
  for (const auto& [host, kind] : events) EXPECT_EQ(kind, EventKind::kConnectSucceeded) << host;
}

// Greeting nodes learned through ROUTING: A's first HELLO is filtered by B's port-restricted NAT but
// opens A's own mapping towards B; B's greeting then passes it (and a CONNECT through S follows
// for a side still unheard), so the two meet without anyone asking.
TEST(Simulated, NodesBehindNatsMetThroughRoutingAreConnectedWithoutBeingAsked) {
  sim::Simulator s;
  sim::NetworkConfig config;
  Recorder rec;
  sim::Network net(s, config, &rec);
  const auto server = *net.add_host({.address = *Address::parse("198.51.100.10:9000")}, factory({}, nullptr));
  const auto nat_a = *net.add_nat(*Address::parse_ip("203.0.113.1"), sim::NatConfig::port_restricted());
  const auto nat_b = *net.add_nat(*Address::parse_ip("203.0.113.2"), sim::NatConfig::port_restricted());
  const auto a =
      *net.add_host({.address = *Address::parse("192.168.1.2:5000"), .nat = nat_a}, factory({}, nullptr));
  const auto b =
      *net.add_host({.address = *Address::parse("192.168.1.2:5000"), .nat = nat_b}, factory({}, nullptr));
  for (auto h : {server, a, b}) net.start_host(h);
  for (auto h : {a, b})
    net.act(h,
            [&](Endpoint& e, Output& o) { static_cast<Node&>(e).add_peer(s.now(), net.address(server), o); });
  s.run_until(20 * kSecond);
  EXPECT_TRUE(node_of(net, a).peer_address(node_of(net, b).node_id()));
  EXPECT_TRUE(node_of(net, b).peer_address(node_of(net, a).node_id()));
}

TEST(Simulated, SymmetricNatsFailCleanlyWithAnEvent) {
  const auto events = connect_through(sim::NatConfig::symmetric());
  ASSERT_EQ(events.size(), 2u);
  for (const auto& [host, kind] : events) EXPECT_EQ(kind, EventKind::kConnectFailed) << host;
}

}  // namespace
}  // namespace ptplab::engine
