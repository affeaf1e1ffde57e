// Push gossip against the Erdos-Renyi/Kermarrec limit: when every node relays a message once to
// F = ln n + c peers drawn at random, the share of runs that reach every node tends to
// exp(-e^(-c)). Each run is a real flood of the engine's "gossip" policy on a complete overlay
// of n = 50 nodes (every node a peer of every other), one message, a fresh seed per run.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/theory/overlay_net.hpp"

namespace ptplab::theory {
namespace {

constexpr std::uint32_t kGossipNodes = 50;
constexpr int kRuns = 60;

std::vector<scenarios::Edge> complete_graph() {
  std::vector<scenarios::Edge> edges;
  for (std::uint32_t a = 0; a < kGossipNodes; ++a)
    for (std::uint32_t b = a + 1; b < kGossipNodes; ++b) edges.emplace_back(a, b);
  return edges;
}

// Share of kRuns gossip runs with fanout f that reached all nodes.
double full_reach_share(std::uint32_t fanout) {
  engine::NodeParams p;
  p.propagation = engine::Propagation::kGossip;
  p.gossip_fanout = fanout;
  p.routing_enabled = false;
  const auto edges = complete_graph();
  int full = 0;
  for (int run = 0; run < kRuns; ++run) {
    OverlayNet net(kGossipNodes, edges, p, 1000 + static_cast<std::uint64_t>(run) * 7919 + fanout);
    net.sim().run_until(3 * kSecond);
    EXPECT_TRUE(net.originate(0));
    net.sim().run_until(5 * kSecond);
    std::uint32_t reached = 0;
    for (std::uint32_t i = 1; i < kGossipNodes; ++i) reached += net.tap.reached.contains(net.host(i)) ? 1 : 0;
    full += reached == kGossipNodes - 1 ? 1 : 0;
  }
  return static_cast<double>(full) / kRuns;
}

TEST(GossipTheory, ShareOfRunsReachingEveryNodeFollowsExpMinusEToTheMinusC) {
  for (const std::uint32_t fanout : {4u, 6u}) {
    const double c = fanout - std::log(static_cast<double>(kGossipNodes));
    const double theory = std::exp(-std::exp(-c));
    const double half_width = 4.0 * std::sqrt(theory * (1 - theory) / kRuns) + 1.0 / kRuns;
    const double got = full_reach_share(fanout);
    EXPECT_NEAR(got, theory, half_width) << "F = " << fanout << ", c = " << c;
  }
}

}  // namespace
}  // namespace ptplab::theory
