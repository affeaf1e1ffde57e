// Validation of `attackers`, `expect` and `sweep`.
#include <algorithm>

#include "engine/core/did_you_mean.hpp"
#include "reports/records/metrics.hpp"
#include "scenarios/format/sections.hpp"
#include "scenarios/format/sweep.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// Checks one parameter value against its kind (scenario.hpp's BehaviourParam); true when valid.
bool check_param_value(JsonChecker& c, const json& v, const std::string& p, const BehaviourParam& param,
                       const Scenario& s) {
  switch (param.kind) {
    case ParamKind::kBool:
      if (v.is_boolean()) return true;
      c.error(p, "expected true or false, found " + describe(v));
      return false;
    case ParamKind::kInteger:
      if (v.is_number_integer() && v.get<std::int64_t>() >= param.min && v.get<std::int64_t>() <= param.max &&
          !(v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(param.max)))
        return true;
      c.error(p, "expected an integer in [" + std::to_string(param.min) + ", " + std::to_string(param.max) +
                     "], found " + describe(v));
      return false;
    case ParamKind::kDuration: {
      TimeNs ignored = 0;
      return c.duration_value(v, p, ignored);
    }
    case ParamKind::kName:
      if (v.is_string() &&
          std::find(param.names.begin(), param.names.end(), v.get<std::string>()) != param.names.end())
        return true;
      c.error(p, one_of_found(param.names, v));
      return false;
    case ParamKind::kChannel: {
      std::vector<std::string_view> names;
      for (const auto& ch : s.workload.channels) names.push_back(ch.name);
      if (v.is_string() && std::find(names.begin(), names.end(), v.get<std::string>()) != names.end())
        return true;
      c.error(p, "expected a channel name (" +
                     (names.empty() ? std::string("there are none") : quoted_list(names)) + "), found " +
                     describe(v));
      return false;
    }
    case ParamKind::kNodeIndex: {
      const std::uint64_t nodes = node_count(s);
      if (v.is_number_unsigned() && v.get<std::uint64_t>() < nodes) return true;
      c.error(p, "expected a node index in [0, " + std::to_string(nodes) + "), found " + describe(v));
      return false;
    }
  }
  return false;
}

void read_attacker_params(JsonChecker& c, const json& j, const std::string& p, const Scenario& s,
                          Attacker& out) {
  if (!c.require_object(j, p, "an object of behaviour parameters")) return;
  const auto params = entry_of(kBehaviours, out.behaviour).params;
  std::vector<std::string_view> known;
  for (const auto& param : params) known.push_back(param.key);
  for (const auto& [name, value] : j.items()) {
    const auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      const std::string suggestion = closest_name(name, known);
      const std::string behaviour(behaviour_name(out.behaviour));
      c.error(child_pointer(p, name),
              suggestion.empty()
                  ? "unknown parameter of \"" + behaviour + "\"; expected " +
                        (known.empty() ? std::string("none") : quoted_list(known))
                  : "unknown parameter of \"" + behaviour + "\"; did you mean \"" + suggestion + "\"?");
      continue;
    }
    const auto& param = params[static_cast<std::size_t>(it - known.begin())];
    if (check_param_value(c, value, child_pointer(p, name), param, s))
      out.params.push_back({name, value.dump()});
  }
}

void read_attacker(JsonChecker& c, const json& j, const std::string& p, std::size_t index, const Scenario& s,
                   Attacker& out) {
  out.name = "attacker" + std::to_string(index);
  if (!c.require_object(j, p)) return;
  c.check_keys(
      j, p,
      {"name", "count", "behaviour", "target", "rate_per_s", "start", "stop", "placement", "params", "link"});
  c.name(j, p, "name", out.name);
  c.integer(j, p, "count", out.count, 1, kAttackersMax);
  if (c.require_key(j, p, "behaviour")) {
    read_choice(c, j, p, "behaviour", kBehaviours, out.behaviour);
  }
  if (j.contains("target")) {
    const auto& t = j["target"];
    if (t.is_string()) {
      out.target_group = t.get<std::string>();
    } else if (t.is_number_unsigned() && t.get<std::uint64_t>() < kNodesMax) {
      out.target_node = t.get<std::uint32_t>();
    } else {
      c.error(p + "/target", "expected a group name or a node index, found " + describe(t));
    }
  }
  c.number(j, p, "rate_per_s", out.rate_per_s, 0, kRatePerSecondMax);
  c.duration(j, p, "start", out.start_ns);
  c.duration(j, p, "stop", out.stop_ns);
  if (out.stop_ns < out.start_ns) {
    c.error(p + "/stop", "expected a time after start (" + format_duration(out.start_ns) + "), found " +
                             format_duration(out.stop_ns));
  }
  read_placement(c, j, p, out.placement);
  read_link_choice(c, j, p, s.network, out.link);
  if (j.contains("params") && j.contains("behaviour"))
    read_attacker_params(c, j["params"], p + "/params", s, out);
}

}  // namespace

void read_attackers(JsonChecker& c, const json& doc, Scenario& s) {
  if (!doc.contains("attackers")) return;
  const auto& j = doc["attackers"];
  if (!c.require_array(j, "/attackers")) return;
  for (std::size_t i = 0; i < j.size(); ++i) {
    Attacker a;
    read_attacker(c, j[i], child_pointer("/attackers", i), i, s, a);
    const bool started_by_timeline =
        std::any_of(s.timeline.begin(), s.timeline.end(), [&](const TimelineEvent& e) {
          return e.action == TimelineEvent::Action::kAttackStart && e.attacker == a.name;
        });
    if (started_by_timeline && !(j[i].is_object() && j[i].contains("start"))) a.start_ns = kNever;
    s.attackers.push_back(std::move(a));
  }
}

void read_expect(JsonChecker& c, const json& doc, Scenario& s) {
  if (!doc.contains("expect")) return;
  const auto& j = doc["expect"];
  if (!c.require_array(j, "/expect")) return;
  std::vector<std::string_view> metric_names;
  for (const auto& m : reports::metric_table()) metric_names.push_back(m.name);
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string p = child_pointer("/expect", i);
    const auto& e = j[i];
    if (!c.require_object(e, p)) continue;
    c.check_keys(e, p, {"metric", "op", "value", "tolerance"});
    Expectation x;
    if (c.require_key(e, p, "metric")) {
      c.string(e, p, "metric", x.metric);
      if (e["metric"].is_string() && reports::find_metric(x.metric) == nullptr) {
        const std::string suggestion = closest_name(x.metric, metric_names);
        c.error(p + "/metric",
                suggestion.empty()
                    ? "unknown metric \"" + x.metric + "\" (see scenarios/README.md for the list)"
                    : "unknown metric \"" + x.metric + "\"; did you mean \"" + suggestion + "\"?");
      }
    }
    if (c.require_key(e, p, "op")) {
      read_choice(c, e, p, "op", kCompareOps, x.op);
    }
    if (c.require_key(e, p, "value")) c.number(e, p, "value", x.value, -1e300, 1e300);
    c.number(e, p, "tolerance", x.tolerance, 0, 1e300);
    s.expect.push_back(std::move(x));
  }
}

void read_sweep(JsonChecker& c, const json& doc, Scenario& s) {
  if (!doc.contains("sweep")) return;
  const auto& j = doc["sweep"];
  const std::string p = "/sweep";
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"parameters", "seeds"});
  Sweep sweep;
  c.integer(j, p, "seeds", sweep.seeds, 1, kSweepSeedsMax);
  std::size_t points = sweep.seeds;
  if (j.contains("parameters") && c.require_object(j["parameters"], p + "/parameters")) {
    for (const auto& [path, values] : j["parameters"].items()) {
      const std::string vp = child_pointer(p + "/parameters", path);
      if (path.empty() || path.front() != '/') {
        c.error(vp, "expected a JSON pointer such as \"/nodes/0/count\" as the key, found \"" + path + "\"");
        continue;
      }
      if (!values.is_array() || values.empty()) {
        c.error(vp, "expected a non-empty array of values, found " + describe(values));
        continue;
      }
      std::vector<std::string> texts;
      for (const auto& v : values) texts.push_back(v.dump());
      points = std::min(points * texts.size(), kSweepPointsMax + 1);
      sweep.parameters.emplace_back(path, std::move(texts));
    }
  }
  if (points > kSweepPointsMax) {
    // `points` stops counting past the bound (no overflow): say "more", not the count where it stopped.
    c.error(p,
            "expected at most " + std::to_string(kSweepPointsMax) + " points (values x seeds), found more");
  }
  s.sweep = std::move(sweep);
}

}  // namespace ptplab::scenarios
