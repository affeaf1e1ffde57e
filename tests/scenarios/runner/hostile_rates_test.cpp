// Hostile rates in a run (issue 15, item 4): a Poisson message rate so small that the first gap
// exceeds int64 nanoseconds ends the run on time with no message, instead of a negative time
// from an undefined cast that scheduled messages forever.
#include <gtest/gtest.h>

#include "scenarios/runner/run.hpp"
#include "tests/scenarios/runner/load_or_fail.hpp"

namespace ptplab::scenarios {
namespace {

TEST(HostileRates, ATinyMessageRateSendsNothingAndEnds) {
  for (const char* rate : {"1e-300", "4.9e-324", "1e-9"}) {
    const auto s = test_support::load_or_fail(std::string(R"({"name": "tiny", "duration": "2s",
      "nodes": [{"name": "n", "count": 2, "placement": "public"}], "topology": {"edges": [[0, 1]]},
      "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": )") +
                                              rate + "}}]}}");
    const auto out = run_scenario(s, {});
    ASSERT_TRUE(out.has_value()) << out.error();
    EXPECT_EQ(out->metrics.at("messages_sent"), 0) << rate;
    EXPECT_EQ(out->simulated_ns, 2 * kSecond) << rate;
  }
}

}  // namespace
}  // namespace ptplab::scenarios
