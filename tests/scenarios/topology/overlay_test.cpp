// Overlay generators: edge counts and degrees their definitions fix, and well-formed edge lists.
#include "scenarios/topology/overlay.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <atomic>

namespace ptplab::scenarios {
namespace {

std::vector<std::uint32_t> degrees(const std::vector<Edge>& edges, std::uint32_t n) {
  std::vector<std::uint32_t> d(n, 0);
  for (const auto& [a, b] : edges) {
    ++d[a];
    ++d[b];
  }
  return d;
}

bool well_formed(const std::vector<Edge>& edges, std::uint32_t n) {
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (edges[i].first >= edges[i].second || edges[i].second >= n) return false;
    if (i > 0 && !(edges[i - 1] < edges[i])) return false;
  }
  return true;
}

TEST(Overlay, RandomRegularGivesEveryNodeItsDegree) {
  Rng rng(1);
  const auto e = random_regular(100, 6, rng);
  EXPECT_EQ(e.size(), 300u);
  for (const auto d : degrees(e, 100)) EXPECT_EQ(d, 6u);
}

TEST(Overlay, WattsStrogatzKeepsTheRingsEdgeCount) {
  Rng rng(2);
  EXPECT_EQ(watts_strogatz(50, 4, 0.0, rng).size(), 100u);
  EXPECT_EQ(watts_strogatz(50, 4, 0.3, rng).size(), 100u);
}

TEST(Overlay, BarabasiAlbertAddsMEdgesPerNode) {
  Rng rng(3);
  // A clique of m + 1 = 3 nodes (3 edges), then 2 edges for each of the 97 others.
  EXPECT_EQ(barabasi_albert(100, 2, rng).size(), 3u + 97u * 2u);
}

TEST(Overlay, ErdosRenyiExtremes) {
  Rng rng(4);
  EXPECT_TRUE(erdos_renyi(30, 0.0, rng).empty());
  EXPECT_EQ(erdos_renyi(30, 1.0, rng).size(), 30u * 29u / 2u);
  const auto e = erdos_renyi(400, 0.05, rng);  // mean 3990, stddev ~61
  EXPECT_GT(e.size(), 3600u);
  EXPECT_LT(e.size(), 4400u);
}

TEST(Overlay, NormaliseDropsLoopsDuplicatesAndStrangers) {
  const auto e = normalise_edges({{2, 1}, {1, 2}, {3, 3}, {0, 9}, {0, 1}}, 4);
  EXPECT_EQ(e, (std::vector<Edge>{{0, 1}, {1, 2}}));
}

// A raised cancellation flag stops every generator within kOverlayPollSteps steps, far short
// of the full overlay; a flag never raised changes nothing.
TEST(Overlay, GeneratorsStopEarlyOnceCancelled) {
  constexpr std::uint32_t kN = 100'000;
  const std::atomic<bool> raised{true}, never{false};
  Rng a(5), b(5), c(5), d(5), e(5);
  EXPECT_LE(random_regular(kN, 6, a, &raised).size(), kOverlayPollSteps);
  EXPECT_LE(erdos_renyi(kN, 1e-4, b, &raised).size(), kOverlayPollSteps);
  EXPECT_LE(watts_strogatz(kN, 6, 0.1, c, &raised).size(), 3 * kOverlayPollSteps);
  EXPECT_LE(barabasi_albert(kN, 3, d, &raised).size(), 3 * kOverlayPollSteps + 6);
  Rng f(5);
  EXPECT_EQ(random_regular(1000, 6, e, &never), random_regular(1000, 6, f));
}

RC_GTEST_PROP(Overlay, GeneratorsGiveWellFormedEdgeLists, (std::uint64_t seed)) {
  const auto n = *rc::gen::inRange<std::uint32_t>(2, 200);
  Rng rng(seed);
  RC_ASSERT(well_formed(random_regular(n, *rc::gen::inRange<std::uint32_t>(1, 8), rng), n));
  RC_ASSERT(well_formed(erdos_renyi(n, *rc::gen::inRange(0, 100) / 100.0, rng), n));
  RC_ASSERT(well_formed(watts_strogatz(n, *rc::gen::inRange<std::uint32_t>(2, 8), 0.2, rng), n));
  RC_ASSERT(well_formed(barabasi_albert(n, *rc::gen::inRange<std::uint32_t>(1, 5), rng), n));
}

}  // namespace
}  // namespace ptplab::scenarios
