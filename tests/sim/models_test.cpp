// The network's model pieces on their own: loss processes converge to their configured rates
// (and Gilbert-Elliott loses in bursts), a drop-tail link never exceeds its rate, and the
// latency and session-length distributions have the shapes their parameters say.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/churn.hpp"
#include "sim/drop_tail_queue.hpp"
#include "sim/latency.hpp"
#include "sim/loss.hpp"

namespace ptplab::sim {
namespace {

constexpr int kDraws = 100'000;

struct LossRun {
  double rate = 0;
  double mean_burst = 0;  // mean length of runs of consecutive losses
};

LossRun run_loss(const LossConfig& c, std::uint64_t seed) {
  Rng rng(seed);
  LossState state;
  int lost = 0, bursts = 0;
  bool previous = false;
  for (int i = 0; i < kDraws; ++i) {
    const bool l = draw_loss(c, state, rng);
    lost += l;
    bursts += l && !previous;
    previous = l;
  }
  return {static_cast<double>(lost) / kDraws, bursts > 0 ? static_cast<double>(lost) / bursts : 0.0};
}

RC_GTEST_PROP(Loss, BernoulliConvergesToItsProbability, ()) {
  LossConfig c;
  c.kind = LossKind::kBernoulli;
  c.probability = *rc::gen::inRange(0, 51) / 100.0;
  const auto run = run_loss(c, *rc::gen::arbitrary<std::uint64_t>());
  RC_ASSERT(std::abs(run.rate - c.probability) < 0.01);
}

RC_GTEST_PROP(Loss, GilbertElliottConvergesToItsStationaryLossAndIsBursty, ()) {
  LossConfig c;
  c.kind = LossKind::kGilbertElliott;
  c.p_good_to_bad = *rc::gen::inRange(5, 101) / 1000.0;  // 0.005 .. 0.1
  c.p_bad_to_good = *rc::gen::inRange(10, 51) / 100.0;   // 0.1 .. 0.5
  c.loss_good = *rc::gen::inRange(0, 6) / 100.0;         // 0 .. 0.05
  c.loss_bad = *rc::gen::inRange(50, 101) / 100.0;       // 0.5 .. 1
  const double pi_bad = c.p_good_to_bad / (c.p_good_to_bad + c.p_bad_to_good);
  const double expected = (1 - pi_bad) * c.loss_good + pi_bad * c.loss_bad;
  RC_ASSERT(std::abs(c.mean_loss() - expected) < 1e-12);
  const std::uint64_t seed = *rc::gen::arbitrary<std::uint64_t>();
  const auto ge = run_loss(c, seed);
  RC_ASSERT(std::abs(ge.rate - expected) < 0.02 + 0.1 * expected);
  // Bernoulli loss at the same rate has shorter bursts.
  LossConfig b;
  b.kind = LossKind::kBernoulli;
  b.probability = expected;
  RC_ASSERT(ge.mean_burst > run_loss(b, seed).mean_burst);
}

TEST(Loss, NamesRoundTrip) {
  EXPECT_EQ(parse_name(kLossKinds, "gilbert_elliott"), LossKind::kGilbertElliott);
  EXPECT_EQ(name_of(kLossKinds, LossKind::kBernoulli), "bernoulli");
  EXPECT_FALSE(parse_name(kLossKinds, "burst"));
}

RC_GTEST_PROP(DropTailQueue, NeverExceedsItsRateOverAnyWindow, ()) {
  const std::uint64_t rate = *rc::gen::inRange<std::uint64_t>(1'000, 10'000'000);  // bytes/s
  const std::uint64_t queue_max = *rc::gen::inRange<std::uint64_t>(1'500, 100'000);
  const auto arrivals = *rc::gen::container<std::vector<std::pair<TimeNs, std::uint64_t>>>(rc::gen::pair(
      rc::gen::inRange<TimeNs>(0, 2 * kMillisecond), rc::gen::inRange<std::uint64_t>(1, 1'500)));
  DropTailQueue q;
  TimeNs now = 0;
  std::vector<std::pair<TimeNs, std::uint64_t>> done;  // (last byte out, size)
  for (const auto& [gap, size] : arrivals) {
    now += gap;
    const auto before = q.backlog_bytes(now, rate);
    const auto out = q.admit(now, size, rate, queue_max);
    RC_ASSERT(out.has_value() == (before + size <= queue_max));
    if (out) done.emplace_back(*out, size);
    RC_ASSERT(q.backlog_bytes(now, rate) <= queue_max);
  }
  // Over any window (t1, t2], the bytes finished in it fit the rate plus one datagram.
  for (std::size_t i = 0; i < done.size(); ++i) {
    std::uint64_t bytes = 0;
    for (std::size_t j = i + 1; j < done.size(); ++j) {
      bytes += done[j].second;
      const auto window = static_cast<double>(done[j].first - done[i].first) / 1e9;
      RC_ASSERT(static_cast<double>(bytes) <= static_cast<double>(rate) * window + 1.0);
    }
  }
}

TEST(DropTailQueue, UnlimitedRateNeverQueues) {
  DropTailQueue q;
  EXPECT_EQ(q.admit(5, 1'000'000, 0, 1), 5);
  EXPECT_EQ(q.backlog_bytes(5, 0), 0u);
}

TEST(DropTailQueue, SerialisesAtTheRateAndDropsWhenFull) {
  DropTailQueue q;  // 1000 bytes/s, 2500 bytes of queue: 1000 bytes take 1 s
  EXPECT_EQ(q.admit(0, 1000, 1000, 2500), kSecond);
  EXPECT_EQ(q.admit(0, 1000, 1000, 2500), 2 * kSecond);
  EXPECT_FALSE(q.admit(0, 1000, 1000, 2500));
  EXPECT_EQ(q.admit(kSecond, 500, 1000, 2500), 2 * kSecond + 500 * kMillisecond);
  EXPECT_EQ(transmission_ns(1, 3), 333'333'334);
}

TEST(Latency, ConstantUniformAndMatrix) {
  Rng rng(1);
  LatencyConfig c;
  c.constant_ns = 7 * kMillisecond;
  EXPECT_EQ(draw_latency(c, rng, 0, 0), 7 * kMillisecond);
  c.kind = LatencyKind::kUniform;
  for (int i = 0; i < 1000; ++i) {
    const TimeNs t = draw_latency(c, rng, 0, 0);
    EXPECT_GE(t, c.uniform_min_ns);
    EXPECT_LT(t, c.uniform_max_ns);
  }
  c.kind = LatencyKind::kMatrix;
  c.regions = 2;
  c.matrix_ns = {1 * kMillisecond, 80 * kMillisecond, 90 * kMillisecond, 2 * kMillisecond};
  c.jitter_ns = kMillisecond;
  const TimeNs eu_us = draw_latency(c, rng, 0, 1);
  EXPECT_GE(eu_us, 80 * kMillisecond);
  EXPECT_LT(eu_us, 81 * kMillisecond);
  EXPECT_GE(draw_latency(c, rng, 1, 0), 90 * kMillisecond);
  EXPECT_GE(draw_latency(c, rng, 5, 0), 7 * kMillisecond);  // outside the matrix: constant_ns
}

TEST(Latency, NormalIsTruncatedAtZeroAndLognormalHasItsMedian) {
  Rng rng(2);
  LatencyConfig c;
  c.kind = LatencyKind::kNormal;
  c.mean_ns = 0;
  c.stddev_ns = 10 * kMillisecond;
  for (int i = 0; i < 10'000; ++i) EXPECT_GE(draw_latency(c, rng, 0, 0), 0);
  c.mean_ns = 50 * kMillisecond;
  double sum = 0;
  for (int i = 0; i < 10'000; ++i) sum += static_cast<double>(draw_latency(c, rng, 0, 0));
  EXPECT_NEAR(sum / 10'000, 50e6, 1e6);
  // Lognormal with mean 40 ms and stddev 30 ms: median 40 / sqrt(1 + 0.75^2) = 32 ms.
  c.kind = LatencyKind::kLognormal;
  c.mean_ns = 40 * kMillisecond;
  c.stddev_ns = 30 * kMillisecond;
  std::vector<TimeNs> v;
  double total = 0;
  for (int i = 0; i < 40'001; ++i) {
    v.push_back(draw_latency(c, rng, 0, 0));
    total += static_cast<double>(v.back());
  }
  std::nth_element(v.begin(), v.begin() + 20'000, v.end());
  EXPECT_NEAR(static_cast<double>(v[20'000]), 32e6, 1e6);
  EXPECT_NEAR(total / 40'001, 40e6, 1.5e6);
  EXPECT_EQ(parse_name(kLatencyKinds, "lognormal"), LatencyKind::kLognormal);
}

TEST(SessionLength, ExponentialAndParetoMeans) {
  Rng rng(3);
  SessionLengthConfig c{SessionKind::kExponential, 10 * kSecond, 3.0};
  double sum = 0;
  for (int i = 0; i < 50'000; ++i) sum += static_cast<double>(draw_session_length(c, rng));
  EXPECT_NEAR(sum / 50'000, 10e9, 0.3e9);
  c.kind = SessionKind::kPareto;
  sum = 0;
  TimeNs least = kNever;
  for (int i = 0; i < 50'000; ++i) {
    const TimeNs t = draw_session_length(c, rng);
    least = std::min(least, t);
    sum += static_cast<double>(t);
  }
  EXPECT_NEAR(sum / 50'000, 10e9, 0.5e9);
  EXPECT_GE(least, 10 * kSecond * 2 / 3 - 1);  // the Pareto scale: mean * (alpha-1)/alpha
}

}  // namespace
}  // namespace ptplab::sim
