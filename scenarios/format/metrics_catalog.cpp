// The metric catalog (definitions match reports/SCHEMA.md) and the attacker parameter lists.
#include "scenarios/format/metrics_catalog.hpp"

#include <algorithm>
#include <array>

namespace ptplab::scenarios {
namespace {

constexpr auto kMetrics = std::to_array<MetricInfo>({
    {"amplification_factor", "ratio", "bytes honest nodes sent because of attackers / bytes attackers sent"},
    {"bytes_per_delivered_message", "bytes", "bytes sent by honest nodes / deliveries"},
    {"bytes_sent", "bytes", "bytes sent by all hosts"},
    {"certificates_table_max", "count", "largest certificate cache of any node"},
    {"connect_time_p50_ms", "ms", "median time from CONNECT start to a direct path, over successes"},
    {"datagrams_sent", "count", "datagrams sent by all hosts"},
    {"dedup_table_max", "count", "largest de-duplication window of any node"},
    {"delivered_messages", "count", "first deliveries (message, recipient)"},
    {"delivery_ratio", "ratio", "delivered / intended (message, recipient) pairs"},
    {"drops_rate_limited", "count", "datagrams dropped by token buckets"},
    {"duplicates", "count", "MESSAGE copies received after the first"},
    {"honest_delivery_ratio", "ratio", "delivery_ratio over messages of honest senders (under attack)"},
    {"latency_max_ms", "ms", "largest origin-to-first-delivery latency"},
    {"latency_p50_ms", "ms", "median origin-to-first-delivery latency"},
    {"latency_p90_ms", "ms", "90th percentile origin-to-first-delivery latency"},
    {"latency_p99_ms", "ms", "99th percentile origin-to-first-delivery latency"},
    {"messages_misrouted", "count",
     "messages delivered to or routed toward the wrong node because of a collision"},
    {"messages_sent", "count", "messages originated by honest nodes"},
    {"messages_wrongly_suppressed", "count",
     "messages never delivered somewhere because their msg_id was seen"},
    {"msg_id_collisions", "count", "msg_id values shared by distinct messages"},
    {"nat_attempts", "count", "CONNECT rendezvous attempts"},
    {"nat_success_ratio", "ratio", "successful CONNECT attempts / attempts"},
    {"node_id_collisions", "count", "node_id values shared by distinct nodes"},
    {"peers_table_max", "count", "largest peer table of any node"},
    {"routing_table_max", "count", "largest routing table of any node"},
    {"victim_datagrams_received", "count", "datagrams received by attack targets"},
});

}  // namespace

std::span<const MetricInfo> known_metrics() { return kMetrics; }

const MetricInfo* find_metric(std::string_view name) {
  const auto* it = std::lower_bound(kMetrics.begin(), kMetrics.end(), name,
                                    [](const MetricInfo& m, std::string_view n) { return m.name < n; });
  return it != kMetrics.end() && it->name == name ? &*it : nullptr;
}

}  // namespace ptplab::scenarios
