// Cross-checks of a scenario: every name it refers to (groups, channels, attackers, regions)
// exists, names are unique, node indices are in range and overlays are buildable.
#include <set>

#include "engine/core/did_you_mean.hpp"
#include "scenarios/format/sections.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// Reports each name in `names` at pointers `pointer`/i (or `pointer` for a single string) that is
// not one of `known`.
class NameCheck {
 public:
  NameCheck(JsonChecker& c, std::string_view what, std::vector<std::string_view> known)
      : c_(c), what_(what), known_(std::move(known)) {}

  void one(const std::string& name, const std::string& pointer) {
    if (name.empty() || std::find(known_.begin(), known_.end(), name) != known_.end()) return;
    const std::string suggestion = closest_name(name, known_);
    c_.error(pointer, suggestion.empty()
                          ? "unknown " + std::string(what_) + " \"" + name + "\"; " +
                                (known_.empty() ? "the scenario defines no " + std::string(what_)
                                                : "expected " + quoted_list(known_))
                          : "unknown " + std::string(what_) + " \"" + name + "\"; did you mean \"" +
                                suggestion + "\"?");
  }
  // A member that was a string (pointer is the member) or a list (pointer/i per item).
  void list(const json& object, const std::string& pointer, std::string_view key,
            const std::vector<std::string>& names) {
    if (!object.is_object() || !object.contains(key)) return;
    const std::string p = child_pointer(pointer, key);
    const bool single = object[key].is_string();
    for (std::size_t i = 0; i < names.size(); ++i) one(names[i], single ? p : child_pointer(p, i));
  }
  void unique(const std::vector<std::string>& names, const std::string& array_pointer) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!seen.insert(names[i]).second) {
        c_.error(child_pointer(array_pointer, i) + "/name",
                 "expected a unique " + std::string(what_) + " name, found \"" + names[i] + "\" again");
      }
    }
  }

 private:
  JsonChecker& c_;
  std::string_view what_;
  std::vector<std::string_view> known_;
};

// doc[key] if it is an array holding index i as an object, else an empty object.
const json& item(const json& doc, std::string_view key, std::size_t i) {
  static const json kEmpty = json::object();
  if (!doc.contains(key) || !doc[key].is_array() || i >= doc[key].size() || !doc[key][i].is_object())
    return kEmpty;
  return doc[key][i];
}

}  // namespace

void check_references(JsonChecker& c, const json& doc, const Scenario& s) {
  std::vector<std::string> group_names, channel_names, attacker_names;
  for (const auto& g : s.nodes) group_names.push_back(g.name);
  for (const auto& ch : s.workload.channels) channel_names.push_back(ch.name);
  for (const auto& a : s.attackers) attacker_names.push_back(a.name);
  NameCheck groups(c, "group", {group_names.begin(), group_names.end()});
  NameCheck channels(c, "channel", {channel_names.begin(), channel_names.end()});
  NameCheck attackers(c, "attacker", {attacker_names.begin(), attacker_names.end()});
  NameCheck regions(c, "region", {s.network.regions.names.begin(), s.network.regions.names.end()});
  groups.unique(group_names, "/nodes");
  channels.unique(channel_names, "/workload/channels");
  attackers.unique(attacker_names, "/attackers");

  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    regions.one(s.nodes[i].region, child_pointer("/nodes", i) + "/region");
  }
  std::vector<std::string_view> class_names;
  for (const auto& k : s.network.link_classes) class_names.push_back(k.name);
  NameCheck link_classes(c, "link class", class_names);
  for (std::size_t i = 0; i < s.nodes.size(); ++i)
    link_classes.one(s.nodes[i].link.class_name, child_pointer("/nodes", i) + "/link");
  for (std::size_t i = 0; i < s.attackers.size(); ++i)
    link_classes.one(s.attackers[i].link.class_name, child_pointer("/attackers", i) + "/link");
  const json empty = json::object();
  const json& topology = doc.contains("topology") && doc["topology"].is_object() ? doc["topology"] : empty;
  const std::string bootstrap(name_of(Topology::kKinds, Topology::Kind::kBootstrap));
  if (topology.contains(bootstrap))
    groups.list(topology[bootstrap], child_pointer("/topology", bootstrap), "servers",
                s.topology.bootstrap_groups);

  const std::uint64_t n = node_count(s);
  const auto& t = s.topology;
  if (t.kind == Topology::Kind::kRandomRegular && (t.degree >= n || (t.degree * n) % 2 != 0)) {
    c.error("/topology/random_regular/degree", "expected a degree below the node count (" +
                                                   std::to_string(n) + ") with degree x nodes even, found " +
                                                   std::to_string(t.degree));
  }
  if (t.kind == Topology::Kind::kWattsStrogatz && t.k >= n) {
    c.error("/topology/watts_strogatz/k",
            "expected k below the node count (" + std::to_string(n) + "), found " + std::to_string(t.k));
  }
  if (t.kind == Topology::Kind::kBarabasiAlbert && t.m >= n) {
    c.error("/topology/barabasi_albert/m",
            "expected m below the node count (" + std::to_string(n) + "), found " + std::to_string(t.m));
  }
  for (std::size_t i = 0; i < t.edges.size(); ++i) {
    const auto [a, b] = t.edges[i];
    if (a >= n || b >= n || a == b) {
      c.error(child_pointer("/topology/edges", i), "expected two different node indices below " +
                                                       std::to_string(n) + ", found [" + std::to_string(a) +
                                                       ", " + std::to_string(b) + "]");
    }
  }

  const json& workload = doc.contains("workload") && doc["workload"].is_object() ? doc["workload"] : empty;
  for (std::size_t i = 0; i < s.workload.channels.size(); ++i) {
    const json& ch = item(workload, "channels", i);
    const std::string p = child_pointer("/workload/channels", i) + "/members";
    if (ch.contains("members"))
      groups.list(ch["members"], p, "groups", s.workload.channels[i].members.groups);
  }
  for (std::size_t i = 0; i < s.workload.membership.size(); ++i) {
    const std::string p = child_pointer("/workload/membership", i);
    channels.one(s.workload.membership[i].channel, p + "/channel");
    groups.list(item(workload, "membership", i), p, "groups", s.workload.membership[i].groups);
  }
  // The nodes of a group by name ("" = every group), for counts that must not exceed them.
  const auto group_size = [&](const std::string& name) {
    std::uint64_t size = 0;
    for (const auto& g : s.nodes) size += name.empty() || g.name == name ? g.count : 0;
    return size;
  };
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    const auto& e = s.timeline[i];
    const std::string p = child_pointer("/timeline", i);
    groups.one(e.group, p + "/group");
    if (e.count && *e.count > group_size(e.group) && group_size(e.group) > 0) {
      c.error(p + "/count", "expected a count up to " + std::to_string(group_size(e.group)) +
                                " (the nodes of " +
                                (e.group.empty() ? std::string("every group") : "group \"" + e.group + "\"") +
                                "), found " + std::to_string(*e.count));
    }
    groups.one(e.to, p + "/to");
    groups.one(e.via, p + "/via");
    attackers.one(e.attacker, p + "/attacker");
    for (std::size_t k = 0; k < e.sides.size(); ++k) {
      const json& side = item(doc, "timeline", i).value("sides", json::array());
      const bool single = side.is_array() && k < side.size() && side[k].is_string();
      for (std::size_t m = 0; m < e.sides[k].size(); ++m) {
        const std::string sp = child_pointer(p + "/sides", k);
        groups.one(e.sides[k][m], single ? sp : child_pointer(sp, m));
      }
    }
  }
  for (std::size_t i = 0; i < s.attackers.size(); ++i) {
    const auto& a = s.attackers[i];
    const std::string p = child_pointer("/attackers", i) + "/target";
    groups.one(a.target_group, p);
    if (a.target_node && *a.target_node >= n) {
      c.error(p, "expected a node index below " + std::to_string(n) + ", found " +
                     std::to_string(*a.target_node));
    }
  }
}

}  // namespace ptplab::scenarios
