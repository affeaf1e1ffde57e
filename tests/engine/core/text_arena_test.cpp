// The text arena: copies keep their address until clear(), long strings fit, and a cleared
// arena reuses its chunks instead of growing.
#include "engine/core/text_arena.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace ptplab {
namespace {

TEST(TextArena, CopiesOutliveTheirSourceAndKeepTheirAddress) {
  TextArena a;
  std::string source = "msg-1";
  const auto first = a.copy(source);
  source = "overwritten";
  for (int i = 0; i < 2000; ++i) (void)a.copy("filler that spills over several chunks");
  EXPECT_EQ(first, "msg-1");
  EXPECT_TRUE(a.copy("").empty());
}

TEST(TextArena, LongerThanAChunkGetsAChunkOfItsOwn) {
  TextArena a;
  const std::string big(3 * TextArena::kChunkBytes + 7, 'b');
  const auto small = a.copy("s");
  const auto copy = a.copy(big);
  EXPECT_EQ(copy, big);
  EXPECT_EQ(small, "s");
}

TEST(TextArena, ClearReusesTheChunks) {
  TextArena a;
  for (int i = 0; i < 1000; ++i) (void)a.copy("0123456789abcdef0123456789abcdef");
  const auto held = a.capacity();
  for (int round = 0; round < 10; ++round) {
    a.clear();
    for (int i = 0; i < 1000; ++i) (void)a.copy("0123456789abcdef0123456789abcdef");
  }
  EXPECT_EQ(a.capacity(), held);
}

RC_GTEST_PROP(TextArena, EveryCopyEqualsItsSourceUntilClear, (const std::vector<std::string>& texts)) {
  TextArena a;
  std::vector<std::string_view> copies;
  for (const auto& t : texts) copies.push_back(a.copy(t));
  for (std::size_t i = 0; i < texts.size(); ++i) RC_ASSERT(copies[i] == texts[i]);
}

}  // namespace
}  // namespace ptplab
