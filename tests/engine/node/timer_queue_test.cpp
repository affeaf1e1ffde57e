// TimerQueue on its own: deadline order, and the storage a burst of timers leaves behind.
#include "engine/node/timer_queue.hpp"

#include <gtest/gtest.h>

namespace ptplab::engine::test {
namespace {

TEST(TimerQueue, PopsInDeadlineOrder) {
  TimerQueue q;
  q.push(30, TimerKind::kHello, 3);
  q.push(10, TimerKind::kRetransmit, 1);
  q.push(20, TimerKind::kRouting, 2);
  EXPECT_EQ(q.next(), 10);
  EXPECT_FALSE(q.due(9));
  EXPECT_TRUE(q.due(10));
  for (const std::uint32_t key : {1u, 2u, 3u}) EXPECT_EQ(q.pop().key, key);
  EXPECT_EQ(q.next(), kNever);
}

// A node's start-up burst (a retransmission timer per probe and answer) must not leave an idle
// node holding room for it (reports/BENCHMARKS.md, "[P] idle memory, session 13"); small
// capacities are kept, so a steady node does not reallocate at every tick.
TEST(TimerQueue, GivesBackABurstsSlack) {
  TimerQueue q;
  for (std::uint32_t i = 0; i < 40; ++i) q.push(i, TimerKind::kRetransmit, i);
  ASSERT_GE(q.capacity(), 40u);
  for (std::uint32_t i = 0; i < 32; ++i) EXPECT_EQ(q.pop().key, i);
  EXPECT_LE(q.capacity(), 16u);
  for (std::uint32_t i = 32; i < 40; ++i) EXPECT_EQ(q.pop().key, i);
  q.push(1, TimerKind::kHello, 1);
  q.push(2, TimerKind::kHello, 2);
  const auto small = q.capacity();
  q.pop();
  EXPECT_EQ(q.capacity(), small);
}

// A node's start-up peak holds ~20 timers: the heap grows by 4 entries below 64 (17 timers hold
// 20 slots, not doubling's 32; reports/BENCHMARKS.md, "[P] idle memory, session 15"), then by half.
TEST(TimerQueue, GrowsByFourEntriesBelowSixtyFour) {
  TimerQueue q;
  for (std::uint32_t i = 0; i < 17; ++i) q.push(100 - i, TimerKind::kRetransmit, i);
  EXPECT_EQ(q.capacity(), 20u);
  for (std::uint32_t i = 17; i < 65; ++i) q.push(100 - i, TimerKind::kRetransmit, i);
  EXPECT_EQ(q.capacity(), 96u);
  for (std::uint32_t i = 65; i-- > 0;) EXPECT_EQ(q.pop().key, i);
}

}  // namespace
}  // namespace ptplab::engine::test
