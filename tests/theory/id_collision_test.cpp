// Id collisions against the birthday bound: over many independent populations, the share with
// at least one collision among n ids of b bits drawn by the node's own generator
// (engine::make_random_id, seeded per node as the simulator seeds nodes) must match
// 1 - prod_{i<n} (1 - i / 2^b) within a binomial confidence interval.
#include <gtest/gtest.h>

#include <cmath>
#include <unordered_set>

#include "engine/core/rng.hpp"
#include "engine/node/ids.hpp"

namespace ptplab::theory {
namespace {

double birthday(int bits, int n) {
  const double space = std::ldexp(1.0, bits);
  double none = 1.0;
  for (int i = 1; i < n; ++i) none *= 1.0 - i / space;
  return 1.0 - none;
}

// Share of `trials` populations of n nodes whose random ids of `bits` bits collide.
double measured(int bits, int n, int trials) {
  int hit = 0;
  for (int t = 0; t < trials; ++t) {
    std::unordered_set<std::string> ids;
    bool collided = false;
    for (int i = 0; i < n && !collided; ++i) {
      Rng rng = Rng::derive(static_cast<std::uint64_t>(t) + 1, static_cast<std::uint64_t>(i));
      collided = !ids.insert(engine::make_random_id(rng, bits)).second;
    }
    hit += collided ? 1 : 0;
  }
  return static_cast<double>(hit) / trials;
}

struct Case {
  int bits, n;
};

TEST(IdCollisionTheory, MeasuredShareMatchesTheBirthdayBound) {
  constexpr int kTrials = 2000;
  constexpr double kSigmas = 4.0;  // deterministic seeds; 4 sigma keeps the bound honest yet stable
  for (const Case c : {Case{8, 20}, Case{12, 50}, Case{16, 300}, Case{16, 50}}) {
    const double p = birthday(c.bits, c.n);
    const double half_width = kSigmas * std::sqrt(p * (1 - p) / kTrials) + 1.0 / kTrials;
    const double got = measured(c.bits, c.n, kTrials);
    EXPECT_NEAR(got, p, half_width) << "b = " << c.bits << ", n = " << c.n << ": theory " << p;
  }
}

TEST(IdCollisionTheory, HalfwayPointIsNearOnePointOneSevenSevenFourTimesRootOfTheSpace) {
  // 50% at n ~ 1.1774 * 2^(b/2): for b = 16, n = 301.
  const int n = static_cast<int>(std::lround(1.1774 * std::ldexp(1.0, 8)));
  EXPECT_NEAR(birthday(16, n), 0.5, 0.01);
  EXPECT_NEAR(measured(16, n, 2000), 0.5, 4.0 * std::sqrt(0.25 / 2000));
}

}  // namespace
}  // namespace ptplab::theory
