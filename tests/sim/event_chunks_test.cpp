// The ladder queue's record runs: push order kept across blocks, slack bounded by one block (a
// doubling vector held up to twice its records), and storage freed as a run is consumed.
#include "sim/event_chunks.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ptplab::sim {
namespace {

EventRecord record(std::uint64_t i) {
  EventRecord e;
  e.time = static_cast<TimeNs>(i);
  e.key = i;
  return e;
}

std::vector<std::uint64_t> keys_of(const EventChunks& c) {
  std::vector<std::uint64_t> out;
  c.for_each([&](const EventRecord& e) { out.push_back(e.key); });
  return out;
}

RC_GTEST_PROP(EventChunks, KeepsPushOrderAndBoundsItsSlack, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(0, 20000);
  EventChunks c;
  std::vector<std::uint64_t> want;
  for (std::size_t i = 0; i < n; ++i) {
    c.push_back(record(i));
    want.push_back(i);
  }
  RC_ASSERT(c.size() == n);
  RC_ASSERT(keys_of(c) == want);
  // Blocks double from kFirstBlock to kBlockMax: about twice the records of a small run at most,
  // under one block more than a large one.
  RC_ASSERT(c.capacity() <=
            (n == 0 ? 0 : std::min(2 * n + EventChunks::kFirstBlock, n + EventChunks::kBlockMax)));
  std::vector<std::uint64_t> seen;
  c.consume([&](const EventRecord& e) { seen.push_back(e.key); });
  RC_ASSERT(seen == want);
  RC_ASSERT(c.empty());
  RC_ASSERT(c.capacity() == 0u);
}

TEST(EventChunks, AHundredThousandRecordsHoldUnderOneBlockOfSlack) {
  // A doubling std::vector holds 131,072 records' storage for 100,000 (and 196,608 while it
  // reallocates); the blocks hold at most one block more than the records.
  EventChunks c;
  for (std::uint64_t i = 0; i < 100000; ++i) c.push_back(record(i));
  EXPECT_LT(c.capacity(), 100000u + EventChunks::kBlockMax);
}

TEST(EventChunks, ClearFreesTheBlocksAndReserveGivesOneBlockOfTheCount) {
  EventChunks c;
  for (std::uint64_t i = 0; i < 5; ++i) c.push_back(record(i));
  c.clear();
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(c.capacity(), 0u);  // a drained bucket holds nothing
  c.push_back(record(7));
  EXPECT_EQ(keys_of(c), std::vector<std::uint64_t>{7});
  EXPECT_EQ(c.capacity(), EventChunks::kFirstBlock);

  EventChunks d;
  d.reserve_next(300);
  for (std::uint64_t i = 0; i < 300; ++i) d.push_back(record(i));
  EXPECT_EQ(d.capacity(), 300u);
  d.clear();  // a block other than a first small one is returned
  EXPECT_EQ(d.capacity(), 0u);
  d.reserve_next(3);  // a counted bucket of three holds three
  for (std::uint64_t i = 0; i < 3; ++i) d.push_back(record(i));
  EXPECT_EQ(d.capacity(), 3u);
  d.clear();
  d.reserve_next(20);
  for (std::uint64_t i = 0; i < 21; ++i) d.push_back(record(i));
  EXPECT_EQ(d.capacity(), 20u + 40u);  // then blocks double
}

TEST(EventChunks, SwapAndMoveHandOverTheRecords) {
  EventChunks a;
  EventChunks b;
  for (std::uint64_t i = 0; i < 40; ++i) a.push_back(record(i));
  a.swap(b);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(b.size(), 40u);
  EXPECT_EQ(b.front().key, 0u);
  EventChunks c(std::move(b));
  EXPECT_EQ(c.size(), 40u);
  EXPECT_TRUE(c.all_of([](const EventRecord& e) { return e.key < 40; }));
  EXPECT_FALSE(c.all_of([](const EventRecord& e) { return e.key < 39; }));
  c.push_back(record(40));
  EXPECT_EQ(keys_of(c).back(), 40u);
}

}  // namespace
}  // namespace ptplab::sim
