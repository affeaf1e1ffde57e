// The slot pool under the network's datagrams in flight: records stay where they were put until
// taken, new records go to the lowest chunk with room, and emptied chunks give their storage back.
#include "sim/slot_pool.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ptplab::sim {
namespace {

using Pool = SlotPool<std::string>;
constexpr std::uint32_t kChunk = Pool::kChunkSlots;

TEST(SlotPool, KeepsRecordsUntilTaken) {
  Pool pool;
  const std::uint32_t a = pool.insert("a");
  const std::uint32_t b = pool.insert("b");
  EXPECT_NE(a, b);
  EXPECT_EQ(pool.size(), 2u);
  pool[b] += "!";
  EXPECT_EQ(pool.take(a), "a");
  EXPECT_EQ(pool[b], "b!");
  EXPECT_EQ(pool.size(), 1u);
}

TEST(SlotPool, ReusesAFreedSlotOfTheLowestChunk) {
  Pool pool;
  std::vector<std::uint32_t> slots;
  for (std::uint32_t i = 0; i < 2 * kChunk + 5; ++i) slots.push_back(pool.insert(std::to_string(i)));
  EXPECT_EQ(slots.back(), 2 * kChunk + 4);
  pool.erase(slots[2 * kChunk + 1]);  // third chunk
  pool.erase(slots[7]);               // first chunk
  EXPECT_EQ(pool.insert("x"), 7u);    // the lowest chunk with room wins
  EXPECT_EQ(pool.insert("y"), 2 * kChunk + 1);
  EXPECT_EQ(pool[7], "x");
}

TEST(SlotPool, EmptiedChunksGiveTheirStorageBack) {
  Pool pool;
  std::vector<std::uint32_t> slots;
  for (std::uint32_t i = 0; i < 10 * kChunk; ++i) slots.push_back(pool.insert("burst"));
  EXPECT_EQ(pool.chunks_allocated(), 10u);
  for (const std::uint32_t s : slots) pool.erase(s);
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.chunks_allocated(), Pool::kKeptChunks);
  // After the burst, steady traffic stays in the kept chunk.
  for (int round = 0; round < 3; ++round) {
    std::vector<std::uint32_t> steady;
    for (std::uint32_t i = 0; i < kChunk / 2; ++i) steady.push_back(pool.insert("steady"));
    for (const std::uint32_t s : steady) EXPECT_LT(s, kChunk);
    for (const std::uint32_t s : steady) pool.erase(s);
  }
  EXPECT_EQ(pool.chunks_allocated(), Pool::kKeptChunks);
}

TEST(SlotPool, ErasingReleasesWhatARecordHolds) {
  SlotPool<std::shared_ptr<int>> pool;
  auto held = std::make_shared<int>(1);
  const std::uint32_t s = pool.insert(held);
  const std::uint32_t t = pool.insert(held);
  EXPECT_EQ(held.use_count(), 3);
  pool.erase(s);
  EXPECT_EQ(held.use_count(), 2);
  EXPECT_EQ(*pool.take(t), 1);
  EXPECT_EQ(held.use_count(), 1);
}

// Against a map as the model: any sequence of inserts and takes keeps every stored record
// reachable under its slot, and no two stored records share a slot.
RC_GTEST_PROP(SlotPool, BehavesAsAMapOfSlots, (const std::vector<std::uint16_t>& ops)) {
  Pool pool;
  std::map<std::uint32_t, std::string> model;
  std::uint32_t counter = 0;
  for (const std::uint16_t op : ops) {
    // Mostly inserts in bursts, so that several chunks fill and empty.
    if (op % 3 != 0 || model.empty()) {
      for (std::uint32_t k = 0; k < op % 700u; ++k) {
        const std::string value = std::to_string(counter++);
        const std::uint32_t s = pool.insert(value);
        RC_ASSERT(model.count(s) == 0u);
        model[s] = value;
      }
    } else {
      auto it = model.begin();
      for (std::size_t k = 0; k < (op / 3u) % 900u && it != model.end(); ++k) {
        RC_ASSERT(pool.take(it->first) == it->second);
        it = model.erase(it);
      }
    }
    RC_ASSERT(pool.size() == model.size());
  }
  for (const auto& [slot, value] : model) RC_ASSERT(pool[slot] == value);
}

}  // namespace
}  // namespace ptplab::sim
