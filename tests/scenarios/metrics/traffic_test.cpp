// The traffic accumulator: endpoint drops indexed by their Reason come out as rows named by the
// reason table, sorted, and counted per reason.
#include "scenarios/metrics/traffic.hpp"

#include <gtest/gtest.h>

namespace ptplab::scenarios {
namespace {

constexpr auto kHello = static_cast<std::size_t>(wire::Verb::kHello);
constexpr auto kMessage = static_cast<std::size_t>(wire::Verb::kMessage);

TEST(TrafficTable, EngineDropsAreRowsNamedByTheReasonTable) {
  TrafficTable t(kSecond, 3 * kSecond);
  t.engine_dropped(100 * kMillisecond, kHello, 80, Reason::kPeersFull);
  t.engine_dropped(200 * kMillisecond, kHello, 90, Reason::kPeersFull);
  t.engine_dropped(300 * kMillisecond, kMessage, 700, Reason::kRateLimited);
  t.engine_dropped(1500 * kMillisecond, kHello, 60, Reason::kRateLimited);
  EXPECT_EQ(t.engine_drops(Reason::kPeersFull), 2u);
  EXPECT_EQ(t.engine_drops(Reason::kRateLimited), 2u);
  EXPECT_EQ(t.engine_drops(Reason::kTooLarge), 0u);

  const auto rows = t.records();
  ASSERT_EQ(rows.size(), 3u);
  // (bucket, verb, reason) order.
  EXPECT_EQ(rows[0].verb, "HELLO");
  EXPECT_EQ(rows[0].drop_reason, "peers_full");
  EXPECT_EQ(rows[0].datagrams_dropped, 2u);
  EXPECT_EQ(rows[0].bytes_dropped, 170u);
  EXPECT_EQ(rows[1].verb, "MESSAGE");
  EXPECT_EQ(rows[1].drop_reason, "rate_limited");
  EXPECT_EQ(rows[1].bytes_dropped, 700u);
  EXPECT_EQ(rows[2].bucket_start_ns, kSecond);
  EXPECT_EQ(rows[2].drop_reason, "rate_limited");
}

}  // namespace
}  // namespace ptplab::scenarios
