// Levenshtein distance and the closest-candidate rule of "did you mean" suggestions.
#include "engine/core/did_you_mean.hpp"

#include <gtest/gtest.h>

namespace ptplab {
namespace {

TEST(DidYouMean, EditDistance) {
  EXPECT_EQ(edit_distance("duraton", "duration"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

TEST(DidYouMean, ClosestNameOnlyWhenClose) {
  constexpr std::string_view names[] = {"duration", "description", "seed"};
  EXPECT_EQ(closest_name("duraton", names), "duration");
  EXPECT_EQ(closest_name("sed", names), "seed");
  EXPECT_EQ(closest_name("zzzzzz", names), "");
}

}  // namespace
}  // namespace ptplab
