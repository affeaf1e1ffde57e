// unused_param_warnings (see param_warnings.hpp).
#include "scenarios/format/param_warnings.hpp"

#include <algorithm>
#include <optional>

#include "engine/node/node_params.hpp"

namespace ptplab::scenarios {
namespace {

// The group's parameters as its nodes start with them (server defaults, then its own).
engine::NodeParams group_params(const NodeGroup& g) {
  engine::NodeParams p;
  for (const auto& o : g.params) (void)engine::set_param(p, o.name, nlohmann::json::parse(o.value));
  return p;
}

// Whether a timeline set_param may change `name` on the nodes of group `group`.
bool retuned(const Scenario& s, const std::string& group, std::string_view name) {
  return std::any_of(s.timeline.begin(), s.timeline.end(), [&](const TimelineEvent& e) {
    return e.action == TimelineEvent::Action::kSetParam && (e.group.empty() || e.group == group) &&
           e.param.name == name;
  });
}

// Why `name` has no effect on the nodes of group `g` (parameters `p`), unless a timeline
// set_param may change what it depends on there.
std::optional<std::string> without_effect(const Scenario& s, const NodeGroup& g, const engine::NodeParams& p,
                                          std::string_view name) {
  const auto chain = engine::param_condition_chain(name);
  if (std::any_of(chain.begin(), chain.end(), [&](std::string_view c) { return retuned(s, g.name, c); }))
    return std::nullopt;
  return engine::param_without_effect(p, name);
}

}  // namespace

std::vector<std::string> unused_param_warnings(const nlohmann::json& doc, const Scenario& s) {
  std::vector<std::string> out;
  std::vector<engine::NodeParams> params;
  for (const auto& g : s.nodes) params.push_back(group_params(g));
  const auto groups = doc.find("nodes");
  for (std::size_t i = 0; groups != doc.end() && i < s.nodes.size() && i < groups->size(); ++i) {
    const auto& given = (*groups)[i];
    if (!given.is_object() || !given.contains("params") || !given.at("params").is_object()) continue;
    for (const auto& [name, value] : given.at("params").items())
      if (const auto why = without_effect(s, s.nodes[i], params[i], name))
        out.push_back("/nodes/" + std::to_string(i) + "/params/" + name + ": " + *why);
  }
  // A timeline set_param is warned about when it has no effect on any group it applies to.
  for (std::size_t t = 0; t < s.timeline.size(); ++t) {
    const auto& e = s.timeline[t];
    if (e.action != TimelineEvent::Action::kSetParam) continue;
    std::optional<std::string> why;
    bool effect = false;
    for (std::size_t i = 0; i < s.nodes.size() && !effect; ++i) {
      if (!e.group.empty() && e.group != s.nodes[i].name) continue;
      auto reason = without_effect(s, s.nodes[i], params[i], e.param.name);
      effect = !reason;
      if (reason && !why) why = std::move(reason);
    }
    if (!effect && why) out.push_back("/timeline/" + std::to_string(t) + "/name: " + *why);
  }
  return out;
}

}  // namespace ptplab::scenarios
