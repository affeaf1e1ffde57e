// Bounds that cannot be gamed (issue 15, item 3): forgetting a source from the bounded source
// table never hands it a fresh allowance when it returns. The property runs more sources than
// the table holds, in any order; the example is the repro through the Node.
#include "engine/node/evicted_sources.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/node/source_guard.hpp"
#include "tests/engine/node/addresses.hpp"
#include "tests/engine/node/fixture.hpp"

namespace ptplab::engine::test {
namespace {

// Datagrams limited when `sources` addresses send `datagrams` junk datagrams round-robin, one
// every `gap_ns`, at a Node configured by `params_json`.
std::size_t limited_round_robin(const nlohmann::json& params_json, std::uint32_t sources,
                                std::size_t datagrams, TimeNs gap_ns) {
  NodeParams params;
  EXPECT_TRUE(set_params(params, params_json));
  Node node(params, 7);
  RecordingOutput out;
  node.start(kT0, out);
  const SharedBytes junk = make_bytes("not json");
  std::size_t limited = 0;
  for (std::size_t i = 0; i < datagrams; ++i) {
    out.clear();
    node.on_datagram(kT0 + static_cast<TimeNs>(i) * gap_ns,
                     addr(100 + static_cast<std::uint32_t>(i % sources)), junk, out);
    limited += out.count(EventKind::kRateLimited);
  }
  return limited;
}

TEST(EvictedSources, OneSourceMoreThanTheTableHoldsIsStillLimited) {
  const nlohmann::json p = {
      {"rate_burst_datagrams", 5}, {"rate_datagrams_per_s", 1}, {"rate_sources_max", 4}};
  // One datagram per ms: 0.25 s, so each source earns its burst of 5 and no more.
  EXPECT_EQ(limited_round_robin(p, 4, 200, kMillisecond), 180u);
  // Before the sketch, 5 sources evicted each other and got 0 of 250 limited.
  EXPECT_GE(limited_round_robin(p, 5, 250, kMillisecond), 225u);
  EXPECT_GE(limited_round_robin(p, 40, 2000, kMillisecond / 10), 2000u - 40u * 5u);
}

TEST(EvictedSources, ARecordIsThePoorerOfTheSourcesSharingItsSlot) {
  NodeParams p;
  p.rate_burst_datagrams = 10;
  p.rate_datagrams_per_s = 1;
  EvictedSources sketch;
  SourceBuckets spent = SourceBuckets::full(0, p);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(spent.datagrams.take(0, 1, 10, 1));
  sketch.remember(0, kPeer1, SourceBuckets::full(0, p), p, 1);  // a full record is not kept
  EXPECT_EQ(sketch.slot_count(), 0u);
  sketch.remember(0, kPeer1, spent, p, 1);
  ASSERT_EQ(sketch.slot_count(), 1u);
  sketch.remember(0, kPeer2, SourceBuckets::full(0, p) /* skipped: full */, p, 1);
  // One slot: kPeer3, never seen, shares kPeer1's spent record and refills at the rate.
  SourceBuckets again = sketch.recall(3 * kSecond, kPeer3, p);
  again.datagrams.refill(3 * kSecond, 1, 10);
  EXPECT_DOUBLE_EQ(again.datagrams.tokens(), 3.0);
  EXPECT_TRUE(sketch.recall(20 * kSecond, kPeer1, p).is_full(20 * kSecond, p));
}

TEST(EvictedSources, ExpiryRemembersTheBucketsToo) {
  NodeParams p;
  p.rate_burst_datagrams = 2;
  p.rate_datagrams_per_s = 1;
  SourceGuard g;
  EXPECT_NE(g.admit(1, kPeer1, 1, p, 8), nullptr);
  EXPECT_NE(g.admit(2, kPeer1, 1, p, 8), nullptr);
  EXPECT_EQ(g.admit(3, kPeer1, 1, p, 8), nullptr);
  g.expire(10, 5, p, 8);
  EXPECT_EQ(g.source_count(), 0u);
  EXPECT_EQ(g.admit(11, kPeer1, 1, p, 8), nullptr);  // back within the second: still empty
  EXPECT_NE(g.admit(11 + kSecond, kPeer1, 1, p, 8), nullptr);
}

// Any number of sources (up to 3x the table) in any order against a table of k: no source gets
// more than burst + rate * t over the t it was sending, as if every source had its own bucket
// forever; so k + 1 sources round-robin stay within (k + 1) x (burst + rate * t).
RC_GTEST_PROP(EvictedSources, NoSourceExceedsItsBucketWhateverTheTableForgets, ()) {
  const auto k = *rc::gen::inRange<std::uint32_t>(1, 9);
  const auto n = *rc::gen::inRange<std::uint32_t>(k + 1, 3 * k + 1);
  NodeParams p;
  p.rate_datagrams_per_s = *rc::gen::inRange(1, 100);
  p.rate_burst_datagrams = *rc::gen::inRange(1, 20);
  p.rate_bytes_per_s = 1e12;
  p.rate_burst_bytes = 1e12;
  const auto round_robin = *rc::gen::arbitrary<bool>();
  const auto steps = *rc::gen::container<std::vector<std::pair<std::uint32_t, std::uint32_t>>>(rc::gen::pair(
      rc::gen::inRange<std::uint32_t>(0, 1000), rc::gen::inRange<std::uint32_t>(0, 20'000'000)));
  SourceGuard g;
  TimeNs now = 0;
  std::map<std::uint32_t, std::size_t> accepted;
  std::size_t total = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::uint32_t who = round_robin ? static_cast<std::uint32_t>(i % n) : steps[i].first % n;
    now += steps[i].second;
    if (g.admit(now, addr(200 + who), 1, p, k)) {
      ++accepted[who];
      ++total;
    }
    RC_ASSERT(g.source_count() <= k);
  }
  const double allowance =
      p.rate_burst_datagrams + p.rate_datagrams_per_s * static_cast<double>(now) / kSecond;
  for (const auto& [who, count] : accepted)
    RC_ASSERT(static_cast<double>(count) <= std::floor(allowance + 1e-9));
  if (round_robin) RC_ASSERT(static_cast<double>(total) <= n * std::floor(allowance + 1e-9));
}

}  // namespace
}  // namespace ptplab::engine::test
