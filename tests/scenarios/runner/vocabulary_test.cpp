// Every value of every scenario vocabulary, end to end (issue [A], the `preserving` kind of bug):
// walking each table, a scenario naming the value loads into the simulator's own config (or the
// scenario's enum), the effective document writes the same name back, the value changes what
// the simulator does where it configures the simulator (NAT types and port allocation, latency
// and loss models, adversary behaviours), and a name outside the table is rejected at its JSON
// pointer with a message listing every name of the table.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <typeindex>

#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/format/effective.hpp"
#include "scenarios/format/loader.hpp"
#include "scenarios/runner/network_setup.hpp"
#include "sim/latency.hpp"
#include "sim/loss.hpp"
#include "sim/nat_box.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// Two groups, a channel, an attacker and an expectation: every section a vocabulary lives in can refer to
// something.
json base() {
  return {{"name", "vocabulary"},
          {"duration", "10s"},
          {"nodes",
           {{{"name", "servers"}, {"count", 1}, {"role", "server"}}, {{"name", "clients"}, {"count", 3}}}},
          {"workload", {{"channels", {{{"name", "c"}}}}}},
          {"attackers", {{{"name", "a"}, {"behaviour", "hello_flood"}}}},
          {"expect", {{{"metric", "nat_attempts"}, {"op", ">="}, {"value", 0}}}}};
}

Scenario load(const json& doc) {
  auto s = load_scenario(doc.dump());
  if (!s) {
    for (const auto& e : s.error()) ADD_FAILURE() << e.to_string();
    return {};
  }
  return *s;
}

// Loading `doc` fails, first at `pointer`.
void expect_error_at(const json& doc, const std::string& pointer) {
  const auto s = load_scenario(doc.dump());
  ASSERT_FALSE(s.has_value()) << pointer;
  EXPECT_EQ(s.error().front().pointer, pointer);
}

// Loading `doc` fails with exactly one error, at `pointer`, naming every entry of `table`.
template <class Table>
void expect_rejected(const json& doc, const std::string& pointer, const Table& table) {
  const auto s = load_scenario(doc.dump());
  ASSERT_FALSE(s.has_value()) << pointer;
  ASSERT_EQ(s.error().size(), 1u) << s.error().front().to_string();
  EXPECT_EQ(s.error().front().pointer, pointer);
  for (const auto& e : table) {
    const std::string quoted = std::string(1, '"').append(e.name).append(1, '"');
    EXPECT_NE(s.error().front().message.find(quoted), std::string::npos)
        << pointer << " does not list " << e.name;
  }
}

// ---- NAT port allocation -------------------------------------------------------------------

TEST(Vocabulary, EveryPortAllocationReachesTheNatBoxAndPicksItsOwnPort) {
  std::set<std::uint16_t> first_ports;
  for (const auto& a : sim::kPortAllocations) {
    SCOPED_TRACE(a.name);
    json doc = base();
    doc["network"]["nat"]["port_allocation"] = a.name;
    const Scenario s = load(doc);
    EXPECT_EQ(s.network.nat.box.port_allocation, a.value);
    EXPECT_EQ(effective_document(s)["network"]["nat"]["port_allocation"], a.name);
    // The box the runner builds for a client: its first mapping of the node port.
    for (const auto& t : sim::kNatTypes) {
      if (t.value == NatType::kPublic) continue;
      EXPECT_EQ(nat_config(t.value, s.network.nat).port_allocation, a.value);
    }
    sim::NatBox box(0x1e000001, nat_config(NatType::kSymmetric, s.network.nat), Rng(s.seed));
    const auto port = box.outbound(0, {0x0a000001, kNodePort}, {0x14000001, kNodePort});
    ASSERT_TRUE(port);
    if (a.value == PortAllocation::kPreserving) {
      EXPECT_EQ(*port, kNodePort);
    }
    first_ports.insert(*port);
  }
  EXPECT_EQ(first_ports.size(), sim::kPortAllocations.size()) << "two allocations picked the same port";
  json doc = base();
  doc["network"]["nat"]["port_allocation"] = "linear";
  expect_rejected(doc, "/network/nat/port_allocation", sim::kPortAllocations);
}

// ---- NAT types -----------------------------------------------------------------------------

// What a box does: does a second destination get the same port, and which unsolicited
// sources (another IP, another port of the contacted IP) get in.
std::tuple<bool, bool, bool> nat_signature(const sim::NatConfig& config) {
  sim::NatBox box(0x1e000001, config, Rng(1));
  const Address in{0x0a000001, kNodePort};
  const auto p1 = box.outbound(0, in, {0x14000001, 9000});
  const auto p2 = box.outbound(0, in, {0x14000002, 9000});
  const bool same_port = p1 == p2;
  const bool other_ip_in = box.inbound(1, {0x14000009, 9000}, *p1).has_value();
  const bool other_port_in = box.inbound(1, {0x14000001, 9999}, *p1).has_value();
  return {same_port, other_ip_in, other_port_in};
}

TEST(Vocabulary, EveryNatTypeIsAPlacementAMixShareAndABoxOfItsOwnBehaviour) {
  std::set<std::tuple<bool, bool, bool>> signatures;
  for (const auto& t : sim::kNatTypes) {
    SCOPED_TRACE(t.name);
    // As a fixed placement.
    json doc = base();
    doc["nodes"][1]["placement"] = t.name;
    Scenario s = load(doc);
    EXPECT_FALSE(s.nodes[1].placement.from_mix);
    EXPECT_EQ(s.nodes[1].placement.nat_type, t.value);
    EXPECT_EQ(effective_document(s)["nodes"][1]["placement"], t.name);
    const auto plan = plan_network(s);
    EXPECT_EQ(plan.hosts[1].nat_type, t.value);
    EXPECT_EQ(plan.hosts[1].nat_box == UINT32_MAX, t.value == NatType::kPublic);
    // As the whole mix.
    json mixed = base();
    mixed["network"]["nat"]["mix"] = {{std::string(t.name), 1.0}};
    if (t.value != NatType::kPublic) mixed["network"]["nat"]["mix"]["public"] = 0.0;
    s = load(mixed);
    EXPECT_DOUBLE_EQ(s.network.nat.mix[static_cast<std::size_t>(t.value)], 1.0);
    EXPECT_EQ(plan_network(s).hosts[1].nat_type, t.value);
    EXPECT_EQ(effective_document(s)["network"]["nat"]["mix"][std::string(t.name)], 1.0);
    if (t.value == NatType::kPublic) continue;
    // The box of this type behaves as its RFC 4787 mapping and filtering say.
    const sim::NatConfig c = nat_config(t.value, s.network.nat);
    EXPECT_EQ(c.mapping, t.mapping);
    EXPECT_EQ(c.filtering, t.filtering);
    const auto [same_port, other_ip_in, other_port_in] = nat_signature(c);
    EXPECT_EQ(same_port, t.mapping == sim::NatMapping::kEndpointIndependent);
    EXPECT_EQ(other_ip_in, t.filtering == sim::NatFiltering::kEndpointIndependent);
    EXPECT_EQ(other_port_in, t.filtering != sim::NatFiltering::kAddressAndPortDependent);
    signatures.insert(nat_signature(c));
  }
  EXPECT_EQ(signatures.size(), sim::kNatTypes.size() - 1) << "two NAT types behave alike";
  json doc = base();
  doc["nodes"][1]["placement"] = "cone";
  expect_rejected(doc, "/nodes/1/placement", sim::kNatTypes);
  doc = base();
  doc["network"]["nat"]["mix"] = {{"cone", 1.0}};
  expect_error_at(doc, "/network/nat/mix/cone");
}

// ---- latency and loss models ---------------------------------------------------------------

// The fields each model reads, so that every model differs from the others.
json latency_doc(std::string_view model) {
  json l = {{"model", model}};
  if (model == "constant") l["delay"] = "25ms";
  if (model == "uniform") l.update({{"min", "5ms"}, {"max", "90ms"}});
  if (model == "normal" || model == "lognormal") l.update({{"mean", "40ms"}, {"stddev", "15ms"}});
  return l;
}

TEST(Vocabulary, EveryLatencyModelReachesTheSimulatorAndDrawsItsOwnDelays) {
  std::set<std::vector<TimeNs>> draws;
  for (const auto& k : sim::kLatencyKinds) {
    SCOPED_TRACE(k.name);
    json doc = base();
    doc["network"]["latency"] = latency_doc(k.name);
    doc["network"]["regions"] = {
        {"names", {"eu", "us"}},
        {"latency", json::array({json::array({"7ms", "70ms"}), json::array({"71ms", "8ms"})})}};
    doc["nodes"][1]["region"] = "us";
    const Scenario s = load(doc);
    const sim::LatencyConfig& c = plan_network(s).config.latency;
    EXPECT_EQ(c.kind, k.value);
    EXPECT_EQ(effective_document(s)["network"]["latency"]["model"], k.name);
    Rng rng(1);
    std::vector<TimeNs> v;
    for (int i = 0; i < 64; ++i) v.push_back(sim::draw_latency(c, rng, 0, 1));
    draws.insert(v);
  }
  EXPECT_EQ(draws.size(), sim::kLatencyKinds.size()) << "two latency models draw alike";
  json doc = base();
  doc["network"]["latency"] = {{"model", "pareto"}};
  expect_rejected(doc, "/network/latency/model", sim::kLatencyKinds);
}

TEST(Vocabulary, EveryLossModelReachesTheSenderUplinkAndLosesItsOwnWay) {
  std::set<std::vector<bool>> patterns;
  for (const auto& k : sim::kLossKinds) {
    SCOPED_TRACE(k.name);
    json doc = base();
    doc["network"]["loss"] = {{"model", k.name}};
    if (k.value == sim::LossKind::kBernoulli) doc["network"]["loss"]["rate"] = 0.3;
    if (k.value == sim::LossKind::kGilbertElliott) doc["network"]["loss"]["p_gb"] = 0.2;
    const Scenario s = load(doc);
    const sim::LinkConfig& link = plan_network(s).config.link;
    EXPECT_EQ(link.uplink_loss.kind, k.value);
    EXPECT_EQ(link.downlink_loss.kind, sim::LossKind::kNone) << "loss is end to end: applied once";
    EXPECT_EQ(effective_document(s)["network"]["loss"]["model"], k.name);
    Rng rng(1);
    sim::LossState state;
    std::vector<bool> lost;
    for (int i = 0; i < 256; ++i) lost.push_back(sim::draw_loss(link.uplink_loss, state, rng));
    patterns.insert(lost);
  }
  EXPECT_EQ(patterns.size(), sim::kLossKinds.size()) << "two loss models lose alike";
  json doc = base();
  doc["network"]["loss"] = {{"model", "burst"}};
  expect_rejected(doc, "/network/loss/model", sim::kLossKinds);
}

// ---- adversary behaviours ------------------------------------------------------------------

// A value `p` accepts in base(): its kind's smallest valid value.
json valid_value(const BehaviourParam& p) {
  switch (p.kind) {
    case ParamKind::kBool: return true;
    case ParamKind::kInteger: return p.min;
    case ParamKind::kDuration: return "1s";
    case ParamKind::kName: return std::string(p.names.front());
    case ParamKind::kChannel: return "c";
    case ParamKind::kNodeIndex: return 0;
  }
  return nullptr;
}

TEST(Vocabulary, EveryBehaviourLoadsWithItsParamsAndBuildsItsOwnAdversary) {
  std::set<std::type_index> kinds;
  for (const auto& b : kBehaviours) {
    SCOPED_TRACE(b.name);
    json doc = base();
    doc["attackers"][0]["behaviour"] = b.name;
    for (const auto& p : b.params) doc["attackers"][0]["params"][std::string(p.key)] = valid_value(p);
    const Scenario s = load(doc);
    EXPECT_EQ(s.attackers[0].behaviour, b.value);
    EXPECT_EQ(s.attackers[0].params.size(), b.params.size());
    EXPECT_EQ(effective_document(s)["attackers"][0]["behaviour"], b.name);
    AdversaryContext context;
    context.targets = {{0x14000001, kNodePort}};
    context.reflectors = {{0x14000002, kNodePort}};
    const auto adversary = make_adversary(s.attackers[0].behaviour, context);
    ASSERT_TRUE(adversary);
    const Endpoint& built = *adversary;  // typeid of a call would evaluate it (clang warns)
    kinds.insert(std::type_index(typeid(built)));
    // A parameter of no behaviour is rejected at its pointer.
    doc["attackers"][0]["params"]["warp_factor"] = 9;
    expect_error_at(doc, "/attackers/0/params/warp_factor");
  }
  EXPECT_EQ(kinds.size(), kBehaviours.size()) << "two behaviours build the same adversary";
  json doc = base();
  doc["attackers"][0]["behaviour"] = "teleport";
  expect_rejected(doc, "/attackers/0/behaviour", kBehaviours);
}

// ---- timeline actions ----------------------------------------------------------------------

TEST(Vocabulary, EveryTimelineActionLoadsWithTheKeysItsEntryAllows) {
  // A value for every key an action may take; each action gets the ones its entry lists.
  const std::map<std::string_view, json> values = {{"group", "clients"},
                                                   {"share", 0.5},
                                                   {"count", 1},
                                                   {"to", "clients"},
                                                   {"via", "servers"},
                                                   {"mean_uptime", "5s"},
                                                   {"mean_downtime", "1s"},
                                                   {"name", "gossip_fanout"},
                                                   {"value", 4},
                                                   {"attacker", "a"},
                                                   {"sides", {{"servers"}, {"clients"}}}};
  for (const auto& a : TimelineEvent::kActions) {
    SCOPED_TRACE(a.name);
    json entry = {{"at", "1s"}, {"action", a.name}};
    const auto keys = a.key_names();
    const bool takes_count = std::find(keys.begin(), keys.end(), std::string_view("count")) != keys.end();
    for (const auto key : keys) {
      if (key == "at" || key == "action") continue;
      // A partition takes sides or a share, not both (both is an error: one would be ignored).
      if (a.value == TimelineEvent::Action::kPartition && key == "share") continue;
      // A crash (or restart) takes a share or a count, not both (both is an error, review M7).
      if (a.value != TimelineEvent::Action::kPartition && key == "share" && takes_count) continue;
      ASSERT_TRUE(values.contains(key)) << key;
      entry[std::string(key)] = values.at(key);
    }
    json doc = base();
    doc["timeline"] = json::array({entry});  // {entry} alone is ambiguous (clang copies entry)
    const Scenario s = load(doc);
    ASSERT_EQ(s.timeline.size(), 1u);
    EXPECT_EQ(s.timeline[0].action, a.value);
    EXPECT_EQ(effective_document(s)["timeline"][0]["action"], a.name);
    // The effective document writes back every key given (a share only when no count says who
    // instead), and only keys of the action's row.
    const json written = effective_document(s)["timeline"][0];
    const auto names = a.key_names();
    for (const auto& [key, value] : entry.items()) {
      const bool shown = key != "share" || !entry.contains("count");
      EXPECT_EQ(written.contains(key), shown) << key;
    }
    for (const auto& [key, value] : written.items())
      EXPECT_NE(std::find(names.begin(), names.end(), key), names.end()) << key;
    // A key of no action is rejected at its pointer.
    doc["timeline"][0]["warp_factor"] = 9;
    expect_error_at(doc, "/timeline/0/warp_factor");
  }
  json doc = base();
  doc["timeline"] = {{{"at", "1s"}, {"action", "explode"}}};
  expect_rejected(doc, "/timeline/0/action", TimelineEvent::kActions);
}

// ---- the scenario's own vocabularies -------------------------------------------------------

// Each name of `table` set at `pointer` of the base document loads as its value
// (`loaded_value`) and comes back at `effective_pointer` of the effective document; another
// name is rejected.
template <class Table>
void walk(const Table& table, const std::string& pointer, const std::string& effective_pointer,
          const auto& loaded_value) {
  for (const auto& e : table) {
    SCOPED_TRACE(std::string(e.name));
    json doc = base();
    doc[json::json_pointer(pointer)] = std::string(e.name);
    const Scenario s = load(doc);
    EXPECT_EQ(loaded_value(s), e.value);
    EXPECT_EQ(effective_document(s)[json::json_pointer(effective_pointer)], e.name);
  }
  json doc = base();
  doc[json::json_pointer(pointer)] = "no such name";
  expect_rejected(doc, pointer, table);
}

TEST(Vocabulary, EveryScenarioEnumLoadsAndIsWrittenBack) {
  walk(kRoles, "/nodes/1/role", "/nodes/1/role", [](const Scenario& s) { return s.nodes[1].role; });
  walk(kRecordLevels, "/record", "/record", [](const Scenario& s) { return s.record; });
  walk(SizeDistribution::kKinds, "/workload/channels/0/messages/size/distribution",
       "/workload/channels/0/messages/size/distribution",
       [](const Scenario& s) { return s.workload.channels[0].messages.size.kind; });
  walk(kCompareOps, "/expect/0/op", "/expect/0/op", [](const Scenario& s) { return s.expect[0].op; });
}

TEST(Vocabulary, EveryMembershipActionAndTopologyLoads) {
  for (const auto& k : MembershipChange::kKinds) {
    json doc = base();
    doc["workload"]["membership"] = {{{"at", "1s"}, {"action", k.name}, {"channel", "c"}}};
    const Scenario s = load(doc);
    EXPECT_EQ(s.workload.membership[0].kind, k.value);
    EXPECT_EQ(effective_document(s)["workload"]["membership"][0]["action"], k.name);
  }
  for (const auto& k : Topology::kKinds) {
    SCOPED_TRACE(std::string(k.name));
    json doc = base();
    doc["nodes"][1]["count"] = 20;
    doc["topology"] = {
        {std::string(k.name), k.value == Topology::Kind::kEdges ? json{{0, 1}} : json::object()}};
    const Scenario s = load(doc);
    EXPECT_EQ(s.topology.kind, k.value);
    EXPECT_TRUE(effective_document(s)["topology"].contains(std::string(k.name)));
  }
}

// ---- the READMEs list every name -----------------------------------------------------------

std::string read_text(const std::string& relative) {
  std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every name of `table` appears in `text` as `name` (or `name: ...` for topology kinds).
template <class Table>
void expect_listed(const std::string& text, const Table& table, std::string_view where) {
  for (const auto& e : table) {
    const std::string name(e.name);
    const std::string code = std::string(1, '`').append(name);
    EXPECT_TRUE(text.find(code + '`') != std::string::npos || text.find(code + ':') != std::string::npos)
        << where << " does not list " << name;
  }
}

TEST(Vocabulary, TheReadmesListEveryName) {
  const std::string scenarios = read_text("scenarios/README.md");
  expect_listed(scenarios, sim::kNatTypes, "scenarios/README.md");
  expect_listed(scenarios, sim::kPortAllocations, "scenarios/README.md");
  expect_listed(scenarios, sim::kLatencyKinds, "scenarios/README.md");
  expect_listed(scenarios, sim::kLossKinds, "scenarios/README.md");
  expect_listed(scenarios, kBehaviours, "scenarios/README.md");
  expect_listed(scenarios, TimelineEvent::kActions, "scenarios/README.md");
  expect_listed(scenarios, MembershipChange::kKinds, "scenarios/README.md");
  expect_listed(scenarios, Topology::kKinds, "scenarios/README.md");
  expect_listed(scenarios, kRoles, "scenarios/README.md");
  // The attackers' params row: for each behaviour, a `;`-separated part naming it lists each of
  // its params (with their kinds and accepted names).
  const auto row_start = scenarios.find("| `params` | `{}` | per behaviour");
  ASSERT_NE(row_start, std::string::npos);
  const std::string row = scenarios.substr(row_start, scenarios.find('\n', row_start) - row_start);
  for (const auto& b : kBehaviours) {
    std::set<std::string> listed;
    bool found = false;
    std::stringstream parts(row.substr(row.find(':') + 1));
    for (std::string part; std::getline(parts, part, ';');) {
      const auto words = part.substr(0, part.find('`'));
      if (words.find(std::string(b.name) + ",") == std::string::npos &&
          words.find(std::string(b.name) + " ") == std::string::npos)
        continue;
      found = true;
      for (auto q = part.find('`'); q != std::string::npos; q = part.find('`', part.find('`', q + 1) + 1)) {
        listed.insert(part.substr(q + 1, part.find('`', q + 1) - q - 1));
      }
    }
    EXPECT_TRUE(found) << b.name << " has no params entry";
    for (const auto& p : b.params) EXPECT_TRUE(listed.count(std::string(p.key))) << b.name << " " << p.key;
  }
  const std::string simulator = read_text("sim/README.md");
  for (const auto& t : sim::kNatTypes)
    EXPECT_NE(simulator.find(std::string(t.name)), std::string::npos) << t.name;
  for (const auto& a : sim::kPortAllocations)
    EXPECT_NE(simulator.find(std::string(a.name)), std::string::npos) << a.name;
  for (const auto& m : sim::kNatMappings)
    EXPECT_NE(simulator.find(std::string(m.name)), std::string::npos) << m.name;
}

}  // namespace
}  // namespace ptplab::scenarios
