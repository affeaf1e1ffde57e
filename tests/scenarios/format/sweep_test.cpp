// Sweep expansion counts, order, labels and seeds; --set values and pointers.
#include "scenarios/format/sweep.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "scenarios/format/overrides.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

TEST(Sweep, TwoPointsTimesTwoSeedsGiveFourRuns) {
  const json doc = json::parse(R"({"name": "s", "seed": 10, "nodes": [{"count": 5, "params": {}}],
     "sweep": {"parameters": {"/nodes/0/params/gossip_fanout": [4, 8]}, "seeds": 2}})");
  const auto points = expand_sweep(doc).value();
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0].label, "/nodes/0/params/gossip_fanout=4 seed=10");
  EXPECT_EQ(points[1].label, "/nodes/0/params/gossip_fanout=4 seed=11");
  EXPECT_EQ(points[3].label, "/nodes/0/params/gossip_fanout=8 seed=11");
  EXPECT_EQ(points[3].seed, 11u);
  EXPECT_EQ(points[3].document["seed"], 11);
  EXPECT_EQ(points[3].document["nodes"][0]["params"]["gossip_fanout"], 8);
  EXPECT_FALSE(points[0].document.contains("sweep"));
  // Every point is itself a valid scenario.
  for (const auto& p : points) EXPECT_TRUE(load_scenario(p.document.dump()).has_value()) << p.label;
}

TEST(Sweep, LastParameterVariesFastest) {
  const json doc =
      json::parse(R"({"name": "s", "sweep": {"parameters": {"/a": [1, 2], "/b": ["x", "y", "z"]}}})");
  const auto points = expand_sweep(doc).value();
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0].label, "/a=1 /b=\"x\" seed=1");
  EXPECT_EQ(points[1].label, "/a=1 /b=\"y\" seed=1");
  EXPECT_EQ(points[3].label, "/a=2 /b=\"x\" seed=1");
}

TEST(Sweep, NoSweepIsOnePoint) {
  const auto points = expand_sweep(json::parse(R"({"name": "s", "seed": 3})")).value();
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].label, "seed=3");
}

// Seeds and the base seed are integers as every integer field reads them: 2e0 is 2 (review M5).
TEST(Sweep, SeedsWrittenWithAnExponentAreThatInteger) {
  const auto points =
      expand_sweep(json::parse(R"({"name": "s", "seed": 1e1, "sweep": {"seeds": 2e0}})")).value();
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[1].label, "seed=11");
  const auto half = expand_sweep(json::parse(R"({"name": "s", "sweep": {"seeds": 1.5}})"));
  ASSERT_FALSE(half.has_value());
  EXPECT_EQ(half.error()[0].message, "expected a positive integer, found 1.5");
}

TEST(Sweep, TooManyPointsIsAnError) {
  const json doc =
      json::parse(R"({"name": "s", "sweep": {"parameters": {"/a": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]},
                                   "seeds": 1001}})");
  EXPECT_FALSE(expand_sweep(doc).has_value());
}

RC_GTEST_PROP(Sweep, PointCountIsTheProductOfValuesAndSeeds,
              (const std::vector<std::uint8_t>& sizes, std::uint8_t seeds_raw)) {
  const std::size_t seeds = seeds_raw % 4 + 1;
  json doc = {{"name", "p"}, {"sweep", {{"seeds", seeds}, {"parameters", json::object()}}}};
  std::size_t expected = seeds;
  for (std::size_t i = 0; i < sizes.size() && i < 4; ++i) {
    const std::size_t n = sizes[i] % 3 + 1;
    doc["sweep"]["parameters"]["/p" + std::to_string(i)] = json(std::vector<int>(n, 1));
    expected *= n;
  }
  RC_ASSERT(expand_sweep(doc).value().size() == expected);
}

TEST(Overrides, ValuesAreJsonOrElseStrings) {
  EXPECT_EQ(parse_override_value("4"), json(4));
  EXPECT_EQ(parse_override_value("true"), json(true));
  EXPECT_EQ(parse_override_value("[1,2]"), json::parse("[1,2]"));
  EXPECT_EQ(parse_override_value("50ms"), json("50ms"));
  EXPECT_EQ(parse_override_value("\"quoted\""), json("quoted"));
}

TEST(Overrides, CreatesMissingObjectsAndReportsBadPaths) {
  json doc = json::parse(R"({"nodes": [{"count": 1}], "seed": 5})");
  EXPECT_TRUE(apply_override(doc, "/network/loss/rate=0.5").empty());
  EXPECT_EQ(doc["network"]["loss"]["rate"], 0.5);
  EXPECT_TRUE(apply_override(doc, "/nodes/0/count=3").empty());
  EXPECT_EQ(doc["nodes"][0]["count"], 3);
  const auto not_pointer = apply_override(doc, "network/loss=1");
  ASSERT_EQ(not_pointer.size(), 1u);
  EXPECT_EQ(not_pointer[0].pointer, "network/loss");
  EXPECT_NE(not_pointer[0].message.find("expected a JSON pointer path starting with '/'"), std::string::npos)
      << not_pointer[0].message;  // not nlohmann's "[json.exception.parse_error.107] ..."
  EXPECT_FALSE(apply_override(doc, "/seed/x=1").empty());
  EXPECT_FALSE(apply_override(doc, "=1").empty());
}

}  // namespace
}  // namespace ptplab::scenarios
