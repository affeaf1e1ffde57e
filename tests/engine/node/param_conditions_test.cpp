// The "used only when" column of the NodeParams definition table: each condition names a flag or
// choice by values it can hold, param_without_effect names the condition that fails, and each
// declared condition is true of the engine: a field whose condition does not hold changes nothing
// a node sends (a small channel run, compared datagram by datagram).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

TEST(ParamConditions, GossipFanoutUnderFloodSaysWhy) {
  NodeParams p;
  const auto why = param_without_effect(p, "gossip_fanout");
  ASSERT_TRUE(why);
  EXPECT_EQ(*why,
            "has no effect: gossip_fanout is used only when propagation is \"gossip\", and propagation is "
            "\"flood\"");
  p.propagation = Propagation::kGossip;
  EXPECT_FALSE(param_without_effect(p, "gossip_fanout"));
  // Fields without a condition, and names of no field, always take effect.
  EXPECT_FALSE(param_without_effect(p, "peer_timeout_ns"));
  EXPECT_FALSE(param_without_effect(p, "no_such_field"));
}

TEST(ParamConditions, ChainsNameTheFirstConditionThatFails) {
  NodeParams p;
  EXPECT_EQ(param_condition_chain("routing_sample_max"),
            (std::vector<std::string_view>{"routing_advert", "routing_enabled"}));
  p.routing_advert = RoutingAdvert::kSample;
  EXPECT_FALSE(param_without_effect(p, "routing_sample_max"));
  p.routing_enabled = false;
  const auto why = param_without_effect(p, "routing_sample_max");
  ASSERT_TRUE(why);
  EXPECT_EQ(*why,
            "has no effect: routing_advert is used only when routing_enabled is true, and routing_enabled "
            "is false");
  const auto names = param_names();
  const auto row =
      static_cast<std::size_t>(std::find(names.begin(), names.end(), "node_id_bits") - names.begin());
  EXPECT_EQ(condition_text(param_catalogue().at(row).used_when),
            "id_scheme is \"random\" or \"key_derived\"");
}

// The value a condition's field takes to satisfy (`hold`) or break the condition: its first listed
// value, else the first value of the field it does not list.
nlohmann::json condition_value(const ParamInfo& field, const ParamCondition& c, bool hold) {
  for (const auto& v : field.choices) {
    const bool listed = std::find(c.values.begin(), c.values.end(), v) != c.values.end();
    if (listed == hold) return field.type == "bool" ? nlohmann::json(v == "true") : nlohmann::json(v);
  }
  ADD_FAILURE() << "no value of " << field.name << " that " << (hold ? "holds" : "breaks")
                << " the condition";
  return {};
}

const ParamInfo& catalogue_row(std::string_view name) {
  static const auto catalogue = param_catalogue();
  return *std::find_if(catalogue.begin(), catalogue.end(),
                       [&](const ParamInfo& i) { return i.name == name; });
}

// A valid value of `field` other than its value in `base`: another choice, the other flag, else
// its minimum or the value plus one, whichever `base` accepts.
nlohmann::json other_value(const NodeParams& base, const ParamInfo& field) {
  const auto current = params_to_json(base).at(std::string(field.name));
  std::vector<nlohmann::json> candidates;
  if (field.type == "bool") candidates.emplace_back(!current.get<bool>());
  for (const auto& c : field.choices) candidates.emplace_back(std::string(c));
  if (field.type == "integer" || field.type == "duration") {
    // current + 1 first: the minimum of a timer's interval (1 ns) would run its timer 10^10
    // times in the 12 s of the run even while the timer's feature is off (it is still armed).
    candidates.emplace_back(current.get<std::int64_t>() + 1);
    candidates.emplace_back(static_cast<std::int64_t>(field.min));
  }
  if (field.type == "number") {
    candidates.emplace_back(current.get<double>() + 1);
    candidates.emplace_back(field.min);
  }
  for (const auto& v : candidates) {
    NodeParams q = base;
    if (v != current && set_param(q, field.name, v) && validate_params(q)) return v;
  }
  ADD_FAILURE() << "no other valid value for " << field.name;
  return current;
}

// Every datagram four nodes in a line send while a channel is announced, joined and carries three
// messages (a closed channel: keys and certificates travel too), as (from, to, bytes).
std::vector<std::string> channel_run(const NodeParams& p) {
  Loopback net;
  for (std::size_t i = 0; i < 4; ++i) net.add(p, 100 + i);
  for (std::size_t i = 1; i < 4; ++i)
    net.act(i, [&](Node& node, Output& out) { node.add_peer(net.now(), net.address(i - 1), out); });
  net.run_until(3 * kSecond);
  const auto id = net.act(0, [&](Node& n, Output& o) { return n.create_channel(net.now(), "c", true, o); });
  net.run_until(5 * kSecond);
  for (std::size_t i = 1; i < 4; ++i)
    net.act(i, [&](Node& n, Output& o) { return n.join_channel(net.now(), id, o); });
  net.run_until(7 * kSecond);
  for (std::size_t i = 0; i < 3; ++i) {
    net.act(3 - i, [&](Node& n, Output& o) { return n.send_message(net.now(), id, "hi", {}, o); });
    net.run_until(net.now() + 500 * kMillisecond);
  }
  net.run_until(12 * kSecond);
  std::vector<std::string> sent;
  for (const auto& r : net.wiretap)
    sent.push_back(r.from.to_string() + ">" + r.to.to_string() + " " +
                   std::string(reinterpret_cast<const char*>(r.bytes->data()), r.bytes->size()));
  return sent;
}

// The table walk, form: every "used only when" names another row that is a flag or a choice, by
// values set_param accepts for it, and every chain ends.
TEST(ParamConditions, EveryConditionNamesAFlagOrChoiceByValuesItCanHold) {
  const auto catalogue = param_catalogue();
  for (const auto& field : catalogue) {
    if (field.used_when.param.empty()) continue;
    SCOPED_TRACE(std::string(field.name));
    const auto cond = std::find_if(catalogue.begin(), catalogue.end(),
                                   [&](const ParamInfo& i) { return i.name == field.used_when.param; });
    ASSERT_NE(cond, catalogue.end()) << field.used_when.param;
    EXPECT_NE(cond->name, field.name);
    EXPECT_TRUE(cond->type == "bool" || cond->type == "choice") << cond->type;
    ASSERT_FALSE(field.used_when.values[0].empty());
    for (const auto v : field.used_when.values) {
      if (v.empty()) continue;
      NodeParams p;
      const auto value = cond->type == "bool" ? nlohmann::json(v == "true") : nlohmann::json(std::string(v));
      EXPECT_TRUE(cond->type != "bool" || v == "true" || v == "false") << v;
      EXPECT_TRUE(set_param(p, cond->name, value)) << v;
    }
    const auto chain = param_condition_chain(field.name);
    EXPECT_LT(chain.size(), catalogue.size());
    EXPECT_EQ(std::count(chain.begin(), chain.end(), field.name), 0);
  }
}

// The table walk, meaning: for every field with a condition, each value of the condition's field that
// breaks it makes the field's own value irrelevant to everything the nodes send.
TEST(ParamConditions, AFieldWhoseConditionFailsChangesNothingSent) {
  std::size_t conditioned = 0;
  for (const auto& field : param_catalogue()) {
    if (field.used_when.param.empty()) continue;
    ++conditioned;
    SCOPED_TRACE(std::string(field.name) + " (used only when " + condition_text(field.used_when) + ")");
    // The chain above the direct condition holds; the direct condition is broken.
    NodeParams broken;
    const auto chain = param_condition_chain(field.name);
    for (std::size_t i = chain.size(); i-- > 1;) {
      const auto& link = catalogue_row(chain[i - 1]);
      ASSERT_TRUE(
          set_param(broken, chain[i], condition_value(catalogue_row(chain[i]), link.used_when, true)));
    }
    ASSERT_TRUE(set_param(broken, field.used_when.param,
                          condition_value(catalogue_row(field.used_when.param), field.used_when, false)));
    const auto why = param_without_effect(broken, field.name);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find(std::string(field.name) + " is used only when"), std::string::npos) << *why;
    NodeParams changed = broken;
    ASSERT_TRUE(set_param(changed, field.name, other_value(broken, field)));
    ASSERT_NE(params_to_json(changed), params_to_json(broken));
    EXPECT_EQ(channel_run(changed), channel_run(broken));
  }
  EXPECT_GE(conditioned, 20u);  // the table declares them: gossip, mesh, routing, rate limits, bounds...
}

}  // namespace
}  // namespace ptplab::engine::test
