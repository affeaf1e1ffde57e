// The "bounded-routing" preset (PROTOCOL.md "Presets"): under routing_advert "sample" a ROUTING
// lists our live peers and at most routing_sample_max learned routes, drawn from the node's own
// RNG stream (the same seed draws the same sample); "full" (the spec) lists every route that fits.
#include <gtest/gtest.h>

#include <set>

#include "tests/engine/node/fixture.hpp"

namespace ptplab::engine::test {
namespace {

// A node peered with kA (verified by its HELLO) that learned 100 routes from kA's ROUTING at
// 2 ms, then the entries of the first ROUTING it sends kA within 3 s.
std::vector<wire::RoutingEntry> first_routing(const NodeParams& p, std::uint64_t seed) {
  Node node(p, seed);
  RecordingOutput out;
  node.start(0, out);
  node.add_peer(0, kA, out);
  node.on_datagram(kMillisecond, kA, datagram(wire::Hello{kIdA, "x"}), out);
  wire::Routing r;
  r.node_id = kIdA;
  for (std::uint32_t i = 0; i < 100; ++i)
    r.nodes.push_back({"node-" + std::to_string(i), addr(100 + i).to_string()});
  node.on_datagram(2 * kMillisecond, kA, datagram(r), out);
  EXPECT_EQ(node.table_sizes().routing, 100u);
  for (TimeNs t = 100 * kMillisecond; t <= 3 * kSecond; t += 100 * kMillisecond) {
    out.clear();
    node.on_timer(t, out);
    for (const auto& m : out.sent_of(wire::Verb::kRouting)) return std::get<wire::Routing>(m).nodes;
  }
  ADD_FAILURE() << "no ROUTING within 3 s";
  return {};
}

TEST(BoundedRouting, FullListsEveryRouteThatFits) {
  NodeParams p;
  p.max_datagram_bytes = 65507;
  const auto entries = first_routing(p, 5);
  ASSERT_EQ(entries.size(), 101u);  // kA (our live peer) first, then the 100 routes
  EXPECT_EQ(entries.front().node_id, kIdA);
}

TEST(BoundedRouting, SampleListsPeersThenAtMostTheBoundOfDistinctRoutes) {
  NodeParams p;
  p.max_datagram_bytes = 65507;
  p.routing_advert = RoutingAdvert::kSample;
  p.routing_sample_max = 8;
  const auto entries = first_routing(p, 5);
  ASSERT_EQ(entries.size(), 9u);
  EXPECT_EQ(entries.front().node_id, kIdA);
  EXPECT_EQ(entries.front().address, kA.to_string());
  std::set<std::string> ids;
  for (std::size_t i = 1; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].node_id.rfind("node-", 0), 0u) << entries[i].node_id;
    ids.insert(entries[i].node_id);
  }
  EXPECT_EQ(ids.size(), 8u);
  // Deterministic from the node's own stream: the same seed draws the same sample, another seed another.
  const auto again = first_routing(p, 5);
  ASSERT_EQ(again.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(again[i].node_id, entries[i].node_id);
  const auto other = first_routing(p, 6);
  bool differs = false;
  for (std::size_t i = 0; i < std::min(other.size(), entries.size()); ++i)
    differs = differs || other[i].node_id != entries[i].node_id;
  EXPECT_TRUE(differs);
}

TEST(BoundedRouting, ASampleBoundOfZeroListsOnlyPeers) {
  NodeParams p;
  p.routing_advert = RoutingAdvert::kSample;
  p.routing_sample_max = 0;
  const auto entries = first_routing(p, 5);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries.front().node_id, kIdA);
}

}  // namespace
}  // namespace ptplab::engine::test
