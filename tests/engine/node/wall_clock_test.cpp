// Two clocks (DESIGN.md): MESSAGE timestamps are epoch milliseconds from the offset the host gives,
// timers run on the monotonic `now`; the staleness check is exact at the int64 extremes and
// refuses timestamps too far ahead as well as too far behind.
#include <gtest/gtest.h>

#include <limits>

#include "engine/node/dedup_window.hpp"
#include "engine/wire/codec.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

constexpr std::int64_t kI64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kI64Max = std::numeric_limits<std::int64_t>::max();
constexpr TimeNs kEpochAtZero = 1'764'000'000'000 * kMillisecond;  // Nov 2025, as a host would set

TEST(TimeWindow, IsExactForExtremeTimestampsAndBoundedBothWays) {
  constexpr std::int64_t now = 1'764'000'000'000, window = 120'000;
  static_assert(!outside_time_window(now, now, window));
  static_assert(!outside_time_window(now, now - window, window));
  static_assert(!outside_time_window(now, now + window, window));
  static_assert(outside_time_window(now, now - window - 1, window));
  static_assert(outside_time_window(now, now + window + 1, window));
  static_assert(outside_time_window(now, kI64Min, window));
  static_assert(outside_time_window(now, kI64Max, window));
  static_assert(outside_time_window(0, kI64Min, window));
  static_assert(outside_time_window(0, kI64Max, window));
  static_assert(!outside_time_window(0, 0, window));
  EXPECT_TRUE(outside_time_window(now, kI64Max, window));  // also at run time
}

// Nodes 0 (sender) and 1 (receiver) on a channel; the receiver's wall clock is `skew` ahead of the
// sender's. Returns the receiver's events for the message and the message's wire timestamp.
struct Sent {
  std::vector<RecordedEvent> events;
  std::int64_t wire_timestamp = 0;
  TimeNs sent_at = 0;
  std::string msg_id;
};

Sent send_with_skew(TimeNs skew) {
  Loopback net;
  net.add({}, 1);
  net.add({}, 2);
  net.node(0).set_epoch_offset(kEpochAtZero);
  net.node(1).set_epoch_offset(kEpochAtZero + skew);
  net.act(1, [&](Node& n, Output& o) { n.add_peer(net.now(), net.address(0), o); });
  net.run_until(3 * kSecond);
  const auto id = net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "c", false, o); });
  net.run_until(5 * kSecond);
  EXPECT_TRUE(net.act(1, [&](Node& n, Output& o) { return n.join_channel(net.now(), id, o); }));
  net.run_until(7 * kSecond);
  Sent s;
  s.sent_at = net.now();
  s.msg_id = *net.act(0, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "hi", {}, o); });
  net.run_until(10 * kSecond);
  for (const auto& r : net.wiretap) {
    const auto m = wire::decode(*r.bytes);
    if (m && std::holds_alternative<wire::ChatMessage>(*m))
      s.wire_timestamp = std::get<wire::ChatMessage>(*m).timestamp;
  }
  for (const auto& e : net.events(1))
    if (e.msg_id == s.msg_id) s.events.push_back(e);
  return s;
}

TEST(WallClock, MessageTimestampIsEpochMillisecondsAndOriginTimeIsMonotonic) {
  const Sent s = send_with_skew(0);
  EXPECT_EQ(s.wire_timestamp, (s.sent_at + kEpochAtZero) / kMillisecond);
  ASSERT_EQ(count_events(s.events, EventKind::kDelivered), 1u);
  EXPECT_EQ(s.events.front().origin_time, s.sent_at);  // back on the receiver's monotonic clock
}

TEST(WallClock, ClocksApartWithinTheWindowDeliverBeyondItDropAsStaleEitherWay) {
  EXPECT_EQ(count_events(send_with_skew(100 * kSecond).events, EventKind::kDelivered), 1u);
  EXPECT_EQ(count_events(send_with_skew(-100 * kSecond).events, EventKind::kDelivered), 1u);
  for (const TimeNs skew : {200 * kSecond, -200 * kSecond}) {
    const Sent s = send_with_skew(skew);
    EXPECT_EQ(count_events(s.events, EventKind::kDelivered), 0u) << skew;
    bool stale = false;
    for (const auto& e : s.events) stale = stale || (e.kind == EventKind::kDropped && e.reason == "stale");
    EXPECT_TRUE(stale) << skew;
  }
}

}  // namespace
}  // namespace ptplab::engine::test
