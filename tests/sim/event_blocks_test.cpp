// The ladder queue's Bottom: records sorted across blocks pop from the back in order, and each
// block but the first is freed as it empties (no second copy of a flood wave).
#include "sim/event_blocks.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ptplab::sim {
namespace {

struct LaterFirst {
  bool operator()(const EventRecord& a, const EventRecord& b) const { return event_before(b, a); }
};

RC_GTEST_PROP(EventBlocks, SortsAcrossBlocksLikeAVector, ()) {
  const auto times = *rc::gen::container<std::vector<TimeNs>>(
      *rc::gen::inRange<std::size_t>(0, 5 * EventBlocks::kBlock), rc::gen::inRange<TimeNs>(0, 50));
  EventBlocks b;
  std::vector<EventRecord> want;
  for (std::size_t i = 0; i < times.size(); ++i) {
    EventRecord e;
    e.time = times[i];
    e.key = make_event_key(static_cast<OriginId>(i % 7), i);
    b.push_back(e);
    want.push_back(e);
  }
  b.sort(LaterFirst{});
  std::sort(want.begin(), want.end(), LaterFirst{});
  RC_ASSERT(b.size() == want.size());
  while (!b.empty()) {
    RC_ASSERT(b.back().key == want.back().key);
    RC_ASSERT(b.back().time == want.back().time);
    b.pop_back();
    want.pop_back();
    // Blocks beyond the first are freed as they empty.
    RC_ASSERT(b.capacity() <= std::max(EventBlocks::kBlock, b.size() + EventBlocks::kBlock - 1));
  }
}

TEST(EventBlocks, FreesEmptiedBlocksButTheFirst) {
  EventBlocks b;
  for (std::uint64_t i = 0; i < 3 * EventBlocks::kBlock + 1; ++i) {
    EventRecord e;
    e.key = i;
    b.push_back(e);
  }
  EXPECT_EQ(b.capacity(), 4 * EventBlocks::kBlock);
  b.pop_back();
  EXPECT_EQ(b.capacity(), 3 * EventBlocks::kBlock);
  while (!b.empty()) b.pop_back();
  EXPECT_EQ(b.capacity(), EventBlocks::kBlock);  // kept for the next bucket
}

}  // namespace
}  // namespace ptplab::sim
