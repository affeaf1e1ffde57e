// Scenario::warnings: a NodeParams value that the group's options make the engine ignore is warned
// about with its pointer, whether the file, a --set or a sweep point sets it; the file still
// loads; values that take effect, server defaults and values a timeline may bring into effect are
// not warned about.
#include "scenarios/format/param_warnings.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scenarios/format/loader.hpp"
#include "scenarios/format/sweep.hpp"
#include "tests/scenarios/format/show_errors.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::show;

// The warnings of a document with these node groups (and timeline), which must load.
std::vector<std::string> warnings_of(const std::string& nodes, const std::vector<std::string>& overrides = {},
                                     const std::string& timeline = "[]") {
  const auto loaded = load_scenario(
      R"({"name":"t","duration":"10s","nodes":)" + nodes + R"(,"timeline":)" + timeline + "}", overrides);
  EXPECT_TRUE(loaded) << (loaded ? "" : show(loaded.error()));
  return loaded ? loaded->warnings : std::vector<std::string>{"(did not load)"};
}

constexpr const char* kFanoutUnderFlood =
    "/nodes/0/params/gossip_fanout: has no effect: gossip_fanout is used only when propagation is "
    "\"gossip\", and propagation is \"flood\"";

TEST(ParamWarnings, AValueThatChangesNothingIsNamedWithItsPointer) {
  EXPECT_EQ(warnings_of(R"([{"count":3,"params":{"gossip_fanout":8}}])"),
            std::vector<std::string>{kFanoutUnderFlood});
  EXPECT_TRUE(warnings_of(R"([{"count":3,"params":{"gossip_fanout":8,"propagation":"gossip"}}])").empty());
  // Every failing condition of the chain is found: the sample bound needs the sample advert, which
  // needs ROUTING at all.
  EXPECT_EQ(warnings_of(R"([{"count":3,"params":{"routing_advert":"sample","routing_sample_max":4,
                       "routing_enabled":false}}])"),
            (std::vector<std::string>{"/nodes/0/params/routing_advert: has no effect: routing_advert is used "
                                      "only when routing_enabled is "
                                      "true, and routing_enabled is false",
                                      "/nodes/0/params/routing_sample_max: has no effect: routing_advert is "
                                      "used only when routing_enabled "
                                      "is true, and routing_enabled is false"}));
}

TEST(ParamWarnings, OverridesAreCheckedAsTheFileIs) {
  EXPECT_EQ(warnings_of(R"([{"count":3}])", {"/nodes/0/params/gossip_fanout=8"}),
            std::vector<std::string>{kFanoutUnderFlood});
  // An override that brings the value into effect silences it.
  EXPECT_TRUE(
      warnings_of(R"([{"count":3,"params":{"gossip_fanout":8}}])", {"/nodes/0/params/propagation=gossip"})
          .empty());
}

TEST(ParamWarnings, EachSweepPointIsCheckedWithItsValues) {
  const auto loaded = load_scenario(
      R"({"name":"t","duration":"10s","nodes":[{"count":3}],
          "sweep":{"parameters":{"/nodes/0/params/propagation":["flood","gossip"],
                                 "/nodes/0/params/gossip_fanout":[2,4]}}})");
  ASSERT_TRUE(loaded) << show(loaded.error());
  const auto points = expand_sweep(nlohmann::json::parse(loaded->document));
  ASSERT_TRUE(points);
  std::size_t warned = 0;
  for (const auto& point : *points) {
    const auto p = load_scenario(point.document.dump());
    ASSERT_TRUE(p) << show(p.error());
    const bool flood = point.document["nodes"][0]["params"]["propagation"] == "flood";
    EXPECT_EQ(p->warnings, flood ? std::vector<std::string>{kFanoutUnderFlood} : std::vector<std::string>{})
        << point.label;
    warned += p->warnings.size();
  }
  EXPECT_EQ(warned, 2u);  // the two flood points
}

TEST(ParamWarnings, ServerDefaultsAreNotTheFilesAndOnlyWhatItSetsIsWarned) {
  // A server group starts from peers_max 1024 (kServerParamDefaults): with the bounds off that
  // default changes nothing, but the file did not set it; its own rate_sources_max it did.
  EXPECT_EQ(
      warnings_of(R"([{"count":1,"role":"server","params":{"bounded_tables_enabled":false,
                              "rate_sources_max":2048}}])"),
      std::vector<std::string>{"/nodes/0/params/rate_sources_max: has no effect: rate_sources_max is "
                               "used only when bounded_tables_enabled is true, and bounded_tables_enabled "
                               "is false"});
}

TEST(ParamWarnings, TimelineSetParamsAreCheckedAndMayBringAValueIntoEffect) {
  // A set_param of the condition's field for the group: the value may take effect later.
  EXPECT_TRUE(
      warnings_of(R"([{"name":"a","count":3,"params":{"gossip_fanout":8}}])", {},
                  R"([{"at":"5s","action":"set_param","group":"a","name":"propagation","value":"gossip"}])")
          .empty());
  // A set_param that changes nothing on any group it applies to.
  EXPECT_EQ(warnings_of(R"([{"name":"a","count":3},{"name":"b","count":2}])", {},
                        R"([{"at":"5s","action":"set_param","name":"mesh_degree_high","value":20}])"),
            std::vector<std::string>{"/timeline/0/name: has no effect: mesh_degree_high is used only when "
                                     "propagation is \"mesh\", and propagation is \"flood\""});
  EXPECT_TRUE(
      warnings_of(R"([{"name":"a","count":3},{"name":"b","count":2,"params":{"propagation":"mesh"}}])", {},
                  R"([{"at":"5s","action":"set_param","name":"mesh_degree_high","value":20}])")
          .empty());
}

}  // namespace
}  // namespace ptplab::scenarios
