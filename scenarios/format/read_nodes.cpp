// Validation of `nodes` (groups, placement, NodeParams overrides) and `topology`.
#include <algorithm>

#include "engine/core/did_you_mean.hpp"
#include "engine/node/node_params.hpp"
#include "scenarios/format/sections.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

constexpr auto kTopologyKinds = names_of(Topology::kKinds);

// "public", "nat", then the NAT type names.
constexpr auto kPlacements = [] {
  std::array<std::string_view, sim::kNatTypes.size() + 1> out{};
  out[0] = name_of(sim::kNatTypes, NatType::kPublic);
  out[1] = kPlacementFromMix;
  for (std::size_t i = 1; i < sim::kNatTypes.size(); ++i) out[i + 1] = sim::kNatTypes[i].name;
  return out;
}();
static_assert(sim::kNatTypes[0].value == NatType::kPublic);

// A server group's params: kServerParamDefaults for the fields the file leaves out, then the file's.
void add_server_defaults(std::vector<ParamOverride>& params) {
  std::vector<ParamOverride> out;
  for (const auto& entry : kServerParamDefaults) {
    const std::string_view name = entry.first;  // not a structured binding: clang 14 cannot capture one
    const bool set =
        std::any_of(params.begin(), params.end(), [name](const ParamOverride& o) { return o.name == name; });
    if (!set) out.push_back({std::string(name), std::string(entry.second)});
  }
  out.insert(out.end(), params.begin(), params.end());
  params = std::move(out);
}

void read_group(JsonChecker& c, const json& j, const std::string& p, std::size_t index,
                const Network& network, NodeGroup& g) {
  g.name = "group" + std::to_string(index);
  if (!c.require_object(j, p)) return;
  c.check_keys(j, p, {"name", "count", "role", "placement", "region", "params", "link"});
  c.name(j, p, "name", g.name);
  c.integer(j, p, "count", g.count, 1, static_cast<std::uint32_t>(kNodesMax));
  read_choice(c, j, p, "role", kRoles, g.role);
  g.placement.from_mix = g.role == Role::kClient;
  read_placement(c, j, p, g.placement);
  c.string(j, p, "region", g.region);
  if (j.contains("params")) read_param_overrides(c, j["params"], p + "/params", g.params);
  if (g.role == Role::kServer) add_server_defaults(g.params);
  read_link_choice(c, j, p, network, g.link);
}

void read_edges(JsonChecker& c, const json& j, const std::string& p, Topology& t) {
  if (!c.require_array(j, p, "an array of [a, b] node index pairs")) return;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& e = j[i];
    const bool pair = e.is_array() && e.size() == 2;
    const std::uint64_t a = pair ? integral_value(e[0]).value_or(kNodesMax) : kNodesMax;
    const std::uint64_t b = pair ? integral_value(e[1]).value_or(kNodesMax) : kNodesMax;
    if (a < kNodesMax && b < kNodesMax) {
      t.edges.emplace_back(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b));
    } else {
      c.error(child_pointer(p, i), "expected a pair of node indices [a, b], found " + describe(e));
    }
  }
}

}  // namespace

void read_placement(JsonChecker& c, const json& object, std::string_view pointer, Placement& out) {
  const int placement = c.choice(object, pointer, "placement", kPlacements);
  if (placement < 0) return;
  if (kPlacements[static_cast<std::size_t>(placement)] == kPlacementFromMix) {
    out = {true, NatType::kPublic};
  } else {
    out = {false, *parse_name(sim::kNatTypes, kPlacements[static_cast<std::size_t>(placement)])};
  }
}

void read_param_overrides(JsonChecker& c, const json& params, std::string_view pointer,
                          std::vector<ParamOverride>& out) {
  if (!c.require_object(params, pointer, "an object of NodeParams fields")) return;
  engine::NodeParams scratch;
  const auto names = engine::param_names();
  bool all_set = true;
  for (const auto& [name, value] : params.items()) {
    const std::string p = child_pointer(pointer, name);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      const std::string suggestion = closest_name(name, names);
      c.error(p, suggestion.empty() ? std::string("unknown NodeParams field")
                                    : "unknown NodeParams field; did you mean \"" + suggestion + "\"?");
      all_set = false;
      continue;
    }
    if (const auto r = engine::set_param(scratch, name, value); !r) {
      c.error(p, r.error());
      all_set = false;
      continue;
    }
    // A number written with a fraction or exponent is kept as the engine holds it (1e3 becomes
    // 1000), so the report shows the value used; other values are kept as written.
    out.push_back(
        {name, value.is_number_float() ? engine::params_to_json(scratch).at(name).dump() : value.dump()});
  }
  if (all_set) {
    if (const auto r = engine::validate_params(scratch); !r) c.error(std::string(pointer), r.error());
  }
}

void read_nodes(JsonChecker& c, const json& doc, Scenario& s) {
  if (!c.require_key(doc, "", "nodes")) return;
  const auto& j = doc["nodes"];
  if (!c.require_array(j, "/nodes", "a non-empty array of node groups")) return;
  if (j.empty()) c.error("/nodes", "expected a non-empty array of node groups, found []");
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < j.size(); ++i) {
    NodeGroup g;
    read_group(c, j[i], child_pointer("/nodes", i), i, s.network, g);
    total += g.count;
    s.nodes.push_back(std::move(g));
  }
  if (total > kNodesMax) {
    c.error("/nodes", "expected at most " + std::to_string(kNodesMax) + " nodes in all, found " +
                          std::to_string(total));
  }
}

void read_topology(JsonChecker& c, const json& doc, Scenario& s) {
  if (!doc.contains("topology")) return;
  const auto& j = doc["topology"];
  const std::string p = "/topology";
  const std::string what = "an object with exactly one of " + quoted_list(kTopologyKinds);
  if (!c.require_object(j, p, what)) return;
  c.check_keys(j, p, kTopologyKinds);
  if (j.size() != 1) {
    c.error(p, "expected " + what + ", found " + std::to_string(j.size()) + " keys");
    return;
  }
  Topology& t = s.topology;
  const std::string key = j.begin().key();
  const json& body = j.begin().value();
  const std::string bp = child_pointer(p, key);
  const auto kind = parse_name(Topology::kKinds, key);
  if (!kind) return;  // reported by check_keys
  t.kind = *kind;
  switch (t.kind) {
    case Topology::Kind::kBootstrap:
      if (!c.require_object(body, bp)) return;
      c.check_keys(body, bp, {"servers"});
      c.string_list(body, bp, "servers", t.bootstrap_groups);
      break;
    case Topology::Kind::kRandomRegular:
      if (!c.require_object(body, bp)) return;
      c.check_keys(body, bp, {"degree"});
      c.integer(body, bp, "degree", t.degree, 1, kDegreeMax);
      break;
    case Topology::Kind::kErdosRenyi:
      if (!c.require_object(body, bp)) return;
      c.check_keys(body, bp, {"p"});
      c.number(body, bp, "p", t.p, 0, 1);
      break;
    case Topology::Kind::kWattsStrogatz:
      if (!c.require_object(body, bp)) return;
      c.check_keys(body, bp, {"k", "beta"});
      c.integer(body, bp, "k", t.k, 2, kDegreeMax);
      c.number(body, bp, "beta", t.beta, 0, 1);
      if (t.k % 2 != 0)
        c.error(bp + "/k", "expected an even number of ring neighbours, found " + std::to_string(t.k));
      break;
    case Topology::Kind::kBarabasiAlbert:
      if (!c.require_object(body, bp)) return;
      c.check_keys(body, bp, {"m"});
      c.integer(body, bp, "m", t.m, 1, kDegreeMax);
      break;
    case Topology::Kind::kEdges: read_edges(c, body, bp, t); break;
  }
}

}  // namespace ptplab::scenarios
