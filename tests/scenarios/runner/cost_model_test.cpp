// The run cost model: what it counts in a scenario, and its arithmetic over the constant table.
// No figure of a real run is asserted: the constants are measured, the model is checked.
#include "scenarios/runner/cost_model.hpp"

#include <gtest/gtest.h>

#include <map>

#include "tests/scenarios/runner/load_or_fail.hpp"

namespace ptplab::scenarios {
namespace {

// Each constant by "name unit" (two share the name "flood copy": bytes and events).
std::map<std::string, double> cost_table() {
  std::map<std::string, double> out;
  for (const auto& c : cost_constants()) out[std::string(c.name) + " " + std::string(c.unit)] = c.value;
  return out;
}

TEST(CostModel, EveryConstantIsPositiveAndSaysWhereItCameFrom) {
  const auto all = cost_constants();
  ASSERT_EQ(all.size(), 12u);
  for (const auto& c : all) {
    EXPECT_GT(c.value, 0) << c.name;
    EXPECT_FALSE(c.unit.empty()) << c.name;
    EXPECT_FALSE(c.source.empty()) << c.name;
  }
  EXPECT_EQ(cost_table().size(), all.size());  // no name and unit twice
}

TEST(CostModel, ArithmeticIsTheSumOfTermsOverTheTable) {
  CostInputs in;
  in.nodes = 1000;
  in.peer_endpoints = 8000;
  in.route_entries_sampled = 50000;
  in.route_entries_full = 20000;
  in.seconds = 10;
  in.hellos = 64000;
  in.routings_sampled = 40000;
  in.routings_full = 30000;
  in.flood_copies = 16000;
  auto k = cost_table();
  const auto e = estimate_cost(in);
  EXPECT_DOUBLE_EQ(e.peak_bytes, k["fixed B"] + 1000 * k["node B/node"] + 8000 * k["peer B/peer"] +
                                     50000 * k["route (sampled) B/route"] +
                                     20000 * k["route (full) B/route"] + 16000 * k["flood copy B/datagram"]);
  EXPECT_DOUBLE_EQ(e.events,
                   1000 * 10 * k["housekeeping events/node-second"] + 64000 * k["hello events/HELLO"] +
                       40000 * k["routing (sampled) events/ROUTING"] +
                       30000 * k["routing (full) events/ROUTING"] + 16000 * k["flood copy events/datagram"] +
                       8000 * k["peer start events/peer"]);
  // Nothing to run costs the fixed part alone.
  EXPECT_DOUBLE_EQ(estimate_cost(CostInputs{}).peak_bytes, k["fixed B"]);
  EXPECT_DOUBLE_EQ(estimate_cost(CostInputs{}).events, 0);
}

TEST(CostModel, CountsARegularOverlayItsParamsAndItsFloods) {
  // 100 nodes of degree 4, HELLO every 1 s on average, ROUTING off; one channel of 10 members
  // with 5 messages (every 2 s from 0 in 10 s: 0, 2, 4, 6 and 8 s; 10 s is the end).
  const auto s = test_support::load_or_fail(R"({
    "name": "m", "seed": 1, "duration": "10s",
    "nodes": [{"name": "n", "count": 100, "placement": "public",
               "params": {"routing_enabled": false, "hello_interval_min_ns": 500000000,
                          "hello_interval_max_ns": 1500000000}}],
    "topology": {"random_regular": {"degree": 4}},
    "workload": {"channels": [{"members": {"groups": ["n"], "share": 0.1},
                               "messages": {"interval": "2s", "size": 10}}]}})");
  const auto in = cost_inputs(s);
  EXPECT_DOUBLE_EQ(in.nodes, 100);
  EXPECT_DOUBLE_EQ(in.peer_endpoints, 400);
  EXPECT_DOUBLE_EQ(in.route_entries_sampled + in.route_entries_full, 0);
  EXPECT_DOUBLE_EQ(in.seconds, 10);
  EXPECT_DOUBLE_EQ(in.hellos, 400 * 10 / 1.0);
  EXPECT_DOUBLE_EQ(in.routings_sampled + in.routings_full, 0);
  EXPECT_DOUBLE_EQ(in.flood_copies, (10 + 5) * 400.0);
}

TEST(CostModel, BootstrapServersRoutesAndTheMesh) {
  // Bootstrap: a client's peers are the servers, a server's every other node (capped by
  // peers_max); ROUTING on (2 s) with 256 routes at most, sampled or full by group; "mesh" floods
  // members x mesh_degree.
  const auto s = test_support::load_or_fail(R"({
    "name": "b", "seed": 1, "duration": "4s",
    "nodes": [{"name": "s", "count": 2, "role": "server", "params": {"peers_max": 50}},
              {"name": "c", "count": 98, "params": {"propagation": "mesh", "mesh_degree": 5,
                          "routing_advert": "sample", "routing_greetings_max": 0}}],
    "workload": {"channels": [{"members": {"groups": ["c"], "share": 0.5}}]}})");
  const auto in = cost_inputs(s);
  EXPECT_DOUBLE_EQ(in.nodes, 100);
  EXPECT_DOUBLE_EQ(in.peer_endpoints, 2 * 50 + 98 * 2);
  // The servers keep the full advert; the clients run the bounded-routing preset (sampled).
  EXPECT_DOUBLE_EQ(in.route_entries_full, 2 * 99);
  EXPECT_DOUBLE_EQ(in.route_entries_sampled, 98 * 99);
  EXPECT_DOUBLE_EQ(in.routings_full, 2 * 50 * 4 / 2.0);
  EXPECT_DOUBLE_EQ(in.routings_sampled, 98 * 2 * 4 / 2.0);
  EXPECT_DOUBLE_EQ(in.flood_copies, 49 * (49 * 5.0));
}

TEST(CostModel, DescriptionSaysItIsAnEstimateAndGivesItsBasis) {
  CostInputs in;
  in.nodes = 2000;
  in.peer_endpoints = 16000;
  in.seconds = 4;
  in.hellos = 51200;
  const auto text = describe_cost(in, estimate_cost(in));
  EXPECT_EQ(text.rfind("estimate: about ", 0), 0u) << text;
  EXPECT_NE(text.find(" peak memory, "), std::string::npos) << text;
  EXPECT_NE(text.find("2.0 k nodes x "), std::string::npos) << text;
  EXPECT_NE(text.find("16.0 k peer entries x "), std::string::npos) << text;
  EXPECT_NE(text.find("not a limit"), std::string::npos) << text;
  EXPECT_EQ(text.find("routes"), std::string::npos) << text;  // no term for what is not there
}

}  // namespace
}  // namespace ptplab::scenarios
