// effective_document: one writer per section, mirroring the read_* section readers.
#include "scenarios/format/effective.hpp"

#include <algorithm>

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// A duration in the file syntax, exact: the readable form when it parses back to t without
// rounding ("1.23457us" is 1234.57 ns, which the loader refuses), else ns.
std::string duration(TimeNs t) {
  const std::string readable = format_duration(t);
  return parse_duration(readable) == t && !duration_below_a_nanosecond(readable) ? readable
                                                                                 : std::to_string(t) + "ns";
}

json params(const std::vector<ParamOverride>& overrides) {
  json out = json::object();
  for (const auto& p : overrides) out[p.name] = json::parse(p.value);
  return out;
}

std::string placement(const Placement& p) {
  return std::string(p.from_mix ? kPlacementFromMix : nat_type_name(p.nat_type));
}

json latency(const sim::LatencyConfig& l) {
  using sim::LatencyKind;
  json out = {{"model", name_of(sim::kLatencyKinds, l.kind)}};
  switch (l.kind) {
    case LatencyKind::kConstant: out["delay"] = duration(l.constant_ns); break;
    case LatencyKind::kUniform:
      out["min"] = duration(l.uniform_min_ns);
      out["max"] = duration(l.uniform_max_ns);
      break;
    case LatencyKind::kNormal:
    case LatencyKind::kLognormal:
      out["mean"] = duration(l.mean_ns);
      out["stddev"] = duration(l.stddev_ns);
      if (l.floor_ns > 0) out["floor"] = duration(l.floor_ns);
      break;
    case LatencyKind::kMatrix: break;
  }
  return out;
}

json loss(const sim::LossConfig& l) {
  json out = {{"model", name_of(sim::kLossKinds, l.kind)}};
  if (l.kind == sim::LossKind::kBernoulli) out["rate"] = l.probability;
  if (l.kind == sim::LossKind::kGilbertElliott) {
    out.update({{"p_gb", l.p_good_to_bad},
                {"p_bg", l.p_bad_to_good},
                {"loss_good", l.loss_good},
                {"loss_bad", l.loss_bad}});
  }
  return out;
}

json link(const sim::LinkConfig& l) {
  return {{"bandwidth",
           {{"uplink_bps", l.uplink_bytes_per_s * 8},
            {"downlink_bps", l.downlink_bytes_per_s * 8},
            {"queue_bytes", l.uplink_queue_bytes_max}}},
          {"uplink_loss", loss(l.uplink_loss)},
          {"downlink_loss", loss(l.downlink_loss)},
          {"delay", duration(l.delay_ns)}};
}

// A group's or attacker's `link` into `out`, when it has one.
void link_choice(const LinkChoice& choice, json& out) {
  if (!choice.class_name.empty()) {
    out["link"] = choice.class_name;
  } else if (choice.own) {
    out["link"] = link(*choice.own);
  }
}

json network(const Network& n) {
  const sim::NetworkConfig& c = n.config;
  json mix = json::object();
  for (const auto& t : sim::kNatTypes)
    mix[std::string(t.name)] = n.nat.mix[static_cast<std::size_t>(t.value)];
  json out = {
      {"latency", latency(c.latency)},
      {"loss", loss(c.link.uplink_loss)},
      {"duplication", {{"rate", c.duplicate_probability}}},
      {"bandwidth",
       {{"uplink_bps", c.link.uplink_bytes_per_s * 8},
        {"downlink_bps", c.link.downlink_bytes_per_s * 8},
        {"queue_bytes", c.link.uplink_queue_bytes_max}}},
      {"max_datagram_bytes", c.datagram_bytes_max},
      {"nat",
       {{"mix", mix},
        {"hosts_per_box", n.nat.hosts_per_box},
        {"mapping_timeout", duration(n.nat.box.mapping_timeout_ns)},
        {"hairpinning", n.nat.box.hairpinning},
        {"port_allocation", name_of(sim::kPortAllocations, n.nat.box.port_allocation)}}},
  };
  if (!n.regions.names.empty()) {
    const std::size_t r = n.regions.names.size();
    json matrix = json::array();
    for (std::size_t from = 0; from < r; ++from) {
      json row = json::array();
      for (std::size_t to = 0; to < r; ++to) row.push_back(duration(c.latency.matrix_ns[from * r + to]));
      matrix.push_back(row);
    }
    out["regions"] = {{"names", n.regions.names}, {"latency", matrix}};
  }
  if (!n.link_classes.empty()) {
    json classes = json::object();
    for (const auto& k : n.link_classes) classes[k.name] = link(k.link);
    out["link_classes"] = classes;
  }
  return out;
}

json topology_body(const Topology& t) {
  switch (t.kind) {
    case Topology::Kind::kBootstrap: {
      json body = json::object();
      if (!t.bootstrap_groups.empty()) body["servers"] = t.bootstrap_groups;
      return body;
    }
    case Topology::Kind::kRandomRegular: return {{"degree", t.degree}};
    case Topology::Kind::kErdosRenyi: return {{"p", t.p}};
    case Topology::Kind::kWattsStrogatz: return {{"k", t.k}, {"beta", t.beta}};
    case Topology::Kind::kBarabasiAlbert: return {{"m", t.m}};
    case Topology::Kind::kEdges: {
      json edges = json::array();
      for (const auto& [a, b] : t.edges) edges.push_back({a, b});
      return edges;
    }
  }
  return json::object();
}

json topology(const Topology& t) {
  return {{std::string(name_of(Topology::kKinds, t.kind)), topology_body(t)}};
}

json members(const std::vector<std::string>& groups, double share) {
  json out = {{"share", share}};
  if (!groups.empty()) out["groups"] = groups;
  return out;
}

json channel(const Channel& c) {
  const MessageLoad& m = c.messages;
  json messages = {
      {"size",
       {{"distribution", name_of(SizeDistribution::kKinds, m.size.kind)},
        {"bytes", m.size.bytes},
        {"min", m.size.min_bytes},
        {"max", m.size.max_bytes}}},
      {"start", duration(m.start_ns)},
      {"attachments",
       {{"count", m.attachments.count}, {"bytes", m.attachments.bytes}, {"type", m.attachments.type}}}};
  if (m.interval_ns > 0) {
    messages["interval"] = duration(m.interval_ns);
  } else {
    messages["rate_per_s"] = m.rate_per_s;
  }
  if (m.stop_ns != kNever) messages["stop"] = duration(m.stop_ns);
  return {{"name", c.name},
          {"closed", c.closed},
          {"members", members(c.members.groups, c.members.share)},
          {"messages", messages}};
}

// Writes key `k` of a timeline entry whose action takes it, when the entry has a value for it.
void write_event_key(const TimelineEvent& e, TimelineKey k, json& out) {
  using K = TimelineKey;
  const std::string key(timeline_key_name(k));
  switch (k) {
    case K::kAt: out[key] = duration(e.at_ns); break;
    case K::kAction: out[key] = name_of(TimelineEvent::kActions, e.action); break;
    case K::kGroup:
      if (!e.group.empty()) out[key] = e.group;
      break;
    case K::kShare:  // unless count or sides say who instead
      if (!e.count && e.sides.empty()) out[key] = e.share;
      break;
    case K::kCount:
      if (e.count) out[key] = *e.count;
      break;
    case K::kSides:
      if (!e.sides.empty()) out[key] = e.sides;
      break;
    case K::kTo:
      if (!e.to.empty()) out[key] = e.to;
      break;
    case K::kVia: out[key] = e.via; break;
    case K::kMeanUptime: out[key] = duration(e.mean_uptime_ns); break;
    case K::kMeanDowntime: out[key] = duration(e.mean_downtime_ns); break;
    case K::kName: out[key] = e.param.name; break;
    case K::kValue: out[key] = json::parse(e.param.value); break;
    case K::kAttacker: out[key] = e.attacker; break;
  }
}

json timeline_event(const TimelineEvent& e) {
  json out = json::object();
  for (const auto k : entry_of(TimelineEvent::kActions, e.action).keys) write_event_key(e, k, out);
  return out;
}

json attacker(const Attacker& a) {
  json out = {{"name", a.name},
              {"count", a.count},
              {"behaviour", behaviour_name(a.behaviour)},
              {"rate_per_s", a.rate_per_s},
              {"placement", placement(a.placement)},
              {"params", params(a.params)}};
  if (a.target_node) {
    out["target"] = *a.target_node;
  } else if (!a.target_group.empty()) {
    out["target"] = a.target_group;
  }
  if (a.start_ns != kNever) out["start"] = duration(a.start_ns);  // never: started by the timeline
  if (a.stop_ns != kNever) out["stop"] = duration(a.stop_ns);
  link_choice(a.link, out);
  return out;
}

}  // namespace

json effective_document(const Scenario& s) {
  json nodes = json::array();
  for (const auto& g : s.nodes) {
    json group = {{"name", g.name},
                  {"count", g.count},
                  {"role", role_name(g.role)},
                  {"placement", placement(g.placement)},
                  {"params", params(g.params)}};
    if (!g.region.empty()) group["region"] = g.region;
    link_choice(g.link, group);
    nodes.push_back(group);
  }
  json channels = json::array();
  for (const auto& c : s.workload.channels) channels.push_back(channel(c));
  json membership = json::array();
  for (const auto& m : s.workload.membership) {
    json change = {{"at", duration(m.at_ns)},
                   {"action", name_of(MembershipChange::kKinds, m.kind)},
                   {"channel", m.channel},
                   {"share", m.share}};
    if (!m.groups.empty()) change["groups"] = m.groups;
    membership.push_back(change);
  }
  json timeline = json::array();
  for (const auto& e : s.timeline) timeline.push_back(timeline_event(e));
  json attackers = json::array();
  for (const auto& a : s.attackers) attackers.push_back(attacker(a));
  json expect = json::array();
  for (const auto& e : s.expect) {
    expect.push_back({{"metric", e.metric},
                      {"op", compare_op_name(e.op)},
                      {"value", e.value},
                      {"tolerance", e.tolerance}});
  }
  return {{"name", s.name},
          {"description", s.description},
          {"seed", s.seed},
          {"duration", duration(s.duration_ns)},
          {"record", name_of(kRecordLevels, s.record)},
          {"network", network(s.network)},
          {"nodes", nodes},
          {"topology", topology(s.topology)},
          {"workload", {{"channels", channels}, {"membership", membership}}},
          {"timeline", timeline},
          {"attackers", attackers},
          {"expect", expect}};
}

}  // namespace ptplab::scenarios
