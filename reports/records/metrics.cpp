// The metric table (see metrics.hpp); reports/SCHEMA.md "Metrics" explains each definition.
#include "reports/records/metrics.hpp"

#include <array>

namespace ptplab::reports {
namespace {

// Nearest-rank percentile p of a column (value at 1-based position ceil(p * n) of the sorted
// sample) of a nanosecond column, in ms, as SQL: FROM selects the sample, P is the fraction.
#define PTPLAB_NEAREST_RANK(COLUMN, FROM, P)                                \
  "WITH l AS (SELECT " COLUMN " AS v " FROM "), n AS (SELECT count(*) * " P \
  " AS k FROM l) "                                                          \
  "SELECT v / 1e6 FROM l ORDER BY v "                                       \
  "LIMIT 1 OFFSET (SELECT max(0, CAST(k AS INTEGER) + (k > CAST(k AS INTEGER)) - 1) FROM n)"
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
    {"amplification_factor", "ratio", Better::kLower,
     "bytes honest nodes sent because of attackers / bytes attackers sent",
     "SELECT CAST((SELECT sum(bytes_induced) FROM node WHERE run_id = :run AND role <> 'attacker') AS REAL) "
     "/ "
     "nullif((SELECT sum(bytes_out) FROM node WHERE run_id = :run AND role = 'attacker'), 0)"},
    {"bytes_per_delivered_message", "bytes", Better::kLower, "bytes sent by honest nodes / deliveries",
     "SELECT CAST((SELECT sum(bytes_sent) FROM traffic WHERE run_id = :run) AS REAL) / "
     "nullif(" PTPLAB_INTENDED_DELIVERIES ", 0)"},
    {"bytes_sent", "bytes", Better::kLower, "bytes sent by all hosts",
     "SELECT coalesce(sum(bytes_sent), 0) FROM traffic WHERE run_id = :run"},
    {"certificates_table_max", "count", Better::kLower, "largest certificate cache of any node",
     PTPLAB_TABLE_MAX("certificates_table_max")},
    {"connect_time_p50_ms", "ms", Better::kLower,
     "median time from CONNECT start to a direct path, over successes",
     PTPLAB_NEAREST_RANK("time_to_connect_ns", "FROM nat_attempt WHERE run_id = :run AND succeeded", "0.5")},
    {"datagrams_sent", "count", Better::kLower, "datagrams sent by all hosts",
     "SELECT coalesce(sum(datagrams_sent), 0) FROM traffic WHERE run_id = :run"},
    {"dedup_table_max", "count", Better::kLower, "largest de-duplication window of any node",
     PTPLAB_TABLE_MAX("dedup_table_max")},
    {"delivered_messages", "count", Better::kHigher, "first deliveries (message, recipient)",
     "SELECT " PTPLAB_INTENDED_DELIVERIES},
    {"delivery_ratio", "ratio", Better::kHigher,
     "delivered / intended (message, recipient) pairs, members that never joined included",
     "SELECT CAST(" PTPLAB_INTENDED_DELIVERIES " AS REAL) / "
     "nullif((SELECT sum(intended_recipients) FROM message WHERE run_id = :run), 0)"},
    {"delivery_ratio_joined", "ratio", Better::kHigher,
     "delivered / (message, recipient) pairs whose recipient had joined when it was sent",
     "SELECT CAST((SELECT count(*) FROM (SELECT DISTINCT msg_id, node FROM delivery WHERE run_id = :run "
     "AND joined)) AS REAL) / nullif((SELECT sum(joined_recipients) FROM message WHERE run_id = :run), 0)"},
    {"drops_rate_limited", "count", Better::kLower, "datagrams dropped by token buckets",
     "SELECT coalesce(sum(datagrams_dropped), 0) FROM traffic WHERE run_id = :run AND drop_reason = "
     "'rate_limited'"},
    {"duplicates", "count", Better::kLower, "MESSAGE copies received after the first",
     "SELECT coalesce(sum(duplicates), 0) FROM node WHERE run_id = :run"},
    {"honest_delivery_ratio", "ratio", Better::kHigher,
     "delivery_ratio over the messages sent while an attack was on; without attacker hosts, over "
     "every message (= delivery_ratio)",
     "SELECT CAST((SELECT count(*) FROM (SELECT DISTINCT d.msg_id, d.node FROM delivery d JOIN message m "
     "ON m.run_id = d.run_id AND m.msg_id = d.msg_id WHERE d.run_id = :run AND d.intended AND "
     "(m.during_attack OR " PTPLAB_NO_ATTACKERS "))) AS REAL) / nullif((SELECT sum(intended_recipients) "
     "FROM message WHERE run_id = :run AND (during_attack OR " PTPLAB_NO_ATTACKERS ")), 0)"},
    {"join_success_ratio", "ratio", Better::kHigher,
     "memberships whose node joined / memberships the scenario asked for",
     "SELECT avg(joined_ns IS NOT NULL) FROM membership WHERE run_id = :run"},
    {"join_time_p50_ms", "ms", Better::kLower,
     "median time from the scenario making a node a member to its join, over joins", PTPLAB_JOIN_TIME("0.5")},
    {"join_time_p99_ms", "ms", Better::kLower,
     "99th percentile time from the scenario making a node a member to its join, over joins",
     PTPLAB_JOIN_TIME("0.99")},
    {"latency_max_ms", "ms", Better::kLower, "largest origin-to-first-delivery latency",
     PTPLAB_LATENCY("1.0")},
    {"latency_p50_ms", "ms", Better::kLower, "median origin-to-first-delivery latency",
     PTPLAB_LATENCY("0.5")},
    {"latency_p90_ms", "ms", Better::kLower, "90th percentile origin-to-first-delivery latency",
     PTPLAB_LATENCY("0.9")},
    {"latency_p99_ms", "ms", Better::kLower, "99th percentile origin-to-first-delivery latency",
     PTPLAB_LATENCY("0.99")},
    {"members_intended", "count", Better::kNeither,
     "(channel, node) memberships the scenario asked for, joined or not",
     "SELECT count(*) FROM membership WHERE run_id = :run"},
    {"members_joined", "count", Better::kHigher, "memberships whose node joined the channel",
     "SELECT count(joined_ns) FROM membership WHERE run_id = :run"},
    {"messages_misrouted", "count", Better::kLower,
     "messages delivered to or routed toward the wrong node because of a collision",
     "SELECT coalesce(sum(messages_misrouted), 0) FROM collision WHERE run_id = :run"},
    {"messages_sent", "count", Better::kNeither, "messages originated by honest nodes",
     "SELECT count(*) FROM message WHERE run_id = :run"},
    {"messages_wrongly_suppressed", "count", Better::kLower,
     "messages never delivered somewhere because their msg_id was seen",
     "SELECT coalesce(sum(messages_wrongly_suppressed), 0) FROM collision WHERE run_id = :run"},
    {"msg_id_collisions", "count", Better::kLower, "msg_id values shared by distinct messages",
     "SELECT count(*) FROM collision WHERE run_id = :run AND kind = 'msg_id'"},
    {"nat_attempts", "count", Better::kNeither, "CONNECT rendezvous attempts",
     "SELECT count(*) FROM nat_attempt WHERE run_id = :run"},
    {"nat_success_ratio", "ratio", Better::kHigher, "successful CONNECT attempts / attempts",
     "SELECT avg(succeeded) FROM nat_attempt WHERE run_id = :run"},
    {"node_id_collisions", "count", Better::kLower, "node_id values shared by distinct nodes",
     "SELECT count(*) FROM collision WHERE run_id = :run AND kind = 'node_id'"},
    {"peers_table_max", "count", Better::kLower, "largest peer table of any node",
     PTPLAB_TABLE_MAX("peers_table_max")},
    {"routing_table_max", "count", Better::kLower, "largest routing table of any node",
     PTPLAB_TABLE_MAX("routing_table_max")},
    {"victim_datagrams_received", "count", Better::kLower, "datagrams received by attack targets",
     "SELECT coalesce(sum(datagrams_in), 0) FROM node WHERE run_id = :run AND attack_target"},
});

#undef PTPLAB_NEAREST_RANK
#undef PTPLAB_LATENCY
#undef PTPLAB_JOIN_TIME
#undef PTPLAB_TABLE_MAX
#undef PTPLAB_NO_ATTACKERS
#undef PTPLAB_INTENDED_DELIVERIES

static_assert(sorted_by_name(kMetrics), "kMetrics must be sorted by name (find_metric bisects it)");

}  // namespace

std::span<const MetricDef> metric_table() { return kMetrics; }

const MetricDef* find_metric(std::string_view name) { return find_sorted(kMetrics, name); }

}  // namespace ptplab::reports
