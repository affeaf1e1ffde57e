// The run loop of a simulation, its observer hook, and helpers shared by the build steps.
#include "scenarios/runner/simulation.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "reports/records/metrics.hpp"

namespace ptplab::scenarios {
namespace {

constexpr std::uint64_t kActionStream = 0x616374696f6e0000ULL;   // "action"
constexpr std::uint64_t kMessageStream = 0x6d65737361676500ULL;  // "message"

CollectorOptions collector_options(const Scenario& s, std::size_t hosts, reports::RecordBuffer* rows) {
  CollectorOptions o;
  o.hosts = hosts;
  o.full = s.record == RecordLevel::kFull;
  o.duration_ns = s.duration_ns;
  // About 300 buckets at most, never finer than a second.
  o.traffic_bucket_ns = std::max<TimeNs>(kSecond, (s.duration_ns / 300 + kSecond - 1) / kSecond * kSecond);
  o.rows = rows;
  return o;
}

}  // namespace

namespace {

// The shared certificate caches' size (log2 of their slots): room for two certificates per host,
// at least the caches' default 2^16 (so every scenario up to 32,768 hosts runs as before) and at
// most their 2^20. With 2^16 slots a 1,000,000-node run parsed each node's certificate again for
// each of its peers: 72% of its CPU in OpenSSL's decoding (reports/BENCHMARKS.md, "[P] targets at
// the end of session 15").
unsigned shared_cache_log2(std::size_t hosts) {
  const auto wanted = static_cast<unsigned>(std::bit_width(2 * std::max<std::size_t>(hosts, 1) - 1));
  return std::clamp(wanted, 16u, 20u);
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, reports::RecordSink* sink, const std::atomic<bool>* cancel,
                       PartComm* parts)
    : s_(scenario),
      sink_(sink),
      cancel_(cancel),
      plan_(plan_network(scenario)),
      collector_(collector_options(scenario, plan_.hosts.size(), sink != nullptr ? &rows_ : nullptr)),
      verify_cache_(shared_cache_log2(plan_.hosts.size())),
      parse_cache_(shared_cache_log2(plan_.hosts.size())),
      node_ids_(plan_.hosts.size()),
      peers_of_(plan_.hosts.size()),
      started_(plan_.hosts.size(), false),
      action_rng_(Rng::derive(scenario.seed, kActionStream)),
      message_rng_(Rng::derive(scenario.seed, kMessageStream)),
      parts_(parts != nullptr && parts->parts() > 1 ? parts : nullptr) {}

Simulation::~Simulation() = default;

Expected<std::monostate, std::string> Simulation::build(const SetupFn& phase_done) {
  const auto done = [&](std::size_t phase, std::size_t items) {
    if (phase_done) phase_done(kSetupPhases[phase], items);
  };
  sim::Observer* observer = this;
  net_ = std::make_unique<sim::Network>(sim_, plan_.config, observer);
  if (auto r = build_params(); !r) return r;
  if (auto r = build_hosts(); !r || cancelled()) return r;
  // The overlay is planned before any host starts (it draws from a stream of its own), so that
  // a partitioned run can place overlay neighbours together before the first send.
  build_topology();
  if (cancelled()) return std::monostate{};
  if (parts_ != nullptr) {
    if (auto r = plan_parts(); !r) return r;
  }
  start_hosts();
  if (cancelled()) return std::monostate{};
  done(0, plan_.honest);
  bootstrap_all();
  if (cancelled()) return std::monostate{};
  done(1, plan_.honest);
  if (auto r = build_attackers(); !r) return r;
  done(2, plan_.hosts.size() - plan_.honest);
  build_workload();
  done(3, s_.workload.channels.size());
  if (auto r = build_timeline(); !r) return r;
  done(4, s_.timeline.size());
  for (TimeNs t = kTableSample_ns; t <= s_.duration_ns; t += kTableSample_ns) {
    drive_at(t, [this] { sample_tables(); });
  }
  built_ = !cancelled();
  return std::monostate{};
}

bool Simulation::run(const ProgressFn& progress) {
  if (parts_ != nullptr) return run_parts(progress);
  const TimeNs end = s_.duration_ns;
  // The slices end at fixed simulated times whatever the pauses between them.
  TimeNs slice_end = std::min(end, sim_.now() + kRunSlice_ns);
  // Until the last slice was run to its end: a slice paused (kRunSliceEventsMax) at an event at
  // `end` itself has the rest of that instant to run (session 14: the loop ended on now() == end
  // and skipped them, 174,383 HELLOs and the last table sample of 100,000 nodes started together,
  // which the partitioned run, which runs every event at `end`, did not skip).
  bool at_end = sim_.now() >= end;
  while (!at_end) {
    if (cancelled()) return false;
    const bool reached = sim_.run_until(slice_end, cancel_, sim_.events_executed() + kRunSliceEventsMax);
    if (sink_ != nullptr) rows_.drain_into(*sink_);
    if (tap_ != nullptr) tap_->flush();
    if (progress) progress(sim_.now(), sim_.events_executed());
    if (reached) {
      at_end = slice_end >= end;
      slice_end = std::min(end, slice_end + kRunSlice_ns);
    } else if (cancelled()) {
      return false;
    }
  }
  return true;
}

MetricValues Simulation::finish(const std::function<bool()>& keep_writing) {
  // Partitioned: every rank's table sizes, events and renewed memberships (collectives: before
  // any branch). Sequential: each row reads its node's tables as it is written (a million reads
  // up front would hold up a stop's exit).
  std::vector<std::optional<engine::TableSizes>> tables;
  if (parts_ != nullptr) {
    tables = owner_tables();
    ByteWriter w;
    w.put<std::uint64_t>(sim_.events_executed());
    w.put<std::uint64_t>(memberships_renewed_);
    w.put<std::uint64_t>(exchange_->datagrams());
    w.put<std::uint64_t>(exchange_->bytes());
    w.put<std::uint64_t>(gathered_bytes_);
    std::uint64_t events = driver_events_;
    std::uint64_t renewed = 0;
    costs_ = PartCosts{};
    for (const auto& bytes : parts_->all_gather(w.bytes())) {
      ByteReader r(bytes);
      costs_.events_per_rank.push_back(r.get<std::uint64_t>());
      events += costs_.events_per_rank.back();
      renewed += r.get<std::uint64_t>();
      costs_.datagrams += r.get<std::uint64_t>();
      costs_.datagram_bytes += r.get<std::uint64_t>();
      costs_.bytes += r.get<std::uint64_t>();
    }
    events_total_ = events;
    memberships_renewed_ = renewed;
  }
  if (sink_ != nullptr) {
    const auto intended = collector_.messages_intended();
    for (sim::HostId h = 0; h < plan_.hosts.size(); ++h) {
      if (h % kNodeRowsChunk == 0 && h > 0 && keep_writing) {
        rows_.drain_into(*sink_);
        if (!keep_writing()) {
          node_rows_unwritten_ = plan_.hosts.size() - h;
          break;
        }
      }
      const auto& p = plan_.hosts[h];
      reports::NodeRecord r = collector_.node_row(h, intended[h]);
      if (!p.attacker) {
        if (parts_ != nullptr) {
          r.peers_at_end = tables[h] ? tables[h]->peers : 0;
        } else {
          const auto* n = net_->is_up(h) ? node(h) : nullptr;
          r.peers_at_end = n != nullptr ? n->table_sizes().peers : 0;
        }
      }
      r.node_id = node_ids_[h];
      r.group_name = p.attacker ? s_.attackers[p.group].name : s_.nodes[p.group].name;
      r.role = p.attacker ? "attacker" : role_name(s_.nodes[p.group].role);
      r.nat_type = nat_type_name(p.nat_type);
      r.region = s_.network.regions.names.empty() ? "" : s_.network.regions.names[p.region];
      rows_.add(std::move(r));
    }
    using V = reports::RunValue;
    const auto add_value = [&](V value, std::uint64_t n) {
      rows_.add(reports::run_value_scalar(value, static_cast<double>(n)));
    };
    add_value(V::kSimUnreachableEdges, unreachable_edges_);
    if (node_rows_unwritten_ > 0) add_value(V::kSimNodeRowsUnwritten, node_rows_unwritten_);
    // The workload actions skipped (RunDiagnostics::skipped), for `ptplab report`'s warning lines.
    if (messages_without_sender_ > 0) add_value(V::kSimSkippedNoSender, messages_without_sender_);
    if (channels_without_members_ > 0) add_value(V::kSimSkippedNoMembers, channels_without_members_);
    if (windows_closed_ > 0) add_value(V::kSimSkippedWindowClosed, windows_closed_);
    if (memberships_renewed_ > 0) add_value(V::kSimMembershipsRenewedAtRestart, memberships_renewed_);
    add_value(V::kSimEvents, events());
  }
  auto metrics = collector_.finish(sim_.now());
  if (sink_ != nullptr) rows_.drain_into(*sink_);
  if (tap_ != nullptr) tap_->flush();
  return metrics;
}

void Simulation::on_host_state(TimeNs now, sim::HostId host, bool up) {
  if (parts_ != nullptr) {
    log_.on_host_state(stamp(), now, host, up);
  } else {
    collector_.on_host_state(now, host, up);
  }
  if (!up || host >= plan_.honest) return;
  if (started_[host]) {
    // A restarted node lost everything: it bootstraps again once the restart has finished.
    defer([this, host] {
      bootstrap(host);
      rejoin(host);
    });
  }
  started_[host] = true;
}

engine::Node* Simulation::node(sim::HostId host) {
  if (host >= plan_.honest) return nullptr;
  return static_cast<engine::Node*>(net_->endpoint(host));
}

std::vector<sim::HostId> Simulation::group_hosts(const std::string& group) const {
  std::vector<sim::HostId> out;
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (group.empty() || s_.nodes[plan_.hosts[h].group].name == group) out.push_back(h);
  }
  return out;
}

std::vector<sim::HostId> Simulation::groups_hosts(const std::vector<std::string>& groups) const {
  if (groups.empty()) return group_hosts("");
  std::vector<sim::HostId> out;
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    const auto& name = s_.nodes[plan_.hosts[h].group].name;
    if (std::find(groups.begin(), groups.end(), name) != groups.end()) out.push_back(h);
  }
  return out;
}

std::vector<sim::HostId> Simulation::pick(std::vector<sim::HostId> hosts, double share,
                                          std::optional<std::uint32_t> count) {
  // A partial Fisher-Yates shuffle: the first k of a random permutation, then back in host order.
  const std::size_t k =
      count ? std::min<std::size_t>(*count, hosts.size())
            : static_cast<std::size_t>(std::llround(share * static_cast<double>(hosts.size())));
  for (std::size_t i = 0; i < k; ++i) std::swap(hosts[i], hosts[i + action_rng_.below(hosts.size() - i)]);
  hosts.resize(k);
  std::sort(hosts.begin(), hosts.end());
  return hosts;
}

void Simulation::sample_tables() {
  const auto tables = owner_tables();
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (tables[h]) feed_tables(*tables[h]);
  }
  feed_round(sim_.now());
}

}  // namespace ptplab::scenarios
