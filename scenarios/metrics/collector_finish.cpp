// The end of a run: metric values from the collector's counters, and the aggregate report rows.
#include <algorithm>
#include <cmath>

#include "scenarios/metrics/collector.hpp"

namespace ptplab::scenarios {
namespace {

constexpr double kNsPerMs = 1e6;

}  // namespace

MetricValues Collector::finish(TimeNs end) {
  MetricValues v;
  std::uint64_t intended = 0, delivered = 0, attack_intended = 0, attack_delivered = 0, suppressed = 0;
  std::uint64_t joined = 0, delivered_joined = 0;
  for (std::size_t i = 0; i < messages_.size(); ++i) {
    const auto& m = messages_[i];
    intended += m.intended;
    delivered += std::min(m.delivered, m.intended);
    joined += m.joined;
    delivered_joined += std::min(m.delivered_joined, m.joined);
    if (m.during_attack) {
      attack_intended += m.intended;
      attack_delivered += std::min(m.delivered, m.intended);
    }
  }
  std::uint64_t msg_collisions = 0;
  for (const auto& [id, first] : msg_index_) {
    if (messages_[first].next_same_id == UINT32_MAX) continue;
    ++msg_collisions;
    for (std::uint32_t i = first; i != UINT32_MAX; i = messages_[i].next_same_id) {
      suppressed += messages_[i].intended - std::min(messages_[i].delivered, messages_[i].intended);
    }
  }
  std::uint64_t node_collisions = 0;
  for (const auto& holders : node_id_holders_) node_collisions += holders.size() > 1 ? 1 : 0;

  v["messages_sent"] = static_cast<double>(messages_.size());
  v["delivered_messages"] = static_cast<double>(delivered);
  // Against intention: the recipients of scheduled messages that were never sent count too.
  const std::uint64_t intended_all = intended + unsent_pairs_;
  if (intended_all > 0)
    v["delivery_ratio"] = static_cast<double>(delivered) / static_cast<double>(intended_all);
  if (joined > 0)
    v["delivery_ratio_joined"] = static_cast<double>(delivered_joined) / static_cast<double>(joined);
  std::uint64_t members_intended = 0, members_joined = 0;
  Sample join_time(true);
  for_each_membership([&](std::uint32_t, sim::HostId, const Membership& m) {
    ++members_intended;
    if (m.joined_ns == kNever) return;
    ++members_joined;
    join_time.add(m.joined_ns - m.intended_ns);
  });
  v["members_intended"] = static_cast<double>(members_intended);
  v["members_joined"] = static_cast<double>(members_joined);
  if (members_intended > 0) {
    v["join_success_ratio"] = static_cast<double>(members_joined) / static_cast<double>(members_intended);
  }
  if (members_joined > 0) {
    v["join_time_p50_ms"] = join_time.percentile(0.5) / kNsPerMs;
    v["join_time_p99_ms"] = join_time.percentile(0.99) / kNsPerMs;
  }
  // Without attacker hosts every node is honest and no message is sent under attack: the
  // honest figure is the delivery ratio itself, so a baseline run compares with an attacked one.
  const bool attackers =
      std::any_of(hosts_.begin(), hosts_.end(), [](const HostState& h) { return h.role.attacker; });
  if (!attackers) {
    attack_intended = intended_all;
    attack_delivered = delivered;
  } else {
    attack_intended += unsent_attack_pairs_;
  }
  if (attack_intended > 0) {
    v["honest_delivery_ratio"] = static_cast<double>(attack_delivered) / static_cast<double>(attack_intended);
  }
  if (latency_.count() > 0) {
    const auto s = latency_.summary();
    v["latency_p50_ms"] = s.p50 / kNsPerMs;
    v["latency_p90_ms"] = s.p90 / kNsPerMs;
    v["latency_p99_ms"] = s.p99 / kNsPerMs;
    v["latency_max_ms"] = s.max / kNsPerMs;
  }
  std::uint64_t datagrams = 0, bytes = 0;
  for (std::size_t verb = 0; verb < kVerbSlots; ++verb) {
    const auto t = traffic_.total(verb);
    datagrams += t.sent_datagrams;
    bytes += t.sent_bytes;
  }
  v["datagrams_sent"] = static_cast<double>(datagrams);
  v["bytes_sent"] = static_cast<double>(bytes);
  if (delivered > 0)
    v["bytes_per_delivered_message"] = static_cast<double>(bytes) / static_cast<double>(delivered);
  v["duplicates"] = static_cast<double>(duplicates_);
  v["node_id_collisions"] = static_cast<double>(node_collisions);
  v["msg_id_collisions"] = static_cast<double>(msg_collisions);
  v["messages_wrongly_suppressed"] = static_cast<double>(suppressed);
  v["messages_misrouted"] = static_cast<double>(misrouted_);
  std::uint64_t connected = 0;
  Sample connect_time(true);
  for (const auto& c : connects_) {
    if (!c.connected_ns) continue;
    ++connected;
    connect_time.add(*c.connected_ns - c.started_ns);
  }
  v["nat_attempts"] = static_cast<double>(connects_.size());
  if (!connects_.empty())
    v["nat_success_ratio"] = static_cast<double>(connected) / static_cast<double>(connects_.size());
  if (connected > 0) v["connect_time_p50_ms"] = connect_time.percentile(0.5) / kNsPerMs;
  std::uint64_t induced = 0;
  for (const auto b : induced_bytes_) induced += b;
  if (attacker_bytes_ > 0)
    v["amplification_factor"] = static_cast<double>(induced) / static_cast<double>(attacker_bytes_);
  v["victim_datagrams_received"] = static_cast<double>(victim_datagrams_);
  v["peers_table_max"] = static_cast<double>(table_max_.peers);
  v["certificates_table_max"] = static_cast<double>(table_max_.certificates);
  v["dedup_table_max"] = static_cast<double>(table_max_.dedup);
  v["routing_table_max"] = static_cast<double>(table_max_.routing);
  v["drops_rate_limited"] = static_cast<double>(traffic_.engine_drops(Reason::kRateLimited));
  if (options_.rows != nullptr) write_rows(end, v);
  return v;
}

void Collector::write_rows(TimeNs end, const MetricValues& metrics) {
  auto& w = *options_.rows;
  for (const auto& [name, value] : metrics) w.add(reports::ScalarRecord{"metrics", name, value});
  auto scalar = [&w](const char* name, double value) { w.add(reports::ScalarRecord{"sim", name, value}); };
  scalar("simulated_ns", static_cast<double>(end));
  std::uint64_t induced = 0;
  for (const auto b : induced_bytes_) induced += b;
  w.add(reports::ScalarRecord{"abuse", "attacker_bytes", static_cast<double>(attacker_bytes_)});
  w.add(reports::ScalarRecord{"abuse", "induced_bytes", static_cast<double>(induced)});
  scalar("honest_bytes_sent", static_cast<double>(honest_bytes_));
  scalar("collisions_detected", static_cast<double>(collisions_detected_));
  scalar("signature_failures", static_cast<double>(signature_failures_));
  scalar("unintended_deliveries", static_cast<double>(unintended_deliveries_));
  scalar("unknown_deliveries", static_cast<double>(unknown_deliveries_));
  scalar("retransmissions", static_cast<double>(retransmissions_));
  scalar("gave_up", static_cast<double>(gave_up_));
  // Only when some scheduled message was not sent (delivery_ratio's SQL reads them as 0 if absent).
  if (messages_unsent_ > 0) {
    scalar("messages_unsent", static_cast<double>(messages_unsent_));
    scalar("unsent_intended_pairs", static_cast<double>(unsent_pairs_));
    scalar("unsent_intended_pairs_under_attack", static_cast<double>(unsent_attack_pairs_));
  }
  for (std::size_t verb = 0; verb < kVerbSlots; ++verb) {
    if (induced_bytes_[verb] == 0) continue;
    w.add(reports::ScalarRecord{"abuse", "induced_bytes." + std::string(verb_slot_name(verb)),
                                static_cast<double>(induced_bytes_[verb])});
  }
  if (latency_.count() > 0) {
    const auto s = latency_.summary();
    w.add(reports::StatisticRecord{"latency_ms", s.count, s.mean / kNsPerMs, s.stddev / kNsPerMs,
                                   s.min / kNsPerMs, s.max / kNsPerMs, s.p50 / kNsPerMs, s.p90 / kNsPerMs,
                                   s.p99 / kNsPerMs});
    for (const auto& b : latency_.bins(kLatencyHistogramBins)) {
      w.add(reports::HistogramRecord{"latency_ms", b.lower / kNsPerMs, b.upper / kNsPerMs, b.count});
    }
  }
  for (auto& r : traffic_.records()) w.add(r);
  for_each_membership([&](std::uint32_t c, sim::HostId h, const Membership& m) {
    const auto at = [](TimeNs t) {
      return t == kNever ? std::nullopt : std::optional<reports::Nanoseconds>(t);
    };
    w.add(reports::MembershipRecord{channel_ids_[c], static_cast<std::int64_t>(h), m.intended_ns,
                                    at(m.joined_ns), at(m.left_ns)});
  });
  for (const auto& [t, sizes] : table_series_) {
    w.add(reports::TimeseriesRecord{"peers_table_max", t, static_cast<double>(sizes.peers)});
    w.add(reports::TimeseriesRecord{"certificates_table_max", t, static_cast<double>(sizes.certificates)});
    w.add(reports::TimeseriesRecord{"dedup_table_max", t, static_cast<double>(sizes.dedup)});
    w.add(reports::TimeseriesRecord{"routing_table_max", t, static_cast<double>(sizes.routing)});
  }
  // Collisions in id order, so the rows do not depend on hash-map iteration.
  std::vector<reports::CollisionRecord> collisions;
  for (std::size_t i = 0; i < node_id_holders_.size(); ++i) {
    if (node_id_holders_[i].size() > 1) {
      collisions.push_back({"node_id", node_id_text_[i], node_id_holders_[i].size(), 0, misrouted_by_id_[i]});
    }
  }
  for (const auto& [id, first] : msg_index_) {
    if (messages_[first].next_same_id == UINT32_MAX) continue;
    std::uint64_t count = 0, missing = 0;
    for (std::uint32_t i = first; i != UINT32_MAX; i = messages_[i].next_same_id) {
      ++count;
      missing += messages_[i].intended - std::min(messages_[i].delivered, messages_[i].intended);
    }
    collisions.push_back({"msg_id", id, count, missing, 0});
  }
  std::sort(collisions.begin(), collisions.end(),
            [](const auto& a, const auto& b) { return std::tie(a.kind, a.id) < std::tie(b.kind, b.id); });
  for (auto& c : collisions) w.add(c);
  for (const auto& c : connects_) {
    std::optional<reports::Nanoseconds> ttc;
    if (c.connected_ns) ttc = *c.connected_ns - c.started_ns;
    std::optional<std::string> failure;
    if (!c.connected_ns) failure = std::string(c.done ? c.failure : kConnectUnfinished);
    w.add(reports::NatAttemptRecord{hosts_[c.a].role.nat_type, hosts_[c.b].role.nat_type, c.started_ns,
                                    c.connected_ns.has_value(), ttc, std::move(failure)});
  }
}

}  // namespace ptplab::scenarios
