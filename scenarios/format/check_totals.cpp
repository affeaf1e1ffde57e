// check_totals: the bounds a scenario must respect in all, not only per entry, so splitting a
// large ask across groups, attacker entries or channels cannot get past them (issue 15, item 3).
// Each total is computed in double, so no product of counts, rates and times can overflow.
#include <algorithm>
#include <string>

#include "scenarios/format/sections.hpp"

namespace ptplab::scenarios {
namespace {

// "1.2e+10" for an estimate, "12345" when it is a small whole number.
std::string count_text(double n) {
  return n < 1e15 ? std::to_string(static_cast<std::uint64_t>(n)) : nlohmann::json(n).dump();
}

void at_most(JsonChecker& c, std::string pointer, double total, double max, std::string_view what) {
  if (total <= max) return;
  c.error(std::move(pointer), "expected at most " + count_text(max) + " " + std::string(what) +
                                  " in all, found " + count_text(total));
}

double seconds(TimeNs t) { return static_cast<double>(t) / static_cast<double>(kSecond); }

// The part of [start, stop) inside the run, in seconds.
double active_s(const Scenario& s, TimeNs start, TimeNs stop) {
  const TimeNs end = std::min(stop, s.duration_ns);
  return end > start ? seconds(end - start) : 0.0;
}

double group_nodes(const Scenario& s, const std::vector<std::string>& names) {
  double n = 0;
  for (const auto& g : s.nodes)
    if (std::find(names.begin(), names.end(), g.name) != names.end()) n += g.count;
  return n;
}

// Links the topology gives the nodes at the start (bootstrap: every node times every server).
double initial_links(const Scenario& s) {
  double nodes = 0, servers = 0;
  for (const auto& g : s.nodes) {
    nodes += g.count;
    if (g.role == Role::kServer) servers += g.count;
  }
  const Topology& t = s.topology;
  switch (t.kind) {
    case Topology::Kind::kBootstrap:
      if (!t.bootstrap_groups.empty()) servers = group_nodes(s, t.bootstrap_groups);
      return nodes * std::max(servers, 1.0);
    case Topology::Kind::kRandomRegular: return nodes * t.degree / 2;
    case Topology::Kind::kErdosRenyi: return t.p * nodes * (nodes - 1) / 2;
    case Topology::Kind::kWattsStrogatz: return nodes * t.k / 2;
    case Topology::Kind::kBarabasiAlbert: return nodes * t.m;
    case Topology::Kind::kEdges: return static_cast<double>(t.edges.size());
  }
  return 0;
}

}  // namespace

void check_totals(JsonChecker& c, const Scenario& s) {
  double attackers = 0, attack_datagrams = 0;
  for (const auto& a : s.attackers) {
    attackers += a.count;
    attack_datagrams +=
        a.count * a.rate_per_s * active_s(s, a.start_ns == kNever ? 0 : a.start_ns, a.stop_ns);
  }
  at_most(c, "/attackers", attackers, kAttackersMax, "attacker hosts");
  at_most(c, "/attackers", attack_datagrams, kAttackDatagramsMax,
          "attack datagrams (count x rate_per_s x time)");
  double messages = 0;
  for (const auto& ch : s.workload.channels) {
    const MessageLoad& m = ch.messages;
    const double window = active_s(s, m.start_ns, m.stop_ns);
    messages += m.interval_ns > 0 ? window / seconds(m.interval_ns) : window * m.rate_per_s;
  }
  at_most(c, "/workload/channels", messages, kMessagesMax,
          "messages (rate_per_s x time, over every channel)");
  at_most(c, "/topology", initial_links(s), kInitialLinksMax, "initial links (nodes x servers or degree)");
}

}  // namespace ptplab::scenarios
