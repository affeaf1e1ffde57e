// SharedText on its own: copies share one allocation, equal texts made apart do not, and the
// text reads back whole (ASan checks the reference counting of the copies and moves).
#include "engine/node/shared_text.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace ptplab::engine::test {
namespace {

TEST(SharedText, CopiesShareEqualTextsMadeApartDoNot) {
  const SharedText a("6f1c2a3b-0000-4000-8000-000000000050");
  const SharedText b = a;
  const SharedText c("6f1c2a3b-0000-4000-8000-000000000050");
  EXPECT_TRUE(a.shares(b));
  EXPECT_FALSE(a.shares(c));
  EXPECT_EQ(b.view(), "6f1c2a3b-0000-4000-8000-000000000050");
  EXPECT_TRUE(c == a.view());
  EXPECT_EQ(sizeof(SharedText), sizeof(void*));
}

TEST(SharedText, TheEmptyTextHoldsNothing) {
  const SharedText e("");
  EXPECT_EQ(e.view(), "");
  EXPECT_FALSE(e.shares(SharedText()));
}

RC_GTEST_PROP(SharedText, CopiesAndMovesKeepTheText, (const std::vector<std::string>& texts)) {
  std::vector<SharedText> held;
  for (const auto& t : texts) {
    SharedText s(t);
    held.push_back(s);
    held.push_back(std::move(s));
  }
  std::vector<SharedText> copies = held;
  held.clear();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    RC_ASSERT(copies[2 * i].view() == texts[i]);
    RC_ASSERT(copies[2 * i + 1].view() == texts[i]);
  }
}

}  // namespace
}  // namespace ptplab::engine::test
