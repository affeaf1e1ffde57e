// The latency model's `floor` (normal and lognormal): read into sim::LatencyConfig::floor_ns,
// written back by the effective scenario, and rejected where it does not belong or is negative.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scenarios/format/effective.hpp"
#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {
namespace {

Expected<Scenario, ValidationErrors> load_with_latency(const nlohmann::json& latency) {
  nlohmann::json doc = {
      {"name", "floor"}, {"nodes", {{{"name", "n"}, {"count", 2}}}}, {"network", {{"latency", latency}}}};
  return load_scenario(doc.dump());
}

bool has_error_at(const ValidationErrors& errors, const std::string& pointer) {
  for (const auto& e : errors)
    if (e.pointer == pointer) return true;
  return false;
}

TEST(LatencyFloor, ReadIntoTheModelAndWrittenBackByTheEffectiveScenario) {
  for (const char* model : {"normal", "lognormal"}) {
    SCOPED_TRACE(model);
    const auto s =
        load_with_latency({{"model", model}, {"mean", "30ms"}, {"stddev", "20ms"}, {"floor", "5ms"}});
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->network.config.latency.floor_ns, 5 * kMillisecond);
    const auto doc = effective_document(*s);
    EXPECT_EQ(doc.at("network").at("latency").at("floor"), "5ms");
  }
  const auto none = load_with_latency({{"model", "normal"}});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->network.config.latency.floor_ns, 0);
  EXPECT_FALSE(effective_document(*none).at("network").at("latency").contains("floor"));
}

TEST(LatencyFloor, NegativeOrOnAModelWithoutOneIsAnError) {
  const auto negative = load_with_latency({{"model", "normal"}, {"floor", "-1ms"}});
  ASSERT_FALSE(negative.has_value());
  EXPECT_TRUE(has_error_at(negative.error(), "/network/latency/floor"));
  const auto constant = load_with_latency({{"model", "constant"}, {"floor", "1ms"}});
  ASSERT_FALSE(constant.has_value());
  EXPECT_TRUE(has_error_at(constant.error(), "/network/latency/floor"));
}

}  // namespace
}  // namespace ptplab::scenarios
