// A partitioned run of one simulation over K ranks (issue [D]): each rank simulates its part of
// the hosts (sim/exchange.hpp, sim/partition_plan.hpp) and all of them run the same replicated
// driver. The driver's callbacks (channel set-up, joins, messages, the timeline, table samples)
// are kept out of the kernels, in a queue every rank holds alike; they become window
// boundaries, and at their instant every rank runs its host events first (at equal times the
// control origin comes last, sim/event_record.hpp), then the callback. Inside one, a node's state
// is read by its owner and shared (one all_gather a read; the frequent callbacks, a join retry
// and a message, read all they need in one), an action on a node runs on its owner only, and the
// shared random streams draw alike everywhere. The callbacks a host's event defers to the same
// instant (a join when a node learns of its channel, the bootstrap of a restarted node) touch
// that host only: they run on its owner as kernel callbacks, after the replicated ones of that
// instant, as in the sequential kernel; the driver state they change travels in the logs. The metrics: every
// rank logs what its part showed the collector (part_log.hpp); at every window one PartComm::exchange carries
// to each rank its datagrams, every rank's next event time, stop flag and driver records, and to rank 0 alone
// the observer logs, which rank 0 replays in the sequential order into the one Collector, which
// then writes the report.
//
// Windows: the next one starts at the global minimum of the next host event, the earliest
// datagram exchanged and the next driver callback, and ends one lookahead later or just before
// the next driver callback (sim/partitioned_run.hpp has the same window loop without a driver).
#include <algorithm>

#include "scenarios/runner/part_support.hpp"
#include "scenarios/runner/simulation.hpp"

namespace ptplab::scenarios {

void Simulation::drive_at(TimeNs t, std::function<void()> fn) {
  if (parts_ == nullptr) {
    sim_.call_at(t, std::move(fn));
    return;
  }
  driver_.emplace(std::make_pair(std::max(t, sim_.now()), driver_seq_++), std::move(fn));
}

void Simulation::defer(std::function<void()> fn) {
  if (parts_ == nullptr) {
    sim_.call_at(sim_.now(), std::move(fn));
    return;
  }
  const Stamp creator = stamp();
  sim_.call_at(sim_.now(), [this, creator, fn = std::move(fn)] {
    const Context saved = ctx_;
    const Stamp saved_creator = creator_;
    ctx_ = Context::kDeferred;
    creator_ = creator;
    fn();
    ctx_ = saved;
    creator_ = saved_creator;
    // The host events it made for this very instant run right after it (their keys are below
    // the control origin's): they are stamped as its own records (stamp()).
    deferred_t_ = sim_.now();
    deferred_phase_ = sim_.now() == instant_t_ ? instant_phase_ : 0;
    deferred_creator_ = creator;
  });
}

Stamp Simulation::stamp() {
  Stamp s;
  s.t = sim_.now();
  s.phase = s.t == instant_t_ ? instant_phase_ : 0;
  s.idx = ++counter_;
  switch (ctx_) {
    case Context::kDriver:
      s.cls = static_cast<std::uint64_t>(StampClass::kDriver);
      s.a = step_;
      break;
    case Context::kHost: {
      if (s.t == deferred_t_ && s.phase == deferred_phase_) {
        // After a deferred callback at this instant: an event it made (see defer()).
        s.cls = static_cast<std::uint64_t>(StampClass::kDeferred);
        s.a = deferred_creator_.phase * 4 + deferred_creator_.cls;
        s.b = deferred_creator_.a;
        s.c = deferred_creator_.idx;
        break;
      }
      const std::uint64_t key = sim_.current_key();
      if (s.t == eff_t_ && s.phase == eff_phase_) {
        eff_key_ = std::max(eff_key_, key);
      } else {
        eff_t_ = s.t;
        eff_phase_ = s.phase;
        eff_key_ = key;
      }
      s.cls = static_cast<std::uint64_t>(StampClass::kHost);
      s.a = eff_key_;
      break;
    }
    case Context::kDeferred:
      s.cls = static_cast<std::uint64_t>(StampClass::kDeferred);
      s.a = creator_.phase * 4 + creator_.cls;
      s.b = creator_.a;
      s.c = creator_.idx;
      break;
  }
  return s;
}

bool Simulation::owner_bool(sim::HostId host, const std::function<bool()>& f) {
  if (!replicated()) return f();
  return owner_text(host, [&] { return std::string(1, f() ? '\1' : '\0'); }) == std::string(1, '\1');
}

std::string Simulation::owner_text(sim::HostId host, const std::function<std::string()>& f) {
  if (!replicated()) return f();
  ++step_;
  ++reads_;
  const std::string mine = net_->owns(host) ? f() : std::string();
  auto all = parts_->all_gather(mine);
  return std::move(all[part_plan_.map.host_part[host]]);
}

std::vector<char> Simulation::owner_flags(const std::function<bool(sim::HostId)>& pred) {
  std::vector<char> out(plan_.honest, 0);
  if (!replicated()) {
    for (sim::HostId h = 0; h < plan_.honest; ++h) out[h] = pred(h) ? 1 : 0;
    return out;
  }
  ++step_;
  ++reads_;
  std::string mine(plan_.honest, '\0');
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (net_->owns(h)) mine[h] = pred(h) ? 1 : 0;
  }
  const auto all = parts_->all_gather(mine);
  for (sim::HostId h = 0; h < plan_.honest; ++h) out[h] = all[part_plan_.map.host_part[h]][h];
  return out;
}

std::vector<char> Simulation::owner_flags_of(const std::vector<sim::HostId>& hosts,
                                             const std::function<bool(sim::HostId)>& pred) {
  std::vector<char> out(hosts.size(), 0);
  if (!replicated()) {
    for (std::size_t i = 0; i < hosts.size(); ++i) out[i] = pred(hosts[i]) ? 1 : 0;
    return out;
  }
  ++step_;
  ++reads_;
  std::string mine(hosts.size(), '\0');
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    if (net_->owns(hosts[i])) mine[i] = pred(hosts[i]) ? 1 : 0;
  }
  const auto all = parts_->all_gather(mine);
  for (std::size_t i = 0; i < hosts.size(); ++i) out[i] = all[part_plan_.map.host_part[hosts[i]]].at(i);
  return out;
}

void Simulation::act_on(sim::HostId host, const std::function<void()>& f) {
  if (parts_ == nullptr) return f();
  if (ctx_ == Context::kDriver) ++step_;
  if (net_->owns(host)) f();
}

std::vector<std::optional<engine::TableSizes>> Simulation::owner_tables() {
  std::vector<std::optional<engine::TableSizes>> out(plan_.hosts.size());
  if (!replicated()) {
    for (sim::HostId h = 0; h < plan_.honest; ++h) {
      if (const auto* n = node(h)) out[h] = n->table_sizes();
    }
    return out;
  }
  ++step_;
  ++reads_;
  ByteWriter w;
  for (sim::HostId h = 0; h < plan_.honest; ++h) {
    if (!net_->owns(h)) continue;
    if (const auto* n = node(h)) {
      w.put<sim::HostId>(h);
      w.put<engine::TableSizes>(n->table_sizes());
    }
  }
  for (const auto& bytes : parts_->all_gather(w.bytes())) {
    ByteReader r(bytes);
    while (!r.done()) {
      const auto h = r.get<sim::HostId>();
      out.at(h) = r.get<engine::TableSizes>();
    }
  }
  return out;
}

// The driver's ground truth: on a partitioned run, logged by rank 0 for a replicated callback
// (every rank runs it) and by the rank that runs a rank-local one.
void Simulation::feed_channel(const std::string& channel_id) {
  if (parts_ == nullptr) return collector_.add_channel(channel_id);
  if (ctx_ == Context::kDriver) ++step_;
  if (ctx_ != Context::kDriver || parts_->self() == 0) log_.add_channel(stamp(), channel_id);
}

void Simulation::feed_note(PartRecordKind kind, TimeNs now, sim::HostId host, std::string_view channel_id) {
  if (parts_ == nullptr) {
    switch (kind) {
      case PartRecordKind::kIntended: return collector_.note_intended(now, host, channel_id);
      case PartRecordKind::kMember: return collector_.note_member(now, host, channel_id);
      case PartRecordKind::kLeft: return collector_.note_left(now, host, channel_id);
      case PartRecordKind::kUnsent: return collector_.note_unsent(now, host, channel_id);
      default: return;
    }
  }
  if (ctx_ == Context::kDriver) ++step_;
  if (ctx_ != Context::kDriver || parts_->self() == 0) log_.note(stamp(), kind, now, host, channel_id);
}

void Simulation::feed_note_if(bool happened, PartRecordKind kind, TimeNs now, sim::HostId host,
                              std::string_view channel_id) {
  if (parts_ == nullptr || ctx_ != Context::kDriver) {
    if (happened) feed_note(kind, now, host, channel_id);
    return;
  }
  ++step_;  // on every rank, whoever logs
  if (happened && net_->owns(host)) log_.note(stamp(), kind, now, host, channel_id);
}

void Simulation::feed_tables(const engine::TableSizes& sizes) {
  if (parts_ == nullptr) return collector_.sample_tables(sizes);
  if (ctx_ == Context::kDriver) ++step_;
  if (ctx_ != Context::kDriver || parts_->self() == 0) log_.sample_tables(stamp(), sizes);
}

void Simulation::feed_round(TimeNs now) {
  if (parts_ == nullptr) return collector_.end_sample_round(now);
  if (ctx_ == Context::kDriver) ++step_;
  if (ctx_ != Context::kDriver || parts_->self() == 0) log_.end_sample_round(stamp(), now);
}

void Simulation::feed_connect(TimeNs now, sim::HostId a, sim::HostId b) {
  if (parts_ == nullptr) return collector_.note_connect(now, a, b);
  if (ctx_ == Context::kDriver) ++step_;
  if (ctx_ != Context::kDriver || parts_->self() == 0) log_.connect(stamp(), now, a, b);
}

sim::PartitionPlan Simulation::plan_for(std::uint32_t parts) const {
  std::vector<sim::NatId> nat_of_host(plan_.hosts.size(), sim::kNoNat);
  for (sim::HostId h = 0; h < plan_.hosts.size(); ++h) {
    const auto box = plan_.hosts[h].nat_box;
    if (box != UINT32_MAX) nat_of_host[h] = nat_boxes_[box];
  }
  std::vector<sim::HostEdge> edges;
  for (sim::HostId h = 0; h < peers_of_.size(); ++h) {
    for (const auto peer : peers_of_[h]) edges.emplace_back(h, peer);
  }
  return sim::plan_partition(parts, nat_of_host, nat_boxes_.size(), edges);
}

Expected<std::monostate, std::string> Simulation::plan_parts() {
  const auto lookahead = partition_lookahead(plan_);
  if (!lookahead) return Unexpected(lookahead.error());
  // A deferred callback may queue a driver callback kJoinRetry_ns later (rejoin), which every rank
  // learns of at the next gather: no window may be longer, or a rank would have passed its time.
  lookahead_ = std::min(*lookahead, kJoinRetry_ns);
  part_plan_ = plan_for(parts_->parts());
  part_plan_.map.self = parts_->self();
  exchange_ = std::make_unique<PartExchange>(parts_->parts());
  net_->set_partition(&part_plan_.map, exchange_.get());
  part_node_ids_.assign(plan_.hosts.size(), "");
  return std::monostate{};
}

namespace {

// "K parts of H0/H1/... hosts, E of M overlay edges cut (R%), lookahead L".
std::string plan_text(const sim::PartitionPlan& plan, TimeNs lookahead) {
  std::string out = std::to_string(plan.hosts_per_part.size());
  out.append(" parts of ");
  for (std::size_t k = 0; k < plan.hosts_per_part.size(); ++k) {
    if (k > 0) out.append("/");
    out.append(std::to_string(plan.hosts_per_part[k]));
  }
  out.append(" hosts, ");
  out.append(std::to_string(plan.edges_cut));
  out.append(" of ");
  out.append(std::to_string(plan.edges));
  out.append(" overlay edges cut, lookahead ");
  out.append(format_duration(lookahead));
  return out;
}

}  // namespace

Expected<std::vector<std::string>, std::string> Simulation::preview_partitions(
    const std::vector<std::uint32_t>& parts) {
  const auto lookahead = partition_lookahead(plan_);
  if (!lookahead) return Unexpected(lookahead.error());
  sim::Observer* observer = this;
  net_ = std::make_unique<sim::Network>(sim_, plan_.config, observer);
  if (auto r = build_params(); !r) return Unexpected(r.error());
  if (auto r = build_hosts(); !r) return Unexpected(r.error());
  build_topology();
  std::vector<std::string> out;
  for (const std::uint32_t k : parts)
    out.push_back(plan_text(plan_for(k), std::min(*lookahead, kJoinRetry_ns)));
  return out;
}

std::string Simulation::partition_summary() const {
  if (parts_ == nullptr) return "";
  return plan_text(part_plan_, lookahead_);
}

std::string Simulation::partition_costs() const {
  if (parts_ == nullptr) return "";
  std::string out = "partitioned: ";
  out.append(std::to_string(parts_->parts()));
  out.append(" ranks, ");
  out.append(std::to_string(part_plan_.edges_cut));
  out.append(" of ");
  out.append(std::to_string(part_plan_.edges));
  out.append(" overlay edges cut, ");
  out.append(std::to_string(windows_));
  out.append(" windows, ");
  out.append(std::to_string(driver_events_));
  out.append(" driver callbacks, ");
  out.append(std::to_string(reads_));
  out.append(" owner reads; ");
  out.append(std::to_string(costs_.datagrams));
  out.append(" datagrams crossed ranks (");
  out.append(std::to_string(costs_.datagram_bytes));
  out.append(" bytes of payload), ");
  out.append(std::to_string(costs_.bytes));
  out.append(" bytes exchanged in all; host events per rank ");
  for (std::size_t r = 0; r < costs_.events_per_rank.size(); ++r) {
    if (r > 0) out.append("/");
    out.append(std::to_string(costs_.events_per_rank[r]));
  }
  return out;
}

bool Simulation::gather(TimeNs& next) {
  // One message to each rank: the stop flag, this rank's next host event, the earliest arrival of
  // the datagrams it posted and those for that rank, its driver records (every rank applies
  // them) and, to rank 0 alone, its observer log (rank 0 replays the metrics).
  const std::uint8_t stop_here = cancel_ != nullptr && cancel_->load(std::memory_order_relaxed) ? 1 : 0;
  const TimeNs next_here = sim_.next_time();
  const std::string driver_log = driver_log_.take();
  const std::string log = log_.take();
  std::vector<std::string> to(parts_->parts());
  for (std::uint32_t r = 0; r < to.size(); ++r) {
    ByteWriter w;
    w.put<std::uint8_t>(stop_here);
    w.put<TimeNs>(next_here);
    exchange_->write_to(r, w);
    w.put_text(driver_log);
    w.put_text(r == 0 ? std::string_view(log) : std::string_view());
    to[r] = w.take();
    if (r != parts_->self()) gathered_bytes_ += to[r].size();
  }
  exchange_->end_window();
  ++windows_;
  const auto all = parts_->exchange(to);
  bool stop = false;
  next = sim::kTimeLimit;
  std::vector<std::string_view> logs;
  std::vector<std::uint32_t> ranks;
  for (std::uint32_t r = 0; r < all.size(); ++r) {
    ByteReader rd(all[r]);
    if (rd.get<std::uint8_t>() != 0) stop = true;  // read whatever stop is: the fields follow
    next = std::min(next, rd.get<TimeNs>());
    next = std::min(next, PartExchange::read(rd, *net_));
    for (int which = 0; which < 2; ++which) {  // its driver records, then its observer log
      const std::string_view part_log = rd.get_text();
      if (part_log.empty()) continue;
      logs.push_back(part_log);
      ranks.push_back(r);
    }
  }
  const MergedLogs merged = merge_part_logs(logs, ranks);
  apply(merged.entries);
  return !stop;
}

void Simulation::apply(const std::vector<PartEntry>& merged) {
  const bool replay = parts_->self() == 0;
  for (const PartEntry& e : merged) {
    switch (e.kind) {
      case PartRecordKind::kNodeId: {
        const auto [host, id] = node_id_record(e);
        part_node_ids_.at(host) = std::string(id);
        node_ids_[host] = part_node_ids_[host];
        if (replay) (void)replay_into(e, collector_);
        break;
      }
      case PartRecordKind::kMemberAdded: {
        const DriverRecord d = driver_record(e);
        add_channel_member(d.channel, d.host);
        break;
      }
      case PartRecordKind::kScheduleJoin: {
        const DriverRecord d = driver_record(e);
        const auto c = static_cast<std::size_t>(d.channel);
        drive_at(d.at, [this, c, h = d.host] { try_join(c, h, 1); });
        break;
      }
      default:
        if (replay) (void)replay_into(e, collector_);
        break;
    }
  }
}

bool Simulation::run_parts(const ProgressFn& progress) {
  const TimeNs end = s_.duration_ns;
  running_ = true;
  TimeNs next_progress = std::min(end, kRunSlice_ns);
  for (;;) {
    ctx_ = Context::kDriver;
    TimeNs next_host = sim::kTimeLimit;
    const bool go_on = gather(next_host);
    if (sink_ != nullptr) rows_.drain_into(*sink_);
    if (progress && sim_.now() >= next_progress) {
      progress(sim_.now(), sim_.events_executed());
      next_progress = std::min(end, sim_.now() + kRunSlice_ns);
    }
    if (!go_on) return false;
    const TimeNs next_driver = driver_.empty() ? sim::kTimeLimit : driver_.begin()->first.first;
    const TimeNs start = std::min(next_host, next_driver);
    if (start > end) break;
    if (next_driver == start) {
      // An instant of the driver: the hosts' events at it first, then its next callback.
      if (instant_t_ != start) {
        instant_t_ = start;
        instant_phase_ = 0;
      }
      ctx_ = Context::kHost;
      sim_.run_host_events_until(start);
      ctx_ = Context::kDriver;
      ++instant_phase_;
      auto first = driver_.begin();
      auto fn = std::move(first->second);
      driver_.erase(first);
      fn();
      ++driver_events_;
      continue;
    }
    ctx_ = Context::kHost;
    sim_.run_until(std::min({end, start + lookahead_ - 1, next_driver - 1}));
  }
  ctx_ = Context::kHost;
  sim_.run_until(end);
  ctx_ = Context::kDriver;
  if (sink_ != nullptr) rows_.drain_into(*sink_);
  if (progress) progress(sim_.now(), sim_.events_executed());
  return true;
}

}  // namespace ptplab::scenarios
