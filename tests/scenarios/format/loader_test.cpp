// load_scenario: the README's complete example loads into the documented values, a minimal
// file gets the documented defaults, comments are accepted and --set applies before validation.
#include "scenarios/format/loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <fstream>
#include <sstream>

#include "tests/scenarios/format/show_errors.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::show;

// The first ```jsonc block of scenarios/README.md.
std::string readme_example() {
  std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/scenarios/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const auto start = all.find("```jsonc\n");
  const auto end = all.find("```", start + 9);
  EXPECT_NE(start, std::string::npos);
  return all.substr(start + 9, end - start - 9);
}

TEST(Loader, ReadmeExampleLoadsWithItsValues) {
  const auto loaded = load_scenario(readme_example());
  ASSERT_TRUE(loaded.has_value()) << show(loaded.error());
  const Scenario& s = *loaded;
  EXPECT_EQ(s.name, "example");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.duration_ns, 60 * kSecond);
  EXPECT_EQ(s.network.config.latency.kind, sim::LatencyKind::kMatrix);
  EXPECT_EQ(s.network.config.link.uplink_loss.kind, sim::LossKind::kGilbertElliott);
  EXPECT_DOUBLE_EQ(s.network.config.link.uplink_loss.loss_bad, 0.4);
  EXPECT_EQ(s.network.config.link.uplink_bytes_per_s, 10'000'000u / 8);
  EXPECT_EQ(s.network.config.link.uplink_queue_bytes_max, 128u * 1024);
  EXPECT_EQ(s.network.config.link.downlink_queue_bytes_max, 128u * 1024);
  EXPECT_DOUBLE_EQ(s.network.nat.mix[static_cast<int>(NatType::kPortRestricted)], 0.3);
  EXPECT_EQ(s.network.nat.box.port_allocation, PortAllocation::kRandom);
  ASSERT_EQ(s.network.config.latency.matrix_ns.size(), 4u);
  EXPECT_EQ(s.network.config.latency.regions, 2u);
  EXPECT_EQ(s.network.config.latency.matrix_ns[0 * 2 + 1], 45 * kMillisecond);
  ASSERT_EQ(s.nodes.size(), 3u);
  EXPECT_EQ(node_count(s), 203u);
  EXPECT_EQ(s.nodes[0].role, Role::kServer);
  EXPECT_FALSE(s.nodes[0].placement.from_mix);
  EXPECT_TRUE(s.nodes[2].placement.from_mix);
  ASSERT_EQ(s.nodes[1].params.size(), 2u);
  const auto fanout = std::find_if(s.nodes[1].params.begin(), s.nodes[1].params.end(),
                                   [](const auto& p) { return p.name == "gossip_fanout"; });
  ASSERT_NE(fanout, s.nodes[1].params.end());
  EXPECT_EQ(fanout->value, "4");
  EXPECT_EQ(s.topology.bootstrap_groups, std::vector<std::string>{"servers"});
  ASSERT_EQ(s.workload.channels.size(), 2u);
  EXPECT_TRUE(s.workload.channels[1].closed);
  EXPECT_EQ(s.workload.channels[0].messages.size.kind, SizeDistribution::Kind::kUniform);
  EXPECT_EQ(s.workload.channels[0].messages.stop_ns, 50 * kSecond);
  EXPECT_EQ(s.workload.channels[1].messages.interval_ns, 2 * kSecond);
  EXPECT_EQ(s.workload.channels[1].messages.attachments.count, 1u);
  ASSERT_EQ(s.timeline.size(), 8u);
  EXPECT_EQ(s.timeline[0].sides.size(), 2u);
  EXPECT_EQ(s.timeline[4].param.value, "6");
  EXPECT_EQ(s.timeline[5].action, TimelineEvent::Action::kConnect);
  EXPECT_EQ(s.timeline[5].via, "servers");
  EXPECT_EQ(s.timeline[5].count, 5u);
  ASSERT_EQ(s.attackers.size(), 1u);
  EXPECT_EQ(s.attackers[0].behaviour, Behaviour::kHelloFlood);
  EXPECT_EQ(s.attackers[0].start_ns, kNever);  // started by the timeline
  EXPECT_EQ(s.attackers[0].params[0].value, "true");
  ASSERT_EQ(s.expect.size(), 3u);
  EXPECT_EQ(s.expect[1].op, CompareOp::kLess);
  ASSERT_TRUE(s.sweep.has_value());
  EXPECT_EQ(s.sweep->seeds, 2u);
  EXPECT_FALSE(s.document.empty());
}

TEST(Loader, MinimalFileGetsTheDocumentedDefaults) {
  const auto loaded = load_scenario(R"({"name": "min", "nodes": [{"count": 5, "role": "client"}]})");
  ASSERT_TRUE(loaded.has_value()) << show(loaded.error());
  const Scenario& s = *loaded;
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.duration_ns, 10 * kSecond);
  EXPECT_EQ(s.record, RecordLevel::kFull);
  EXPECT_EQ(s.network.config.latency.kind, sim::LatencyKind::kConstant);
  EXPECT_EQ(s.network.config.latency.constant_ns, 20 * kMillisecond);
  EXPECT_EQ(s.network.config.link.uplink_loss.kind, sim::LossKind::kNone);
  EXPECT_EQ(s.network.config.datagram_bytes_max, 65507u);
  EXPECT_DOUBLE_EQ(s.network.nat.mix[0], 1.0);
  EXPECT_EQ(s.nodes[0].name, "group0");
  EXPECT_TRUE(s.nodes[0].placement.from_mix);
  EXPECT_EQ(s.topology.kind, Topology::Kind::kBootstrap);
  EXPECT_TRUE(s.topology.bootstrap_groups.empty());
  EXPECT_TRUE(s.expect.empty());
  EXPECT_FALSE(s.sweep.has_value());
}

TEST(Loader, CommentsAreAccepted) {
  const auto loaded = load_scenario(R"(// a line comment
    {"name": "c", /* a block comment */ "nodes": [{"count": 2}]})");
  EXPECT_TRUE(loaded.has_value());
}

TEST(Loader, OverridesApplyBeforeValidation) {
  const std::string text = R"({"name": "o", "nodes": [{"count": 5}], "network": {"loss": {"rate": 0.1}}})";
  const auto fixed =
      load_scenario(text, {"/network/loss/rate=0.25", "/duration=30s", "/nodes/0/params/gossip_fanout=8"});
  ASSERT_TRUE(fixed.has_value()) << show(fixed.error());
  EXPECT_DOUBLE_EQ(fixed->network.config.link.uplink_loss.probability, 0.25);
  EXPECT_EQ(fixed->duration_ns, 30 * kSecond);
  EXPECT_EQ(fixed->nodes[0].params[0].value, "8");
  EXPECT_NE(fixed->document.find("0.25"), std::string::npos);
  const auto broken = load_scenario(text, {"/network/loss/rate=1.5"});
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().front().to_string(), "/network/loss/rate: expected a number in [0, 1], found 1.5");
  const auto no_equals = load_scenario(text, {"/duration"});
  ASSERT_FALSE(no_equals.has_value());
  EXPECT_EQ(no_equals.error().front().message, "--set /duration: expected path=value, found no '='");
}

TEST(Loader, ExpectationTolerance) {
  const Expectation ge{"delivery_ratio", CompareOp::kGreaterEqual, 0.95, 0.01};
  EXPECT_TRUE(expectation_holds(ge, 0.95));
  EXPECT_TRUE(expectation_holds(ge, 0.941));
  EXPECT_FALSE(expectation_holds(ge, 0.93));
  const Expectation eq{"node_id_collisions", CompareOp::kEqual, 0, 0};
  EXPECT_TRUE(expectation_holds(eq, 0));
  EXPECT_FALSE(expectation_holds(eq, 1));
  EXPECT_TRUE(expectation_holds({"x", CompareOp::kNotEqual, 1, 0.5}, 2));
  EXPECT_FALSE(expectation_holds({"x", CompareOp::kLess, 1, 0}, 1));
  EXPECT_TRUE(expectation_holds({"x", CompareOp::kLessEqual, 1, 0}, 1));
  EXPECT_FALSE(expectation_holds({"x", CompareOp::kGreater, 1, 0}, std::nan("")));
}

}  // namespace
}  // namespace ptplab::scenarios

namespace ptplab::scenarios {
namespace {

// NodeParams numbers are exact: an integer too large for its field is refused at its pointer
// (4294967297 used to run as 1), a whole number written with an exponent is that integer, and
// the effective document records the value the engine took.
TEST(Loader, NodeParamIntegersAreExact) {
  const auto wrap =
      load_scenario(R"({"name": "w", "nodes": [{"count": 2, "params": {"peers_max": 4294967297}}]})");
  ASSERT_FALSE(wrap.has_value());
  ASSERT_EQ(wrap.error().size(), 1u);
  EXPECT_EQ(wrap.error()[0].pointer, "/nodes/0/params/peers_max");
  EXPECT_NE(wrap.error()[0].message.find("4294967297"), std::string::npos) << wrap.error()[0].message;

  const auto frac = load_scenario(R"({"name": "f", "nodes": [{"count": 2, "params": {"peers_max": 2.5}}]})");
  ASSERT_FALSE(frac.has_value());
  EXPECT_EQ(frac.error()[0].pointer, "/nodes/0/params/peers_max");

  const auto exp = load_scenario(
      R"({"name": "e", "nodes": [{"count": 2, "params": {"peers_max": 1e3, "ack_timeout_ns": 2e8}}]})");
  ASSERT_TRUE(exp.has_value()) << exp.error()[0].to_string();
  const auto& params = exp->nodes[0].params;
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0].name, "ack_timeout_ns");  // object keys come sorted
  EXPECT_EQ(params[0].value, "200000000");
  EXPECT_EQ(params[1].value, "1000");
  EXPECT_NE(exp->document.find(R"("peers_max":1000)"), std::string::npos) << exp->document;
}

// The scenario's own integers take a whole number however it is written, and only that.
TEST(Loader, ScenarioIntegersTakeExponentForm) {
  const auto s = load_scenario(R"({"name": "x", "seed": 1e3, "nodes": [{"count": 2e1}]})");
  ASSERT_TRUE(s.has_value()) << s.error()[0].to_string();
  EXPECT_EQ(s->seed, 1000u);
  EXPECT_EQ(s->nodes[0].count, 20u);
  EXPECT_FALSE(load_scenario(R"({"name": "x", "nodes": [{"count": 2.5}]})").has_value());
}

}  // namespace
}  // namespace ptplab::scenarios
