// effective_document: defaults are spelled out, and reading the effective document back gives
// the same scenario (the same effective document), for the README example and random values.
#include "scenarios/format/effective.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <sstream>

#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

json round_trip(const json& effective) {
  const auto again = load_scenario(effective.dump());
  if (!again) {
    std::string errors;
    for (const auto& e : again.error()) errors += e.to_string() + "\n";
    ADD_FAILURE() << errors;
    return {};
  }
  return effective_document(*again);
}

TEST(Effective, DefaultsAreSpelledOut) {
  const auto s = load_scenario(R"({"name": "min", "nodes": [{"count": 5}]})").value();
  const json e = effective_document(s);
  EXPECT_EQ(e["duration"], "10s");
  EXPECT_EQ(e["network"]["latency"]["delay"], "20ms");
  EXPECT_EQ(e["network"]["nat"]["mapping_timeout"], "2m");
  EXPECT_EQ(e["network"]["bandwidth"]["queue_bytes"], 65536);
  EXPECT_EQ(e["nodes"][0]["name"], "group0");
  EXPECT_EQ(e["nodes"][0]["placement"], "nat");
  EXPECT_EQ(round_trip(e), e);
}

TEST(Effective, ReadmeExampleRoundTrips) {
  std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/scenarios/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const auto start = all.find("```jsonc\n") + 9;
  const auto s = load_scenario(all.substr(start, all.find("```", start) - start)).value();
  const json e = effective_document(s);
  EXPECT_FALSE(e.contains("sweep"));
  EXPECT_FALSE(e["attackers"][0].contains("start"));  // started by the timeline
  EXPECT_EQ(e["nodes"][1]["params"]["gossip_fanout"], 4);
  EXPECT_EQ(round_trip(e), e);
}

RC_GTEST_PROP(Effective, ReadingTheEffectiveDocumentBackChangesNothing,
              (std::uint32_t count, std::uint64_t delay_ns, std::uint16_t rate_permille, bool closed)) {
  const json doc = {
      {"name", "p"},
      {"duration", std::to_string(delay_ns % 1'000'000'000'000 + 1) + "ns"},
      {"network",
       {{"latency", {{"delay", std::to_string(delay_ns % 10'000'000'000) + "ns"}}},
        {"loss", {{"rate", (rate_permille % 1001) / 1000.0}}}}},
      {"nodes", {{{"count", count % 1000 + 1}, {"role", "server"}}}},
      {"workload", {{"channels", {{{"closed", closed}, {"messages", {{"interval", "1.5s"}}}}}}}}};
  const auto s = load_scenario(doc.dump());
  RC_ASSERT(s.has_value());
  const json e = effective_document(*s);
  RC_ASSERT(round_trip(e) == e);
  RC_ASSERT(load_scenario(e.dump())->network.config.latency.constant_ns ==
            s->network.config.latency.constant_ns);
}

}  // namespace
}  // namespace ptplab::scenarios
