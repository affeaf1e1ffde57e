// load_scenario's cancel flag (review 13 M3): a raised flag ends the load with the one error
// kLoadCancelled, at the first poll, in the duplicate-key pass, the parse or between sections;
// a lowered one changes nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {
namespace {

// A scenario with a large array of `n` 4-value entries under an unknown key (enough values for
// several polls; validation would refuse the key, the flag ends the load before it).
std::string scenario_with_edges(int n) {
  std::string edges;
  for (int i = 0; i < n; ++i) {
    if (i > 0) edges += ",";
    edges += "[\"c\", " + std::to_string(i % 4) + ", \"c\", " + std::to_string((i + 1) % 4) + "]";
  }
  return R"({"name": "cancel", "duration": "1s", "nodes": [{"name": "c", "count": 4}],
             "notes": [)" +
         edges + "]}";
}

TEST(LoadCancel, ARaisedFlagEndsTheLoad) {
  const std::string text = scenario_with_edges(20000);
  std::atomic<bool> stop{true};
  const auto cancelled = load_scenario(text, {}, &stop);
  ASSERT_FALSE(cancelled.has_value());
  ASSERT_EQ(cancelled.error().size(), 1u);
  EXPECT_EQ(cancelled.error()[0].message, kLoadCancelled);
  EXPECT_EQ(cancelled.error()[0].pointer, "");
}

TEST(LoadCancel, ALoweredFlagChangesNothing) {
  const std::string text = R"({"name": "cancel", "duration": "1s", "nodes": [{"name": "c", "count": 4}]})";
  std::atomic<bool> stop{false};
  const auto with_flag = load_scenario(text, {}, &stop);
  const auto without = load_scenario(text);
  ASSERT_TRUE(with_flag.has_value());
  ASSERT_TRUE(without.has_value());
  EXPECT_EQ(with_flag->document, without->document);
}

}  // namespace
}  // namespace ptplab::scenarios
