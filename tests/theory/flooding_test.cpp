// Flooding with de-duplication on a loss-free network, checked against graph theory: the
// origin sends to its deg(s) peers and every other node relays once to deg(v) - 1 peers, so a
// MESSAGE costs exactly 2|E| - n + 1 transmissions on a connected overlay; with hops_max = h - 1
// it reaches exactly the h-ball of the source.
#include <gtest/gtest.h>

#include "tests/theory/overlay_net.hpp"

namespace ptplab::theory {
namespace {

constexpr std::uint32_t kNodes = 40;

engine::NodeParams flood_params() {
  engine::NodeParams p;
  p.propagation = engine::Propagation::kFlood;
  p.routing_enabled = false;  // peers come from the overlay only
  return p;
}

bool connected(const std::vector<scenarios::Edge>& edges) {
  for (const auto d : hop_distances(kNodes, edges, 0))
    if (d == UINT32_MAX) return false;
  return true;
}

// Runs one flood from node 0 and returns (transmissions, hosts reached).
// Host ids are node indices: the net adds no other host.
std::pair<std::uint64_t, std::set<sim::HostId>> flood_once(const std::vector<scenarios::Edge>& edges,
                                                           const engine::NodeParams& p, std::uint64_t seed) {
  OverlayNet net(kNodes, edges, p, seed);
  net.sim().run_until(4 * kSecond);  // HELLOs make every edge a live peering both ways
  EXPECT_TRUE(net.originate(0));
  net.sim().run_until(8 * kSecond);
  return {net.tap.message_sends, net.tap.reached};
}

TEST(FloodTheory, TransmissionsEqualTwiceEdgesMinusNodesPlusOne) {
  Rng rng(2026);
  int graphs = 0;
  for (std::uint64_t seed = 1; graphs < 4 && seed < 40; ++seed) {
    auto edges = seed % 2 == 0 ? scenarios::erdos_renyi(kNodes, 0.12, rng)
                               : scenarios::watts_strogatz(kNodes, 4, 0.3, rng);
    if (!connected(edges)) continue;
    ++graphs;
    const auto [sends, reached] = flood_once(edges, flood_params(), seed);
    const std::uint64_t expected = 2 * edges.size() - kNodes + 1;
    EXPECT_EQ(sends, expected) << "graph " << seed << ": |E| = " << edges.size();
    for (std::uint32_t i = 1; i < kNodes; ++i) EXPECT_TRUE(reached.contains(i)) << "node " << i;
  }
  EXPECT_EQ(graphs, 4);
}

TEST(FloodTheory, HopLimitReachesExactlyTheBallOfTheSource) {
  Rng rng(99);
  auto edges = scenarios::random_regular(kNodes, 3, rng);
  const auto dist = hop_distances(kNodes, edges, 0);
  for (std::uint32_t h = 1; h <= 3; ++h) {
    auto p = flood_params();
    p.hops_max = h - 1;
    const auto [sends, reached] = flood_once(edges, p, 7);
    std::set<std::uint32_t> got;
    for (std::uint32_t i = 1; i < kNodes; ++i)
      if (reached.contains(i)) got.insert(i);
    std::set<std::uint32_t> ball;
    for (std::uint32_t i = 1; i < kNodes; ++i)
      if (dist[i] <= h) ball.insert(i);
    EXPECT_EQ(got, ball) << "h = " << h;
  }
}

}  // namespace
}  // namespace ptplab::theory
