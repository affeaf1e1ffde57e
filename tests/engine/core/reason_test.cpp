// The Reason name table: names are unique and round-trip.
#include "engine/core/reason.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ptplab {
namespace {

TEST(Reason, NamesAreUniqueAndRoundTrip) {
  std::set<std::string_view> seen;
  for (int i = 0; i <= static_cast<int>(Reason::kUnannounceableAddress); ++i) {
    const auto r = static_cast<Reason>(i);
    EXPECT_TRUE(seen.insert(reason_name(r)).second) << reason_name(r);
    EXPECT_EQ(reason_from_name(reason_name(r)), r);
  }
  EXPECT_EQ(reason_name(Reason::kNone), "");
  EXPECT_EQ(reason_name(Reason::kAmplificationLimit), "amplification_limit");
  EXPECT_EQ(reason_from_name("no_such_reason"), std::nullopt);
}

}  // namespace
}  // namespace ptplab
