// The metric table (see metrics.hpp); reports/SCHEMA.md "Metrics" explains each definition.
#include "reports/records/metrics.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "engine/core/reason.hpp"

namespace ptplab::reports {
namespace {

#define PTPLAB_LATENCY(P) \
  PTPLAB_NEAREST_RANK("latency_ns", "FROM delivery WHERE run_id = :run AND intended", P)
#define PTPLAB_JOIN_TIME(P)                      \
  PTPLAB_NEAREST_RANK("joined_ns - intended_ns", \
                      "FROM membership WHERE run_id = :run AND joined_ns IS NOT NULL", P)
// The largest sampled size of a node table (timeseries rows of the same name).
#define PTPLAB_TABLE_MAX(NAME) "SELECT max(value) FROM timeseries WHERE run_id = :run AND name = '" NAME "'"
// True when the run has no attacker host (every node honest, no message sent under attack).
#define PTPLAB_NO_ATTACKERS "NOT EXISTS (SELECT 1 FROM node WHERE run_id = :run AND role = 'attacker')"
#define PTPLAB_INTENDED_DELIVERIES \
  "(SELECT count(*) FROM (SELECT DISTINCT msg_id, node FROM delivery WHERE run_id = :run AND intended))"

constexpr auto kMetrics = std::to_array<MetricDef>({
    {Metric::kAmplificationFactor, "amplification_factor", "ratio", Better::kLower,
     "bytes honest nodes sent because of attackers / bytes attackers sent",
     "SELECT CAST((SELECT sum(bytes_induced) FROM node WHERE run_id = :run AND role <> 'attacker') AS REAL) "
     "/ "
     "nullif((SELECT sum(bytes_out) FROM node WHERE run_id = :run AND role = 'attacker'), 0)"},
    {Metric::kBytesPerDeliveredMessage, "bytes_per_delivered_message", "bytes", Better::kLower,
     "bytes sent by honest nodes / deliveries",
     "SELECT CAST((SELECT coalesce(sum(bytes_out), 0) FROM node WHERE run_id = :run AND role <> 'attacker') "
     "AS REAL) / nullif(" PTPLAB_INTENDED_DELIVERIES ", 0)"},
    {Metric::kBytesSent, "bytes_sent", "bytes", Better::kLower, "bytes sent by all hosts",
     "SELECT coalesce(sum(bytes_sent), 0) FROM traffic WHERE run_id = :run"},
    {Metric::kCertificatesTableMax, "certificates_table_max", "count", Better::kLower,
     "largest certificate cache of any node", PTPLAB_TABLE_MAX("certificates_table_max")},
    {Metric::kConnectTimeP50Ms, "connect_time_p50_ms", "ms", Better::kLower,
     "median time from CONNECT start to a direct path, over successes",
     PTPLAB_NEAREST_RANK("time_to_connect_ns", "FROM nat_attempt WHERE run_id = :run AND succeeded", "0.5")},
    {Metric::kDatagramsPerDeliveredMessage, "datagrams_per_delivered_message", "count", Better::kLower,
     "datagrams sent by honest nodes / deliveries",
     "SELECT CAST((SELECT coalesce(sum(datagrams_out), 0) FROM node WHERE run_id = :run AND role <> "
     "'attacker') AS REAL) / nullif(" PTPLAB_INTENDED_DELIVERIES ", 0)"},
    {Metric::kDatagramsSent, "datagrams_sent", "count", Better::kLower, "datagrams sent by all hosts",
     "SELECT coalesce(sum(datagrams_sent), 0) FROM traffic WHERE run_id = :run"},
    {Metric::kDedupTableMax, "dedup_table_max", "count", Better::kLower,
     "largest de-duplication window of any node", PTPLAB_TABLE_MAX("dedup_table_max")},
    {Metric::kDeliveredMessages, "delivered_messages", "count", Better::kHigher,
     "first deliveries (message, recipient)", "SELECT " PTPLAB_INTENDED_DELIVERIES},
    {Metric::kDeliveryRatio, "delivery_ratio", "ratio", Better::kHigher,
     "delivered / intended (message, recipient) pairs, members that never joined included",
     "SELECT CAST(" PTPLAB_INTENDED_DELIVERIES " AS REAL) / "
     "nullif((SELECT sum(intended_recipients) FROM message WHERE run_id = :run), 0)"},
    {Metric::kDeliveryRatioJoined, "delivery_ratio_joined", "ratio", Better::kHigher,
     "delivered / (message, recipient) pairs whose recipient had joined when it was sent",
     "SELECT CAST((SELECT count(*) FROM (SELECT DISTINCT msg_id, node FROM delivery WHERE run_id = :run "
     "AND joined)) AS REAL) / nullif((SELECT sum(joined_recipients) FROM message WHERE run_id = :run), 0)"},
    {Metric::kDropsRateLimited, "drops_rate_limited", "count", Better::kLower,
     "datagrams dropped by token buckets",
     "SELECT coalesce(sum(datagrams_dropped), 0) FROM traffic WHERE run_id = :run AND drop_reason = "
     "'rate_limited'"},
    {Metric::kDuplicates, "duplicates", "count", Better::kLower, "MESSAGE copies received after the first",
     "SELECT coalesce(sum(duplicates), 0) FROM node WHERE run_id = :run"},
    {Metric::kHonestDeliveryRatio, "honest_delivery_ratio", "ratio", Better::kHigher,
     "delivery_ratio over the messages sent while an attack was on; without attacker hosts, over "
     "every message (= delivery_ratio)",
     "SELECT CAST((SELECT count(*) FROM (SELECT DISTINCT d.msg_id, d.node FROM delivery d JOIN message m "
     "ON m.run_id = d.run_id AND m.msg_id = d.msg_id WHERE d.run_id = :run AND d.intended AND "
     "(m.during_attack OR " PTPLAB_NO_ATTACKERS "))) AS REAL) / nullif((SELECT sum(intended_recipients) "
     "FROM message WHERE run_id = :run AND (during_attack OR " PTPLAB_NO_ATTACKERS ")), 0)"},
    {Metric::kJoinSuccessRatio, "join_success_ratio", "ratio", Better::kHigher,
     "memberships whose node joined / memberships the scenario asked for",
     "SELECT avg(joined_ns IS NOT NULL) FROM membership WHERE run_id = :run"},
    {Metric::kJoinTimeP50Ms, "join_time_p50_ms", "ms", Better::kLower,
     "median time from the scenario making a node a member to its join, over joins", PTPLAB_JOIN_TIME("0.5")},
    {Metric::kJoinTimeP99Ms, "join_time_p99_ms", "ms", Better::kLower,
     "99th percentile time from the scenario making a node a member to its join, over joins",
     PTPLAB_JOIN_TIME("0.99")},
    {Metric::kLatencyMaxMs, "latency_max_ms", "ms", Better::kLower,
     "largest origin-to-first-delivery latency", PTPLAB_LATENCY("1.0")},
    {Metric::kLatencyP50Ms, "latency_p50_ms", "ms", Better::kLower, "median origin-to-first-delivery latency",
     PTPLAB_LATENCY("0.5")},
    {Metric::kLatencyP90Ms, "latency_p90_ms", "ms", Better::kLower,
     "90th percentile origin-to-first-delivery latency", PTPLAB_LATENCY("0.9")},
    {Metric::kLatencyP99Ms, "latency_p99_ms", "ms", Better::kLower,
     "99th percentile origin-to-first-delivery latency", PTPLAB_LATENCY("0.99")},
    {Metric::kMembersIntended, "members_intended", "count", Better::kNeither,
     "(channel, node) memberships the scenario asked for, joined or not",
     "SELECT count(*) FROM membership WHERE run_id = :run"},
    {Metric::kMembersJoined, "members_joined", "count", Better::kHigher,
     "memberships whose node joined the channel",
     "SELECT count(joined_ns) FROM membership WHERE run_id = :run"},
    {Metric::kMessagesMisrouted, "messages_misrouted", "count", Better::kLower,
     "messages delivered to or routed toward the wrong node because of a collision",
     "SELECT coalesce(sum(messages_misrouted), 0) FROM collision WHERE run_id = :run"},
    {Metric::kMessagesSent, "messages_sent", "count", Better::kNeither, "messages originated by honest nodes",
     "SELECT count(*) FROM message WHERE run_id = :run"},
    {Metric::kMessagesWronglySuppressed, "messages_wrongly_suppressed", "count", Better::kLower,
     "messages never delivered somewhere because their msg_id was seen",
     "SELECT coalesce(sum(messages_wrongly_suppressed), 0) FROM collision WHERE run_id = :run"},
    {Metric::kMsgIdCollisions, "msg_id_collisions", "count", Better::kLower,
     "msg_id values shared by distinct messages",
     "SELECT count(*) FROM collision WHERE run_id = :run AND kind = 'msg_id'"},
    {Metric::kNatAttempts, "nat_attempts", "count", Better::kNeither, "CONNECT rendezvous attempts",
     "SELECT count(*) FROM nat_attempt WHERE run_id = :run"},
    {Metric::kNatSuccessRatio, "nat_success_ratio", "ratio", Better::kHigher,
     "successful CONNECT attempts / attempts", "SELECT avg(succeeded) FROM nat_attempt WHERE run_id = :run"},
    {Metric::kNodeIdCollisions, "node_id_collisions", "count", Better::kLower,
     "node_id values shared by distinct nodes",
     "SELECT count(*) FROM collision WHERE run_id = :run AND kind = 'node_id'"},
    {Metric::kPeersTableMax, "peers_table_max", "count", Better::kLower, "largest peer table of any node",
     PTPLAB_TABLE_MAX("peers_table_max")},
    {Metric::kRoutingTableMax, "routing_table_max", "count", Better::kLower,
     "largest routing table of any node", PTPLAB_TABLE_MAX("routing_table_max")},
    {Metric::kVictimDatagramsReceived, "victim_datagrams_received", "count", Better::kLower,
     "datagrams received by attack targets",
     "SELECT coalesce(sum(datagrams_in), 0) FROM node WHERE run_id = :run AND attack_target"},
});

#undef PTPLAB_LATENCY
#undef PTPLAB_JOIN_TIME
#undef PTPLAB_TABLE_MAX
#undef PTPLAB_NO_ATTACKERS
#undef PTPLAB_INTENDED_DELIVERIES

static_assert(sorted_by_name(kMetrics), "kMetrics must be sorted by name (find_metric bisects it)");
// Row i is Metric(i): enum Metric indexes the table.
static_assert(
    kMetrics.size() == kMetricCount &&
        [] {
          for (std::size_t i = 0; i < kMetrics.size(); ++i) {
            if (kMetrics[i].id != static_cast<Metric>(i)) return false;
          }
          return true;
        }(),
    "enum Metric and kMetrics disagree (same names, same order)");

constexpr auto kRunValues = std::to_array<RunValueDef>({
    {RunValue::kAbuseAttackerBytes, "abuse.attacker_bytes", "bytes", Better::kNeither,
     "bytes attacker hosts sent"},
    {RunValue::kAbuseInducedBytes, "abuse.induced_bytes", "bytes", Better::kLower,
     "bytes honest nodes sent because of attackers", RunValueParts::kVerb},
    {RunValue::kLatencyMs, "latency_ms", "ms", Better::kLower, "origin-to-first-delivery latency",
     RunValueParts::kStatistic},
    {RunValue::kSimCollisionsDetected, "sim.collisions_detected", "count", Better::kLower,
     "collision events the nodes raised, each node's own evidence per datagram (not ids shared: "
     "node_id_collisions, msg_id_collisions; a peer heard at a new address counts)"},
    {RunValue::kSimEvents, "sim.events", "count", Better::kNeither, "simulator events executed"},
    {RunValue::kSimGaveUp, "sim.gave_up", "count", Better::kLower,
     "reliable sends abandoned after their last retry"},
    {RunValue::kSimHonestBytesSent, "sim.honest_bytes_sent", "bytes", Better::kLower,
     "bytes sent by honest nodes"},
    {RunValue::kSimMembersJoinedUnreached, "sim.members_joined_unreached", "count", Better::kLower,
     "channel members up at the end, joined, that received none of the messages sent to their channel "
     "after they joined, although some were (a join is the member's own view; absent when none)"},
    {RunValue::kSimMembershipsRenewedAtRestart, "sim.memberships_renewed_at_restart", "count",
     Better::kNeither, "memberships the runner renewed when a node restarted after churn (absent when none)"},
    {RunValue::kSimMessagesUnsent, "sim.messages_unsent", "count", Better::kLower,
     "scheduled MESSAGEs their origin never sent, counted as undelivered (absent when none)"},
    {RunValue::kSimNodeRowsUnwritten, "sim.node_rows_unwritten", "count", Better::kLower,
     "per-node rows (node table) not written: the run was stopped while they were written, and "
     "writing them all would have held up the stop (absent when none)"},
    {RunValue::kSimNotSent, "sim.not_sent", "count", Better::kLower,
     "engine drops about no datagram (a request never made), by engine reason; not in traffic",
     RunValueParts::kReason},
    {RunValue::kSimRetransmissions, "sim.retransmissions", "count", Better::kLower,
     "reliable sends repeated for want of an ACK"},
    {RunValue::kSimSignatureFailures, "sim.signature_failures", "count", Better::kLower,
     "messages whose signature did not verify"},
    {RunValue::kSimSimulatedNs, "sim.simulated_ns", "ns", Better::kNeither, "simulated time reached"},
    {RunValue::kSimSkippedNoMembers, "sim.skipped_no_members", "count", Better::kNeither,
     "channels never created: no member was picked at set-up (absent when none)"},
    {RunValue::kSimSkippedNoSender, "sim.skipped_no_sender", "count", Better::kNeither,
     "scheduled MESSAGEs skipped: no member of the channel could send when due (absent when none)"},
    {RunValue::kSimSkippedWindowClosed, "sim.skipped_window_closed", "count", Better::kNeither,
     "channels with a message rate that sent nothing: their messages window closed before messages "
     "could begin, 2 s after channel set-up at 1 s (absent when none)"},
    {RunValue::kSimUnintendedDeliveries, "sim.unintended_deliveries", "count", Better::kNeither,
     "deliveries to nodes not intended when the message was sent: non-members, and members down "
     "then that caught up after a restart"},
    {RunValue::kSimUnknownDeliveries, "sim.unknown_deliveries", "count", Better::kLower,
     "deliveries of a msg_id the runner never saw sent"},
    {RunValue::kSimUnreachableEdges, "sim.unreachable_edges", "count", Better::kNeither,
     "overlay edges between two NATed hosts, not added"},
    {RunValue::kSimUnsentIntendedPairs, "sim.unsent_intended_pairs", "count", Better::kLower,
     "intended (message, recipient) pairs of the unsent MESSAGEs (absent when none)"},
    {RunValue::kSimUnsentIntendedPairsUnderAttack, "sim.unsent_intended_pairs_under_attack", "count",
     Better::kLower, "those of them scheduled while an attack was on (absent when none)"},
});
static_assert(
    [] {
      for (std::size_t i = 0; i < kRunValues.size(); ++i) {
        if (kRunValues[i].id != static_cast<RunValue>(i)) return false;
        if (i > 0 && !(kRunValues[i - 1].key < kRunValues[i].key)) return false;
      }
      return !is_enumerator<RunValue, kRunValues.size()>();
    }(),
    "kRunValues: row i is RunValue(i), keys sorted, one row per enumerator");

}  // namespace

std::span<const MetricDef> metric_table() { return kMetrics; }

const MetricDef* find_metric(std::string_view name) { return find_sorted(kMetrics, name); }

const MetricDef& metric_def(Metric m) { return kMetrics[static_cast<std::size_t>(m)]; }

std::span<const RunValueDef> run_value_table() { return kRunValues; }

const RunValueDef& run_value_def(RunValue v) { return kRunValues[static_cast<std::size_t>(v)]; }

const RunValueDef* find_run_value(std::string_view key) {
  for (;;) {
    const auto it = std::lower_bound(kRunValues.begin(), kRunValues.end(), key,
                                     [](const RunValueDef& d, std::string_view k) { return d.key < k; });
    if (it != kRunValues.end() && it->key == key) return &*it;
    const auto dot = key.rfind('.');
    if (dot == std::string_view::npos) return nullptr;
    key = key.substr(0, dot);
  }
}

ScalarRecord run_value_scalar(RunValue v, double value, std::string_view part) {
  const auto& def = run_value_def(v);
  std::string name(def.name());
  if (!part.empty()) name.append(".").append(part);
  return ScalarRecord{std::string(def.module()), std::move(name), value};
}

bool is_named_scalar(std::string_view module, std::string_view name) {
  if (module == kMetricModule) return find_metric(name) != nullptr;
  if (module.empty()) return false;
  const std::string key = std::string(module) + "." + std::string(name);
  const auto* v = find_run_value(key);
  if (v == nullptr || v->module() != module) return false;
  if (v->key.size() == key.size()) return v->parts != RunValueParts::kReason;  // REASON: parts only
  const auto part = std::string_view(key).substr(v->key.size() + 1);
  switch (v->parts) {
    case RunValueParts::kNone: return false;
    case RunValueParts::kReason: return !part.empty() && reason_from_name(part).has_value();
    case RunValueParts::kVerb:
    case RunValueParts::kStatistic: return !part.empty();
  }
  return false;
}

}  // namespace ptplab::reports
