// effective_document: one writer per section, mirroring the read_* section readers.
#include "scenarios/format/effective.hpp"

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// A duration in the file syntax, exact: the readable form when it parses back to t, else ns.
std::string duration(TimeNs t) {
  const std::string readable = format_duration(t);
  return parse_duration(readable) == t ? readable : std::to_string(t) + "ns";
}

json params(const std::vector<ParamOverride>& overrides) {
  json out = json::object();
  for (const auto& p : overrides) out[p.name] = json::parse(p.value);
  return out;
}

std::string placement(const Placement& p) { return p.from_mix ? "nat" : nat_type_name(p.nat_type); }

json network(const Network& n) {
  static constexpr const char* kLatency[] = {"constant", "uniform", "normal", "lognormal", "matrix"};
  static constexpr const char* kLoss[] = {"none", "bernoulli", "gilbert_elliott"};
  static constexpr const char* kAllocation[] = {"sequential", "random", "preserving"};
  json latency = {{"model", kLatency[static_cast<int>(n.latency.kind)]}};
  switch (n.latency.kind) {
    case LatencyModel::Kind::kConstant: latency["delay"] = duration(n.latency.delay_ns); break;
    case LatencyModel::Kind::kUniform:
      latency["min"] = duration(n.latency.min_ns);
      latency["max"] = duration(n.latency.max_ns);
      break;
    case LatencyModel::Kind::kNormal:
    case LatencyModel::Kind::kLognormal:
      latency["mean"] = duration(n.latency.mean_ns);
      latency["stddev"] = duration(n.latency.stddev_ns);
      break;
    case LatencyModel::Kind::kMatrix: break;
  }
  json loss = {{"model", kLoss[static_cast<int>(n.loss.kind)]}};
  if (n.loss.kind == LossModel::Kind::kBernoulli) loss["rate"] = n.loss.rate;
  if (n.loss.kind == LossModel::Kind::kGilbertElliott) {
    loss.update({{"p_gb", n.loss.p_gb},
                 {"p_bg", n.loss.p_bg},
                 {"loss_good", n.loss.loss_good},
                 {"loss_bad", n.loss.loss_bad}});
  }
  json mix = json::object();
  for (int t = 0; t < 5; ++t) mix[nat_type_name(static_cast<NatType>(t))] = n.nat.mix[t];
  json out = {
      {"latency", latency},
      {"loss", loss},
      {"duplication", {{"rate", n.duplication_rate}}},
      {"bandwidth",
       {{"uplink_bps", n.bandwidth.uplink_bps},
        {"downlink_bps", n.bandwidth.downlink_bps},
        {"queue_bytes", n.bandwidth.queue_bytes}}},
      {"max_datagram_bytes", n.max_datagram_bytes},
      {"nat",
       {{"mix", mix},
        {"hosts_per_box", n.nat.hosts_per_box},
        {"mapping_timeout", duration(n.nat.mapping_timeout_ns)},
        {"hairpinning", n.nat.hairpinning},
        {"port_allocation", kAllocation[static_cast<int>(n.nat.port_allocation)]}}},
  };
  if (!n.regions.names.empty()) {
    json matrix = json::array();
    for (const auto& row : n.regions.latency_ns) {
      json r = json::array();
      for (const TimeNs t : row) r.push_back(duration(t));
      matrix.push_back(r);
    }
    out["regions"] = {{"names", n.regions.names}, {"latency", matrix}};
  }
  return out;
}

json topology(const Topology& t) {
  switch (t.kind) {
    case Topology::Kind::kBootstrap: {
      json body = json::object();
      if (!t.bootstrap_groups.empty()) body["servers"] = t.bootstrap_groups;
      return {{"bootstrap", body}};
    }
    case Topology::Kind::kRandomRegular: return {{"random_regular", {{"degree", t.degree}}}};
    case Topology::Kind::kErdosRenyi: return {{"erdos_renyi", {{"p", t.p}}}};
    case Topology::Kind::kWattsStrogatz: return {{"watts_strogatz", {{"k", t.k}, {"beta", t.beta}}}};
    case Topology::Kind::kBarabasiAlbert: return {{"barabasi_albert", {{"m", t.m}}}};
    case Topology::Kind::kEdges: {
      json edges = json::array();
      for (const auto& [a, b] : t.edges) edges.push_back({a, b});
      return {{"edges", edges}};
    }
  }
  return json::object();
}

json members(const std::vector<std::string>& groups, double share) {
  json out = {{"share", share}};
  if (!groups.empty()) out["groups"] = groups;
  return out;
}

json channel(const Channel& c) {
  static constexpr const char* kSizes[] = {"constant", "uniform", "exponential"};
  const MessageLoad& m = c.messages;
  json messages = {
      {"size",
       {{"distribution", kSizes[static_cast<int>(m.size.kind)]},
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

json timeline_event(const TimelineEvent& e) {
  static constexpr const char* kActions[] = {"partition",   "heal",      "crash",     "restart",
                                             "churn_on",    "churn_off", "set_param", "attack_start",
                                             "attack_stop", "connect"};
  using A = TimelineEvent::Action;
  json out = {{"at", duration(e.at_ns)}, {"action", kActions[static_cast<int>(e.action)]}};
  const bool has_group = e.action == A::kCrash || e.action == A::kRestart || e.action == A::kChurnOn ||
                         e.action == A::kChurnOff || e.action == A::kSetParam || e.action == A::kConnect;
  if (has_group && !e.group.empty()) out["group"] = e.group;
  switch (e.action) {
    case A::kPartition:
      if (e.sides.empty()) {
        out["share"] = e.share;
      } else {
        out["sides"] = e.sides;
      }
      break;
    case A::kConnect:
      if (!e.to.empty()) out["to"] = e.to;
      out["via"] = e.via;
      [[fallthrough]];
    case A::kCrash:
    case A::kRestart:
      if (e.count) {
        out["count"] = *e.count;
      } else {
        out["share"] = e.share;
      }
      break;
    case A::kChurnOn:
      out["mean_uptime"] = duration(e.mean_uptime_ns);
      out["mean_downtime"] = duration(e.mean_downtime_ns);
      break;
    case A::kSetParam:
      out["name"] = e.param.name;
      out["value"] = json::parse(e.param.value);
      break;
    case A::kAttackStart:
    case A::kAttackStop: out["attacker"] = e.attacker; break;
    case A::kHeal:
    case A::kChurnOff: break;
  }
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
    nodes.push_back(group);
  }
  json channels = json::array();
  for (const auto& c : s.workload.channels) channels.push_back(channel(c));
  json membership = json::array();
  for (const auto& m : s.workload.membership) {
    json change = {{"at", duration(m.at_ns)},
                   {"action", m.kind == MembershipChange::Kind::kJoin ? "join" : "leave"},
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
          {"record", s.record == RecordLevel::kFull ? "full" : "summary"},
          {"network", network(s.network)},
          {"nodes", nodes},
          {"topology", topology(s.topology)},
          {"workload", {{"channels", channels}, {"membership", membership}}},
          {"timeline", timeline},
          {"attackers", attackers},
          {"expect", expect}};
}

}  // namespace ptplab::scenarios
