// Host placement: honest groups and attackers are placed alike (public, a fixed NAT type or
// drawn from the mix), NAT boxes fill up to hosts_per_box, and public attackers get their own
// address range.
#include <gtest/gtest.h>

#include "scenarios/format/loader.hpp"
#include "scenarios/runner/network_setup.hpp"
#include "scenarios/runner/run.hpp"
#include "tests/scenarios/runner/load_or_fail.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::load_or_fail;

std::string scenario(const std::string& attacker_placement) {
  return R"({"name": "placement", "seed": 5, "duration": "4s",
    "network": {"latency": {"model": "constant", "delay": "10ms"}, "nat": {"hosts_per_box": 2}},
    "nodes": [{"name": "servers", "count": 1, "role": "server", "placement": "public"},
              {"name": "clients", "count": 3, "placement": "port_restricted"}],
    "topology": {"bootstrap": {"servers": "servers"}},
    "attackers": [{"name": "a", "count": 2, "behaviour": "hello_flood", "target": "servers",
                   "rate_per_s": 50, "start": "1s", "placement": ")" +
         attacker_placement + R"("}]})";
}

TEST(NetworkPlan, PublicAttackersGetTheirOwnRangeAndNoBox) {
  const auto plan = plan_network(load_or_fail(scenario("public")));
  ASSERT_EQ(plan.hosts.size(), 6u);
  EXPECT_EQ(plan.honest, 4u);
  // Three port-restricted clients at two per box: two boxes.
  EXPECT_EQ(plan.nat_boxes.size(), 2u);
  for (std::size_t h = 4; h < 6; ++h) {
    EXPECT_TRUE(plan.hosts[h].attacker);
    EXPECT_EQ(plan.hosts[h].nat_box, UINT32_MAX);
    EXPECT_EQ(plan.hosts[h].address.ip >> 24, 66u) << "attackers' public range 66.0.0.0/8";
  }
}

TEST(NetworkPlan, NatPlacedAttackersSitBehindBoxesOfTheirType) {
  const auto plan = plan_network(load_or_fail(scenario("symmetric")));
  ASSERT_EQ(plan.hosts.size(), 6u);
  ASSERT_EQ(plan.nat_boxes.size(), 3u) << "two port-restricted boxes, one symmetric box for both attackers";
  EXPECT_EQ(plan.nat_boxes[2].type, NatType::kSymmetric);
  for (std::size_t h = 4; h < 6; ++h) {
    EXPECT_EQ(plan.hosts[h].nat_type, NatType::kSymmetric);
    EXPECT_EQ(plan.hosts[h].nat_box, 2u);
    EXPECT_EQ(plan.hosts[h].address.ip >> 24, 10u) << "a private address";
  }
}

TEST(NetworkPlan, ANatPlacedAttackerStillReachesItsTarget) {
  // Outbound traffic passes the attacker's NAT, so its HELLO flood arrives at the server.
  const auto r = run_scenario(load_or_fail(scenario("full_cone")), {});
  ASSERT_TRUE(r.has_value()) << r.error();
  // amplification_factor is reported only when the attacker put bytes on the wire.
  EXPECT_TRUE(r->metrics.contains("amplification_factor"));
  EXPECT_GT(r->metrics.at("victim_datagrams_received"), 0.0);
}

}  // namespace
}  // namespace ptplab::scenarios
