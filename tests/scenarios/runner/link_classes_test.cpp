// Per-group network settings and server defaults, end to end (issue [T] 4). Walking every field
// a link accepts (kLinkKeys, bandwidth's three), set in a link class, in a group's own link and
// in an attacker's own link: it loads, the effective document reads back the same, and the built
// simulation gives exactly that group's hosts a link with that one field changed from the
// network-wide link. Bad values are errors at their JSON pointer. Server groups start from
// kServerParamDefaults: the report's document records them, and a server peers with more than
// 64 clients.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "scenarios/format/effective.hpp"
#include "scenarios/format/loader.hpp"
#include "scenarios/runner/run.hpp"
#include "scenarios/runner/simulation.hpp"
#include "tests/scenarios/runner/load_or_fail.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// One field of a link: where it sits in a link object, a value that is not the network-wide
// one, and what it sets in the simulator's LinkConfig.
struct LinkField {
  std::string pointer;
  json value;
  std::function<void(sim::LinkConfig&)> set;
};

std::vector<LinkField> link_fields() {
  using sim::LinkConfig;
  using sim::LossKind;
  return {
      {"/bandwidth/uplink_bps", "8Mbit/s", [](LinkConfig& l) { l.uplink_bytes_per_s = 1'000'000; }},
      {"/bandwidth/downlink_bps", 16'000'000, [](LinkConfig& l) { l.downlink_bytes_per_s = 2'000'000; }},
      {"/bandwidth/queue_bytes", "1MiB",
       [](LinkConfig& l) { l.uplink_queue_bytes_max = l.downlink_queue_bytes_max = 1 << 20; }},
      {"/uplink_loss",
       {{"rate", 0.25}},
       [](LinkConfig& l) {
         l.uplink_loss = scenario_network_defaults().link.uplink_loss;  // a loss object starts afresh
         l.uplink_loss.kind = LossKind::kBernoulli;
         l.uplink_loss.probability = 0.25;
       }},
      {"/downlink_loss",
       {{"model", "gilbert_elliott"}, {"loss_bad", 0.7}},
       [](LinkConfig& l) {
         l.downlink_loss = scenario_network_defaults().link.uplink_loss;
         l.downlink_loss.kind = LossKind::kGilbertElliott;
         l.downlink_loss.loss_bad = 0.7;
       }},
      {"/delay", "15ms", [](LinkConfig& l) { l.delay_ns = 15 * kMillisecond; }},
  };
}

bool same_loss(const sim::LossConfig& a, const sim::LossConfig& b) {
  return a.kind == b.kind && a.probability == b.probability && a.p_good_to_bad == b.p_good_to_bad &&
         a.p_bad_to_good == b.p_bad_to_good && a.loss_good == b.loss_good && a.loss_bad == b.loss_bad;
}

bool same_link(const sim::LinkConfig& a, const sim::LinkConfig& b) {
  return a.uplink_bytes_per_s == b.uplink_bytes_per_s && a.downlink_bytes_per_s == b.downlink_bytes_per_s &&
         a.uplink_queue_bytes_max == b.uplink_queue_bytes_max &&
         a.downlink_queue_bytes_max == b.downlink_queue_bytes_max &&
         same_loss(a.uplink_loss, b.uplink_loss) && same_loss(a.downlink_loss, b.downlink_loss) &&
         a.delay_ns == b.delay_ns;
}

// A server, two clients and a flooder on a network with its own bandwidth and loss: hosts 0
// (servers), 1 and 2 (clients), 3 (the attacker).
json links_doc() {
  return {{"name", "links"},
          {"duration", "5s"},
          {"network", {{"bandwidth", {{"uplink_bps", "100Mbit/s"}}}, {"loss", {{"rate", 0.01}}}}},
          {"nodes",
           {{{"name", "servers"}, {"count", 1}, {"role", "server"}},
            {{"name", "clients"}, {"count", 2}, {"placement", "public"}}}},
          {"attackers", {{{"name", "flood"}, {"behaviour", "hello_flood"}, {"target", "servers"}}}}};
}

// Where a link is set: the document changed to give it, and the hosts that get it.
struct Holder {
  std::string what;
  std::function<void(json&, const json& link)> give;
  std::vector<sim::HostId> hosts;
};

std::vector<Holder> holders() {
  return {
      {"a class of the clients",
       [](json& d, const json& l) {
         d["network"]["link_classes"]["home"] = l;
         d["nodes"][1]["link"] = "home";
       },
       {1, 2}},
      {"the clients' own link", [](json& d, const json& l) { d["nodes"][1]["link"] = l; }, {1, 2}},
      {"the attacker's own link", [](json& d, const json& l) { d["attackers"][0]["link"] = l; }, {3}},
  };
}

TEST(LinkClasses, EveryLinkFieldReachesTheSimulatorForItsHostsOnly) {
  std::set<std::string> covered;
  for (const auto& f : link_fields()) {
    covered.insert(f.pointer.substr(1, f.pointer.find('/', 1) - 1));
    for (const auto& h : holders()) {
      SCOPED_TRACE(f.pointer + " in " + h.what);
      json link = json::object();
      link[json::json_pointer(f.pointer)] = f.value;
      json doc = links_doc();
      h.give(doc, link);
      const Scenario s = test_support::load_or_fail(doc.dump());
      const json effective = effective_document(s);
      EXPECT_EQ(effective_document(test_support::load_or_fail(effective.dump())), effective);
      const sim::LinkConfig network_wide = s.network.config.link;
      sim::LinkConfig expected = network_wide;
      f.set(expected);
      ASSERT_FALSE(same_link(expected, network_wide)) << "the test value is the network-wide one";
      Simulation sim(s, nullptr);
      ASSERT_TRUE(sim.build().has_value());
      for (sim::HostId host = 0; host < 4; ++host) {
        const bool holds = std::find(h.hosts.begin(), h.hosts.end(), host) != h.hosts.end();
        EXPECT_TRUE(same_link(sim.network().link_of(host), holds ? expected : network_wide))
            << "host " << host;
      }
    }
  }
  EXPECT_EQ(covered, std::set<std::string>(kLinkKeys.begin(), kLinkKeys.end()));
}

// Loading `doc` fails with an error at `pointer` whose message contains `words`.
void expect_link_error(const json& doc, const std::string& pointer, const std::string& words) {
  const auto s = load_scenario(doc.dump());
  ASSERT_FALSE(s.has_value()) << pointer;
  bool found = false;
  for (const auto& e : s.error())
    found = found || (e.pointer == pointer && e.message.find(words) != std::string::npos);
  EXPECT_TRUE(found) << pointer << " / " << words << "; got " << s.error().front().to_string();
}

TEST(LinkClasses, BadLinksAreErrorsAtTheirPointer) {
  json doc = links_doc();
  doc["nodes"][1]["link"] = "home";
  expect_link_error(doc, "/nodes/1/link", "unknown link class \"home\"; the scenario defines no link class");
  doc["network"]["link_classes"]["office"] = {{"delay", "1ms"}};
  expect_link_error(doc, "/nodes/1/link", "unknown link class \"home\"");
  doc["nodes"][1]["link"] = 5;
  expect_link_error(doc, "/nodes/1/link",
                    "expected a link class name (network.link_classes) or an object with \"bandwidth\", "
                    "\"uplink_loss\", \"downlink_loss\" or \"delay\", found 5");
  doc["nodes"][1]["link"] = "";
  expect_link_error(doc, "/nodes/1/link", "expected a link class name or a link object");
  doc = links_doc();
  doc["network"]["link_classes"] = {{"home", {{"latency", "5ms"}}}};
  expect_link_error(doc, "/network/link_classes/home/latency", "unknown key");
  doc["network"]["link_classes"] = {{"home", {{"delay", "fast"}}}};
  expect_link_error(doc, "/network/link_classes/home/delay", "expected a duration");
  doc["network"]["link_classes"] = {{"home", {{"bandwidth", {{"uplink_bps", -1}}}}}};
  expect_link_error(doc, "/network/link_classes/home/bandwidth/uplink_bps", "expected a non-negative integer");
  doc["network"]["link_classes"] = {{"home", 3}};
  expect_link_error(doc, "/network/link_classes/home", "expected an object with \"bandwidth\"");
  doc["network"]["link_classes"] = json::array();
  expect_link_error(doc, "/network/link_classes", "expected an object of link classes by name");
  doc = links_doc();
  doc["attackers"][0]["link"] = {{"uplink_loss", {{"rate", 2}}}};
  expect_link_error(doc, "/attackers/0/link/uplink_loss/rate", "expected a number in [0, 1]");
}

TEST(ServerDefaults, ServerGroupsStartFromTheTableAndTheirOwnParamsWin) {
  json doc = links_doc();
  doc["nodes"][1]["params"] = {{"gossip_fanout", 4}};
  Scenario s = test_support::load_or_fail(doc.dump());
  const json recorded = json::parse(s.document);
  for (const auto& entry : kServerParamDefaults) {
    const std::string_view name = entry.first, value = entry.second;  // lambdas capture them (clang 14)
    SCOPED_TRACE(std::string(name));
    const auto& params = s.nodes[0].params;
    const auto it =
        std::find_if(params.begin(), params.end(), [&](const ParamOverride& o) { return o.name == name; });
    ASSERT_NE(it, params.end());
    EXPECT_EQ(it->value, value);
    // The report's document (run_param rows) records the value the engine used.
    EXPECT_EQ(recorded["nodes"][0]["params"][std::string(name)].dump(), value);
    EXPECT_FALSE(recorded["nodes"][1]["params"].contains(std::string(name)));  // clients keep the engine's
    // The server group's own value replaces the default.
    json own = links_doc();
    own["nodes"][0]["params"][std::string(name)] = 77;
    s = test_support::load_or_fail(own.dump());
    EXPECT_EQ(std::count_if(s.nodes[0].params.begin(), s.nodes[0].params.end(),
                            [&](const ParamOverride& o) { return o.name == name && o.value == "77"; }),
              1);
    EXPECT_EQ(std::count_if(s.nodes[0].params.begin(), s.nodes[0].params.end(),
                            [&](const ParamOverride& o) { return o.name == name; }),
              1);
  }
}

// A server of 100 clients (which greet no one the server's ROUTING names) peers with all of
// them by default; with a client's peers_max it drops their HELLOs as peers_full (the issue's
// repro, small).
TEST(ServerDefaults, AServerPeersWithMoreThan64Clients) {
  const json doc = {{"name", "busy-server"},
                    {"duration", "4s"},
                    {"nodes",
                     {{{"name", "server"}, {"count", 1}, {"role", "server"}},
                      {{"name", "clients"},
                       {"count", 100},
                       {"placement", "public"},
                       {"params", {{"routing_greetings_max", 0}}}}}}};  // clients know the server only
  for (const bool client_bound : {false, true}) {
    SCOPED_TRACE(client_bound ? "server peers_max 64" : "server defaults");
    const std::vector<std::string> set =
        client_bound ? std::vector<std::string>{"/nodes/0/params/peers_max=64"} : std::vector<std::string>{};
    const auto out = run_scenario(test_support::load_or_fail(doc.dump(), set), {});
    ASSERT_TRUE(out.has_value()) << out.error();
    std::uint64_t peers_full = 0;
    for (const auto& d : out->diagnostics.drops) peers_full += d.reason == "peers_full" ? d.count : 0;
    if (client_bound) {
      EXPECT_EQ(out->metrics.at("peers_table_max"), 64);
      EXPECT_GT(peers_full, 0u);
    } else {
      EXPECT_EQ(out->metrics.at("peers_table_max"), 100);
      EXPECT_EQ(peers_full, 0u);
    }
  }
}

}  // namespace
}  // namespace ptplab::scenarios
