// DedupWindow's storage: the insertion order grows by 4 records below 64 (flood-1k's nodes hold
// ~10 entries at the peak: 12 records, not doubling's 16; reports/BENCHMARKS.md, "[P] idle
// memory, session 15"), and every entry is still found and evicted oldest first.
#include "engine/node/dedup_window.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ptplab::engine::test {
namespace {

// "m<i>" (appended: g++ 12 warns falsely on "m" + std::string).
std::string dedup_test_id(int i) {
  std::string id = "m";
  id += std::to_string(i);
  return id;
}

TEST(DedupWindow, InsertionOrderGrowsByFourBelowSixtyFour) {
  DedupWindow w;
  for (int i = 0; i < 10; ++i) w.insert(dedup_test_id(i), 0, i, 0);
  EXPECT_EQ(w.order_capacity(), 12u);
  for (int i = 10; i < 70; ++i) w.insert(dedup_test_id(i), 0, i, 0);
  EXPECT_EQ(w.order_capacity(), 96u);
  for (int i = 0; i < 70; ++i) EXPECT_TRUE(w.find(dedup_test_id(i))) << i;
}

TEST(DedupWindow, TheBoundStillEvictsTheOldestFirst) {
  DedupWindow w;
  for (int i = 0; i < 30; ++i) w.insert(dedup_test_id(i), 0, i, 10);
  EXPECT_EQ(w.size(), 10u);
  for (int i = 0; i < 20; ++i) EXPECT_FALSE(w.find(dedup_test_id(i))) << i;
  for (int i = 20; i < 30; ++i) EXPECT_TRUE(w.find(dedup_test_id(i))) << i;
}

}  // namespace
}  // namespace ptplab::engine::test
