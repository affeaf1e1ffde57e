// The cost model's constants, the counting of a scenario and the arithmetic.
#include "scenarios/runner/cost_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "engine/node/node_params.hpp"

namespace ptplab::scenarios {
namespace {

// Index of each constant in kCostConstants.
enum CostIndex : std::size_t {
  kFixed,
  kNodeBytes,
  kPeerBytes,
  kRouteSampledBytes,
  kRouteFullBytes,
  kFloodCopyBytes,
  kNodeSecondEvents,
  kHelloEvents,
  kRoutingSampledEvents,
  kRoutingFullEvents,
  kFloodCopyEvents,
  kPeerStartEvents,
  kCostCount
};

// Measured on the release build (build/dev, g++ 12.2, commit e6b35b5; peak RSS from
// /usr/bin/time, events = run.events) and fitted by least squares: reports/BENCHMARKS.md "[P] idle
// memory, session 13", "Cost model" (commands, the eight runs, the fit's residuals). Memory:
// flood-1k at 2,000 and 8,000 nodes (degree 8, 4 s and 14 s) and 8,000 at degree 4 and 16, with
// `fixed` pinned near smoke/basic's RSS (14 nodes: 22.3 MiB); events: the same runs with
// housekeeping pinned at its one timer a second; ROUTING: flood-1k at 2,000 nodes for 14 s with
// routing on (the default full advert with greetings, and the bounded-routing preset) against off. Peer and
// flood terms are nearly collinear in these runs (a flood is 2 x edges datagrams): their split is the fit's,
// their sum is measured.
constexpr std::array<CostConstant, kCostCount> kCostConstants = {{
    {"fixed", 21.0 * 1024 * 1024, "B", "pinned: smoke/basic (14 nodes) peaks at 22.3 MiB"},
    {"node", 1560, "B/node", "fit: flood-1k 2,000 vs 8,000 nodes"},
    {"peer", 950, "B/peer", "fit: flood-1k 8,000 nodes at degree 4, 8 and 16"},
    {"route (sampled)", 140, "B/route", "flood-1k 2,000 nodes, 14 s, bounded-routing preset vs routing off"},
    {"route (full)", 223, "B/route",
     "flood-1k 2,000 nodes, 14 s, routing on (full advert, greetings) vs off"},
    {"flood copy", 24, "B/datagram", "fit: flood-1k 2,000 vs 8,000 nodes (2 vs 8 JOIN floods)"},
    {"housekeeping", 1, "events/node-second", "pinned: one housekeeping timer a second"},
    {"hello", 2.06, "events/HELLO", "fit: flood-1k 4 s vs 14 s, degree 4 to 16"},
    {"routing (sampled)", 1.0, "events/ROUTING", "flood-1k 2,000 nodes, 14 s, bounded-routing preset vs off"},
    {"routing (full)", 22.9, "events/ROUTING",
     "flood-1k 2,000 nodes, 14 s, routing on vs off (greetings add peers)"},
    {"flood copy", 0.89, "events/datagram", "fit: flood-1k 2,000 vs 8,000 nodes (JOIN floods)"},
    {"peer start", 3.7, "events/peer", "fit: flood-1k 4 s runs less their time-proportional part"},
}};

double cost_value(CostIndex i) { return kCostConstants[i].value; }

// The group's NodeParams as the runner builds them (Simulation::build_params); a param that does
// not parse keeps its default.
engine::NodeParams cost_group_params(const NodeGroup& g) {
  engine::NodeParams p;
  for (const auto& o : g.params) {
    const auto value = nlohmann::json::parse(o.value, nullptr, false);
    if (!value.is_discarded()) (void)engine::set_param(p, o.name, value);
  }
  return p;
}

// Initial peers of a node of group `g` (before ROUTING or CONNECT add any).
double cost_initial_peers(const Scenario& s, const NodeGroup& g, double nodes, double servers) {
  const Topology& t = s.topology;
  switch (t.kind) {
    case Topology::Kind::kBootstrap: return g.role == Role::kServer ? nodes - 1 : servers;
    case Topology::Kind::kRandomRegular: return t.degree;
    case Topology::Kind::kErdosRenyi: return t.p * (nodes - 1);
    case Topology::Kind::kWattsStrogatz: return t.k;
    case Topology::Kind::kBarabasiAlbert: return 2.0 * t.m;
    case Topology::Kind::kEdges: return nodes > 0 ? 2.0 * static_cast<double>(t.edges.size()) / nodes : 0;
  }
  return 0;
}

// Messages a channel's load sends over a run of `duration_ns`.
double cost_messages_of(const MessageLoad& m, TimeNs duration_ns) {
  const TimeNs stop = std::min(m.stop_ns, duration_ns);
  if (stop <= m.start_ns) return 0;
  const double active_s = static_cast<double>(stop - m.start_ns) / 1e9;
  // Periodic: at start, start + interval, ... before the end.
  if (m.interval_ns > 0) return std::ceil(active_s / (static_cast<double>(m.interval_ns) / 1e9));
  return m.rate_per_s * active_s;
}

std::string cost_bytes_text(double b) {
  char buf[32];
  if (b >= 1024.0 * 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f GiB", b / (1024.0 * 1024 * 1024));
  else if (b >= 1024.0 * 1024)
    std::snprintf(buf, sizeof buf, "%.0f MiB", b / (1024.0 * 1024));
  else if (b >= 1024.0)
    std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%.0f B", b);
  return buf;
}

std::string cost_count_text(double n) {
  char buf[32];
  if (n >= 1e9)
    std::snprintf(buf, sizeof buf, "%.1f G", n / 1e9);
  else if (n >= 1e6)
    std::snprintf(buf, sizeof buf, "%.1f M", n / 1e6);
  else if (n >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1f k", n / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", n);
  return buf;
}

}  // namespace

std::span<const CostConstant> cost_constants() { return kCostConstants; }

CostInputs cost_inputs(const Scenario& s) {
  CostInputs in;
  double servers = 0;
  for (const auto& g : s.nodes) {
    in.nodes += g.count;
    if (g.role == Role::kServer) servers += g.count;
  }
  if (servers == 0 && in.nodes > 0) servers = 1;  // bootstrap without servers: node 0
  in.seconds = static_cast<double>(s.duration_ns) / 1e9;
  const engine::NodeParams defaults;
  const engine::NodeParams* first_member_params = nullptr;
  std::vector<engine::NodeParams> params;
  params.reserve(s.nodes.size());
  for (const auto& g : s.nodes) {
    const engine::NodeParams& p = params.emplace_back(cost_group_params(g));
    const double peers = std::min(cost_initial_peers(s, g, in.nodes, servers),
                                  static_cast<double>(p.peers_max == 0 ? UINT32_MAX : p.peers_max));
    const double endpoints = g.count * peers;
    in.peer_endpoints += endpoints;
    const double hello_mean_s = static_cast<double>(p.hello_interval_min_ns + p.hello_interval_max_ns) / 2e9;
    if (hello_mean_s > 0) in.hellos += endpoints * in.seconds / hello_mean_s;
    if (p.routing_enabled) {
      const bool sampled = p.routing_advert == engine::RoutingAdvert::kSample && p.routing_greetings_max == 0;
      const double routes = g.count * std::min(static_cast<double>(p.routing_entries_max), in.nodes - 1);
      const double interval_s = static_cast<double>(p.routing_interval_ns) / 1e9;
      const double routings = interval_s > 0 ? endpoints * in.seconds / interval_s : 0;
      (sampled ? in.route_entries_sampled : in.route_entries_full) += routes;
      (sampled ? in.routings_sampled : in.routings_full) += routings;
    }
  }
  // Floods: each member's JOIN and each message, over the whole overlay (2 x edges datagrams),
  // or under "mesh" over its members' mesh (members x mesh_degree).
  for (const auto& c : s.workload.channels) {
    double members = 0;
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
      if (std::find(c.members.groups.begin(), c.members.groups.end(), s.nodes[i].name) ==
          c.members.groups.end())
        continue;
      members += std::ceil(c.members.share * s.nodes[i].count);
      if (!first_member_params) first_member_params = &params[i];
    }
    const engine::NodeParams& p = first_member_params ? *first_member_params : defaults;
    const double copies =
        p.propagation == engine::Propagation::kMesh ? members * p.mesh_degree : in.peer_endpoints;
    in.flood_copies += (members + cost_messages_of(c.messages, s.duration_ns)) * copies;
    first_member_params = nullptr;
  }
  return in;
}

CostEstimate estimate_cost(const CostInputs& in) {
  CostEstimate e;
  e.peak_bytes =
      cost_value(kFixed) + in.nodes * cost_value(kNodeBytes) + in.peer_endpoints * cost_value(kPeerBytes) +
      in.route_entries_sampled * cost_value(kRouteSampledBytes) +
      in.route_entries_full * cost_value(kRouteFullBytes) + in.flood_copies * cost_value(kFloodCopyBytes);
  e.events = in.nodes * in.seconds * cost_value(kNodeSecondEvents) + in.hellos * cost_value(kHelloEvents) +
             in.routings_sampled * cost_value(kRoutingSampledEvents) +
             in.routings_full * cost_value(kRoutingFullEvents) +
             in.flood_copies * cost_value(kFloodCopyEvents) +
             in.peer_endpoints * cost_value(kPeerStartEvents);
  return e;
}

std::string describe_cost(const CostInputs& in, const CostEstimate& e) {
  std::string out = "estimate: about " + cost_bytes_text(e.peak_bytes) + " peak memory, " +
                    cost_count_text(e.events) + " events (model: " + cost_bytes_text(cost_value(kFixed)) +
                    " + " + cost_count_text(in.nodes) + " nodes x " +
                    cost_bytes_text(cost_value(kNodeBytes)) + " + " + cost_count_text(in.peer_endpoints) +
                    " peer entries x " + cost_bytes_text(cost_value(kPeerBytes));
  if (in.route_entries_sampled > 0)
    out += " + " + cost_count_text(in.route_entries_sampled) + " sampled routes x " +
           cost_bytes_text(cost_value(kRouteSampledBytes));
  if (in.route_entries_full > 0)
    out += " + " + cost_count_text(in.route_entries_full) + " routes x " +
           cost_bytes_text(cost_value(kRouteFullBytes));
  if (in.flood_copies > 0)
    out += " + " + cost_count_text(in.flood_copies) + " flood datagrams x " +
           cost_bytes_text(cost_value(kFloodCopyBytes));
  out += "; " + cost_count_text(in.hellos) + " HELLOs";
  if (in.routings_sampled + in.routings_full > 0)
    out += ", " + cost_count_text(in.routings_sampled + in.routings_full) + " ROUTINGs";
  out += " in " + cost_count_text(in.seconds) +
         " s; measured constants, reports/BENCHMARKS.md \"[P] idle memory, session 13\"; not a limit)";
  return out;
}

}  // namespace ptplab::scenarios
