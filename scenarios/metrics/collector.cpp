// The metrics collector: observation callbacks, ground truth, and the end-of-run computation.
#include "scenarios/metrics/collector.hpp"

#include <algorithm>

#include "engine/core/rng.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::scenarios {

Collector::Collector(const CollectorOptions& options)
    : options_(options),
      hosts_(options.hosts),
      latency_(options.full),
      traffic_(options.traffic_bucket_ns, options.duration_ns) {}

void Collector::set_role(sim::HostId host, HostRole role) { hosts_.at(host).role = std::move(role); }

void Collector::set_group(sim::HostId host, std::uint32_t group, std::string_view name) {
  hosts_.at(host).group = group;
  if (group >= group_names_.size()) {
    group_names_.resize(group + 1);
    group_latency_.resize(group + 1, Sample(options_.full));
  }
  group_names_[group] = std::string(name);
}

std::uint32_t Collector::intern_node_id(std::string_view id) {
  const auto it = node_ids_.find(id);
  if (it != node_ids_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(node_id_text_.size());
  const std::string_view text = node_id_arena_.copy(id);
  node_ids_.emplace(text, index);
  node_id_text_.push_back(text);
  holders_.push_back(0);
  first_holder_.push_back(0);
  misrouted_by_id_.push_back(0);
  return index;
}

std::string_view Collector::set_node_id(sim::HostId host, std::string_view node_id) {
  const auto index = intern_node_id(node_id);
  hosts_.at(host).node_id = index;
  if (holders_[index] == 0) {
    first_holder_[index] = host;
    holders_[index] = 1;
  } else if (first_holder_[index] != host) {
    const std::pair<std::uint32_t, sim::HostId> more{index, host};
    if (std::find(more_holders_.begin(), more_holders_.end(), more) == more_holders_.end()) {
      more_holders_.push_back(more);
      ++holders_[index];
    }
  }
  return node_id_text_[index];
}

void Collector::add_channel(const std::string& channel_id) {
  if (channel_index_.count(channel_id) != 0) return;
  channel_index_.emplace(channel_id, static_cast<std::uint32_t>(channel_ids_.size()));
  channel_ids_.push_back(channel_id);
  membership_.emplace_back(hosts_.size());
  intended_up_.push_back(0);
  joined_up_.push_back(0);
  channel_messages_.push_back(0);
}

void Collector::note_intended(TimeNs now, sim::HostId host, std::string_view channel_id) {
  const auto it = channel_index_.find(channel_id);
  if (it == channel_index_.end() || host >= hosts_.size() || !up_at(host, now)) return;
  auto& m = membership_[it->second][host];
  if (m.open()) return;
  if (m.intended_ns != kNever) past_memberships_.push_back({it->second, host, m});
  m = {now, kNever, kNever, channel_messages_[it->second], 0, 0};
  ++intended_up_[it->second];
}

void Collector::note_member(TimeNs now, sim::HostId host, std::string_view channel_id) {
  note_intended(now, host, channel_id);
  const auto it = channel_index_.find(channel_id);
  if (it == channel_index_.end() || host >= hosts_.size()) return;
  auto& m = membership_[it->second][host];
  if (!m.open() || m.joined_ns != kNever) return;
  m.joined_ns = now;
  m.messages_at_join = channel_messages_[it->second];
  ++joined_up_[it->second];
  hosts_[host].joined_ns = std::min(hosts_[host].joined_ns, now);
}

void Collector::note_left(TimeNs now, sim::HostId host, std::string_view channel_id) {
  const auto it = channel_index_.find(channel_id);
  if (it == channel_index_.end() || host >= hosts_.size()) return;
  end_membership(now, it->second, host);
}

void Collector::end_membership(TimeNs now, std::uint32_t channel, sim::HostId host) {
  auto& m = membership_[channel][host];
  if (!m.open()) return;
  m.left_ns = now;
  m.messages_at_end = channel_messages_[channel];
  --intended_up_[channel];
  if (m.joined_ns != kNever) --joined_up_[channel];
}

void Collector::for_each_membership(
    const std::function<void(std::uint32_t, sim::HostId, const Membership&)>& f) const {
  // Past memberships were pushed in time order; merge them with the latest per (channel, host).
  std::vector<PastMembership> all = past_memberships_;
  for (std::uint32_t c = 0; c < membership_.size(); ++c) {
    for (sim::HostId h = 0; h < membership_[c].size(); ++h) {
      if (membership_[c][h].intended_ns != kNever) all.push_back({c, h, membership_[c][h]});
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const PastMembership& a, const PastMembership& b) {
    return std::tie(a.channel, a.host, a.m.intended_ns) < std::tie(b.channel, b.host, b.m.intended_ns);
  });
  for (const auto& p : all) f(p.channel, p.host, p.m);
}

void Collector::note_connect(TimeNs now, sim::HostId a, sim::HostId b) {
  connects_.push_back({a, b, now, {}, false, {}, false, {}});
  ++open_connects_;
}

void Collector::set_attack_windows(std::vector<AttackWindow> windows) {
  attack_windows_ = std::move(windows);
}

void Collector::sample_tables(const engine::TableSizes& s) {
  auto grow = [](engine::TableSizes& m, const engine::TableSizes& v) {
    m.peers = std::max(m.peers, v.peers);
    m.certificates = std::max(m.certificates, v.certificates);
    m.dedup = std::max(m.dedup, v.dedup);
    m.routing = std::max(m.routing, v.routing);
    m.pending_retransmissions = std::max(m.pending_retransmissions, v.pending_retransmissions);
    m.pending_verifications = std::max(m.pending_verifications, v.pending_verifications);
    m.rate_sources = std::max(m.rate_sources, v.rate_sources);
  };
  grow(table_max_, s);
  grow(round_max_, s);
}

void Collector::end_sample_round(TimeNs now) {
  table_series_.emplace_back(now, round_max_);
  round_max_ = {};
}

std::uint64_t Collector::intended_pairs(std::uint32_t channel, const Membership& m) const {
  const std::uint64_t end = m.open() ? channel_messages_[channel] : m.messages_at_end;
  return end - m.messages_at_start - m.own_messages;
}

std::uint64_t Collector::members_joined_unreached() const {
  std::uint64_t n = 0;
  for (std::uint32_t c = 0; c < membership_.size(); ++c) {
    for (sim::HostId h = 0; h < membership_[c].size(); ++h) {
      const Membership& m = membership_[c][h];
      if (m.intended_ns == kNever || !m.open() || m.joined_ns == kNever || hosts_[h].deliveries > 0) continue;
      // Messages of others since the join (its own are not for it: they count from the start).
      const std::uint64_t since_join = channel_messages_[c] - m.messages_at_join;
      n += since_join > m.own_messages ? 1 : 0;
    }
  }
  return n;
}

std::vector<std::uint64_t> Collector::messages_intended() const {
  std::vector<std::uint64_t> out(hosts_.size());
  for (sim::HostId h = 0; h < hosts_.size(); ++h) out[h] = hosts_[h].unsent_intended;
  for (const auto& p : past_memberships_) out[p.host] += intended_pairs(p.channel, p.m);
  for (std::uint32_t c = 0; c < membership_.size(); ++c) {
    for (sim::HostId h = 0; h < membership_[c].size(); ++h) {
      if (membership_[c][h].intended_ns != kNever) out[h] += intended_pairs(c, membership_[c][h]);
    }
  }
  return out;
}

reports::NodeRecord Collector::node_row(sim::HostId host, std::uint64_t messages_intended) const {
  const auto& s = hosts_[host];
  reports::NodeRecord r;
  r.node = static_cast<std::int64_t>(host);
  r.attack_target = s.role.victim;
  if (s.joined_ns != kNever) r.joined_ns = s.joined_ns;
  if (s.down_ns != kNever) r.left_ns = s.down_ns;
  r.datagrams_out = s.datagrams_out, r.bytes_out = s.bytes_out;
  r.datagrams_in = s.datagrams_in, r.bytes_in = s.bytes_in;
  r.bytes_induced = s.bytes_induced;
  r.deliveries = s.deliveries;
  r.messages_intended = messages_intended;
  r.duplicates = s.duplicates;
  return r;
}

std::vector<reports::NodeRecord> Collector::node_rows() const {
  const auto intended = messages_intended();
  std::vector<reports::NodeRecord> rows;
  rows.reserve(hosts_.size());
  for (sim::HostId h = 0; h < hosts_.size(); ++h) rows.push_back(node_row(h, intended[h]));
  return rows;
}

std::vector<reports::GroupTotals> Collector::group_totals() const {
  std::vector<reports::GroupTotals> out(group_names_.size());
  for (std::size_t g = 0; g < out.size(); ++g) out[g].group_name = group_names_[g];
  const auto intended = messages_intended();
  for (sim::HostId h = 0; h < hosts_.size(); ++h) {
    if (hosts_[h].group >= out.size()) continue;
    auto& g = out[hosts_[h].group];
    ++g.nodes;
    g.nodes_joined += hosts_[h].joined_ns != kNever ? 1 : 0;
    g.intended += intended[h];
    g.delivered += hosts_[h].deliveries;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& g = out[i];
    if (g.intended > 0) g.delivery_ratio = static_cast<double>(g.delivered) / static_cast<double>(g.intended);
    if (group_latency_[i].count() > 0) {
      g.latency_p50_ms = group_latency_[i].percentile(0.5) / 1e6;
      g.latency_p99_ms = group_latency_[i].percentile(0.99) / 1e6;
    }
  }
  return out;
}

bool Collector::attack_on(TimeNs t) const {
  return std::any_of(attack_windows_.begin(), attack_windows_.end(),
                     [t](const AttackWindow& w) { return t >= w.start_ns && t < w.stop_ns; });
}

bool Collector::up_at(sim::HostId host, TimeNs t) const {
  const auto& h = hosts_[host];
  return h.up_ns != kNever && h.up_ns <= t && t < h.down_ns;
}

bool Collector::intended_at(std::uint32_t channel, sim::HostId host, TimeNs t) const {
  const auto& m = membership_[channel][host];
  return m.intended_ns != kNever && m.intended_ns <= t && t < m.left_ns;
}

bool Collector::joined_at(std::uint32_t channel, sim::HostId host, TimeNs t) const {
  const auto& m = membership_[channel][host];
  return m.joined_ns != kNever && m.joined_ns <= t && t < m.left_ns;
}

bool Collector::intended(const Message& m, sim::HostId host) const {
  return host != m.origin && intended_at(m.channel, host, m.sent_ns) && up_at(host, m.sent_ns);
}

bool Collector::joined(const Message& m, sim::HostId host) const {
  return intended(m, host) && joined_at(m.channel, host, m.sent_ns);
}

std::uint64_t Collector::named_key(sim::HostId host, const Address& a) const {
  std::uint64_t s =
      (static_cast<std::uint64_t>(host) << 48) ^ (static_cast<std::uint64_t>(a.ip) << 16) ^ a.port;
  return splitmix64(s);
}

void Collector::on_send(TimeNs now, const sim::DatagramView& d) {
  const auto size = d.size();
  const auto verb = scan_verb(**d.bytes);
  traffic_.sent(now, verb, size);
  if (d.src_host >= hosts_.size()) return;
  auto& src = hosts_[d.src_host];
  ++src.datagrams_out;
  src.bytes_out += size;
  if (src.role.attacker) {
    attacker_bytes_ += size;
    return;
  }
  honest_bytes_ += size;
  ++honest_datagrams_;
  if (!named_.empty() && named_.count(named_key(d.src_host, d.to)) != 0) {
    induced_bytes_[verb] += size;
    src.bytes_induced += size;
  }
}

void Collector::on_drop(TimeNs now, const sim::DatagramView& d, sim::DropReason reason) {
  traffic_.dropped(now, scan_verb(**d.bytes), d.size(), reason);
  if (reason != sim::DropReason::kNatFilter || open_connects_ == 0) return;
  for (auto& c : connects_) {
    if (!c.done && (c.a == d.src_host || c.b == d.src_host)) c.nat_filtered = true;
  }
}

void Collector::on_delivery(TimeNs, const sim::DatagramView& d) {
  if (d.dst_host >= hosts_.size()) return;
  ++hosts_[d.dst_host].datagrams_in;
  hosts_[d.dst_host].bytes_in += d.size();
  const auto& dst = hosts_[d.dst_host].role;
  if (dst.victim) ++victim_datagrams_;
  if (d.src_host < hosts_.size() && hosts_[d.src_host].role.attacker && !dst.attacker &&
      named_.size() < kNamedAddressesMax) {
    named_.insert(named_key(d.dst_host, d.from));
  }
}

void Collector::on_host_state(TimeNs now, sim::HostId host, bool up) {
  if (host >= hosts_.size()) return;
  auto& h = hosts_[host];
  if (up) {
    h.up_ns = now;
    h.down_ns = kNever;
    return;
  }
  // A host that goes down loses its state, its memberships with it (the runner makes a
  // restarted node a member again: a new membership).
  for (std::uint32_t c = 0; c < membership_.size(); ++c) end_membership(now, c, host);
  h.down_ns = now;
}

void Collector::on_event(TimeNs now, sim::HostId host, const Event& e, const sim::EventCause& cause) {
  if (host >= hosts_.size() || hosts_[host].role.attacker) return;
  switch (e.kind) {
    case EventKind::kMessageOriginated: originated(now, host, e); break;
    case EventKind::kDelivered: delivered(now, host, e); break;
    case EventKind::kDuplicate:
      if (e.verb == Verb::kMessage) {
        ++duplicates_;
        ++hosts_[host].duplicates;
      }
      break;
    case EventKind::kRateLimited:
      if (e.verb == Verb::kConnect && cause.datagram != nullptr)
        connect_refused(*cause.datagram, reason_name(Reason::kRateLimited));
      engine_dropped(now, e, cause, Reason::kRateLimited);
      break;
    case EventKind::kCollision:
      ++collisions_detected_;
      if (e.reason == Reason::kMsgId) note_msg_id_collision(e.msg_id);
      break;
    case EventKind::kSignatureFailed: ++signature_failures_; break;
    case EventKind::kChannelJoined: note_member(now, host, e.channel_id); break;
    case EventKind::kChannelLeft: note_left(now, host, e.channel_id); break;
    case EventKind::kConnectSucceeded: connect_result(now, host, e, true); break;
    case EventKind::kConnectFailed: connect_result(now, host, e, false); break;
    case EventKind::kRetransmitted: ++retransmissions_; break;
    case EventKind::kGaveUp: ++gave_up_; break;
    case EventKind::kDropped:
      // A MESSAGE dropped while the user action that sends it runs: with no peer, the MESSAGE
      // itself was refused (too_large, no_key: it was never sent); with a peer, one copy of a
      // sent MESSAGE to that peer was (retransmit_queue_full, amplification_limit).
      if (cause.kind == sim::CauseKind::kAction && e.verb == Verb::kMessage) {
        ++(e.peer == Address{} ? unsent_ : unsent_copies_)[e.reason];
      }
      if (e.verb == Verb::kConnect && cause.datagram != nullptr)
        connect_refused(*cause.datagram, reason_name(e.reason));
      engine_dropped(now, e, cause, e.reason);
      break;
    default: break;
  }
}

// A `traffic` row for a datagram the engine discarded: the row's verb is the one the event names,
// else the verb of the input whose handling raised it (a decode error names none); its bytes are
// the event's size, which the engine sets where it raises the event. An event about no datagram
// (size 0: a GETCERTIFICATE with no address to go to, a KEY that could not be wrapped, a channel
// or peer the table had no room for, a MESSAGE refused before it was encoded) is no traffic: it
// is counted in not_sent_ (the report's scalars "sim" "not_sent.<reason>").
void Collector::engine_dropped(TimeNs now, const Event& e, const sim::EventCause& cause, Reason reason) {
  if (e.size == 0) {
    ++not_sent_[reason];
    return;
  }
  std::size_t verb = kVerbInvalid;
  if (e.verb)
    verb = static_cast<std::size_t>(*e.verb);
  else if (cause.datagram != nullptr)
    verb = input_verb(*cause.datagram);
  traffic_.engine_dropped(now, verb, e.size, reason);
}

std::size_t Collector::input_verb(const sim::DatagramView& d) {
  if (d.bytes == nullptr || *d.bytes == nullptr) return kVerbInvalid;
  if (*d.bytes != scanned_input_) {
    scanned_input_ = *d.bytes;
    scanned_input_verb_ = scan_verb(*scanned_input_);
  }
  return scanned_input_verb_;
}

RunDiagnostics Collector::diagnostics() const {
  RunDiagnostics d;
  d.drops = traffic_.drop_totals();
  const auto by_count = [](const DropCount& a, const DropCount& b) { return a.count > b.count; };
  for (const auto& [reason, n] : unsent_) d.unsent.push_back({std::string(reason_name(reason)), n});
  std::stable_sort(d.unsent.begin(), d.unsent.end(), by_count);
  for (const auto& [reason, n] : unsent_copies_)
    d.unsent_copies.push_back({std::string(reason_name(reason)), n});
  std::stable_sort(d.unsent_copies.begin(), d.unsent_copies.end(), by_count);
  for (const auto& [reason, n] : not_sent_) d.not_sent.push_back({std::string(reason_name(reason)), n});
  std::stable_sort(d.not_sent.begin(), d.not_sent.end(), by_count);
  d.gave_up = gave_up_;
  d.collision_events = collisions_detected_;
  d.too_large_by_verb = traffic_.engine_drops_by_verb(Reason::kTooLarge);
  for (const auto& channel : membership_) {
    for (const auto& m : channel) {
      if (m.intended_ns == kNever || !m.open()) continue;
      ++d.members_open;
      d.members_open_not_joined += m.joined_ns == kNever ? 1 : 0;
    }
  }
  d.members_joined_unreached = members_joined_unreached();
  std::map<std::string_view, std::uint64_t> failed;
  for (const auto& c : connects_) {
    if (!c.connected_ns) ++failed[c.done ? c.failure : kConnectUnfinished];
  }
  for (const auto& [reason, n] : failed) d.connect_failures.push_back({std::string(reason), n});
  std::stable_sort(d.connect_failures.begin(), d.connect_failures.end(),
                   [](const DropCount& a, const DropCount& b) { return a.count > b.count; });
  return d;
}

void Collector::originated(TimeNs now, sim::HostId host, const Event& e) {
  const auto ch = channel_index_.find(e.channel_id);
  if (ch == channel_index_.end()) return;
  Message m;
  m.origin = host;
  m.channel = ch->second;
  m.sent_ns = now;
  const bool self_intended = intended_at(m.channel, host, now) && up_at(host, now);
  const bool self_joined = self_intended && joined_at(m.channel, host, now);
  m.intended = intended_up_[m.channel] - (self_intended ? 1 : 0);
  m.joined = joined_up_[m.channel] - (self_joined ? 1 : 0);
  m.during_attack = attack_on(now);
  ++channel_messages_[m.channel];
  if (self_intended) ++membership_[m.channel][host].own_messages;
  const auto index = static_cast<std::uint32_t>(messages_.size());
  auto [it, inserted] = msg_index_.try_emplace(std::string(e.msg_id), index);
  if (!inserted) {
    // A msg_id collision: chain the newcomer behind the earlier holders.
    std::uint32_t last = it->second;
    while (messages_[last].next_same_id != UINT32_MAX) last = messages_[last].next_same_id;
    messages_[last].next_same_id = index;
  }
  msg_id_text_.push_back(it->first);
  messages_.push_back(std::move(m));
  if (options_.full && options_.rows != nullptr) {
    options_.rows->add(reports::MessageRecord{
        std::string(e.msg_id), static_cast<std::int64_t>(host), channel_ids_[ch->second], now, e.value,
        messages_.back().intended, messages_.back().joined, messages_.back().during_attack});
  }
}

void Collector::note_unsent(TimeNs now, sim::HostId origin, std::string_view channel_id) {
  const auto ch = channel_index_.find(channel_id);
  if (ch == channel_index_.end()) return;
  const bool self = origin < hosts_.size() && intended_at(ch->second, origin, now) && up_at(origin, now);
  const std::uint64_t pairs = intended_up_[ch->second] - (self ? 1 : 0);
  ++messages_unsent_;
  unsent_pairs_ += pairs;
  // The same pairs, charged to each recipient, so per-node and per-group delivery is against
  // intention too (an open membership is an intended member that is up).
  const auto& members = membership_[ch->second];
  for (sim::HostId h = 0; h < members.size(); ++h) {
    if (members[h].open() && !(self && h == origin)) ++hosts_[h].unsent_intended;
  }
  if (attack_on(now)) unsent_attack_pairs_ += pairs;
}

void Collector::note_msg_id_collision(std::string_view msg_id) {
  const auto it = msg_index_.find(msg_id);
  if (it == msg_index_.end()) return;
  for (std::uint32_t i = it->second; i != UINT32_MAX; i = messages_[i].next_same_id)
    messages_[i].collided = true;
}

void Collector::delivered(TimeNs now, sim::HostId host, const Event& e) {
  const auto it = msg_index_.find(e.msg_id);
  if (it == msg_index_.end()) {
    ++unknown_deliveries_;
    return;
  }
  // Among messages sharing the msg_id, the one whose origin claims the delivered node_id.
  std::uint32_t index = it->second;
  if (messages_[index].next_same_id != UINT32_MAX) {
    const auto nid = node_ids_.find(e.node_id);
    for (std::uint32_t i = it->second; i != UINT32_MAX; i = messages_[i].next_same_id) {
      if (nid != node_ids_.end() && hosts_[messages_[i].origin].node_id == nid->second) {
        index = i;
        break;
      }
    }
  }
  Message& m = messages_[index];
  if (!intended(m, host)) {
    ++unintended_deliveries_;
    if (options_.full && options_.rows != nullptr) {
      options_.rows->add(reports::DeliveryRecord{std::string(e.msg_id), static_cast<std::int64_t>(host), now,
                                                 now - m.sent_ns, e.hops, false, false});
    }
    const auto nid = hosts_[host].node_id;
    if (nid != UINT32_MAX && holders_[nid] > 1) {
      ++misrouted_;
      ++misrouted_by_id_[nid];
    }
    return;
  }
  ++m.delivered;
  const bool was_joined = joined(m, host);
  if (was_joined) ++m.delivered_joined;
  const TimeNs latency = now - m.sent_ns;
  latency_.add(latency);
  ++hosts_[host].deliveries;
  if (hosts_[host].group < group_latency_.size()) group_latency_[hosts_[host].group].add(latency);
  if (options_.full && options_.rows != nullptr) {
    options_.rows->add(reports::DeliveryRecord{std::string(e.msg_id), static_cast<std::int64_t>(host), now,
                                               latency, e.hops, true, was_joined});
  }
}

void Collector::connect_result(TimeNs now, sim::HostId host, const Event& e, bool ok) {
  const auto nid = node_ids_.find(e.node_id);
  for (auto& c : connects_) {
    if (c.done || c.a != host) continue;
    if (nid != node_ids_.end() && hosts_[c.b].node_id != nid->second) continue;
    c.done = true;
    --open_connects_;
    if (ok) {
      c.connected_ns = now;
    } else {
      c.failure = !c.refused.empty() ? c.refused
                  : c.nat_filtered   ? sim::drop_reason_name(sim::DropReason::kNatFilter)
                                     : reason_name(e.reason);
    }
    return;
  }
}

void Collector::connect_refused(const sim::DatagramView& d, std::string_view reason) {
  if (open_connects_ == 0 || d.bytes == nullptr || !*d.bytes) return;
  // Refusals are rare: decoding the refused CONNECT costs nothing that matters.
  const auto decoded = wire::decode(**d.bytes);
  if (!decoded) return;
  const auto* m = std::get_if<wire::Connect>(&*decoded);
  if (m == nullptr || !m->src_node_id || !m->dst_node_id) return;
  // The initiator A of the CONNECT's attempt: src_node_id at steps 1 (A to S, dst an ip alone)
  // and 4 (S to A, src and dst full addresses), dst_node_id at steps 2 and 3 (S to B, B to S).
  // B's own CONNECT to A (a routing greeting) is then not evidence for A's attempt to B.
  const auto full = [](const std::string& socket) { return socket.find(':') != std::string::npos; };
  const bool from_a = !full(m->dst) || full(m->src);
  const auto initiator = node_ids_.find(from_a ? *m->src_node_id : *m->dst_node_id);
  const auto target = node_ids_.find(from_a ? *m->dst_node_id : *m->src_node_id);
  if (initiator == node_ids_.end() || target == node_ids_.end()) return;
  for (auto& c : connects_) {
    if (c.done || !c.refused.empty()) continue;
    if (hosts_[c.a].node_id == initiator->second && hosts_[c.b].node_id == target->second) c.refused = reason;
  }
}

}  // namespace ptplab::scenarios
