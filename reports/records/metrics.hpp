// The metric table: every metric a run computes (scalar rows of module "metrics", the names an
// `expect` entry may use), declared once with its unit, the direction in which it improves, its
// meaning and the SQL that recomputes it from a report's rows. The scenario format's
// validation, the collector's checks, run comparison's verdicts and reports/SCHEMA.md's
// metric list all come from here. Definitions: DESIGN.md "Scenarios and reports".
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "engine/core/name_table.hpp"
#include "reports/records/records.hpp"

namespace ptplab::reports {

// Nearest-rank percentile P of a nanosecond column (the value at 1-based position ceil(P * n) of
// the sorted sample), in ms, as one SQL statement (a string literal): FROM selects the sample
// ("FROM t WHERE ..."), P is the fraction ("0.5") or a parameter ("?3"). The metric table's
// percentiles and reports/reader.cpp's per-pair and per-group ones all use it.
#define PTPLAB_NEAREST_RANK(COLUMN, FROM, P)                                \
  "WITH l AS (SELECT " COLUMN " AS v " FROM "), n AS (SELECT count(*) * " P \
  " AS k FROM l) "                                                          \
  "SELECT v / 1e6 FROM l ORDER BY v "                                       \
  "LIMIT 1 OFFSET (SELECT max(0, CAST(k AS INTEGER) + (k > CAST(k AS INTEGER)) - 1) FROM n)"

// The direction in which a metric improves.
enum class Better : std::uint8_t { kLower, kHigher, kNeither };
inline constexpr std::array<NameEntry<Better>, 3> kBetters = {{
    {Better::kLower, "lower", "a smaller value is better (latency, overhead, drops)"},
    {Better::kHigher, "higher", "a larger value is better (delivery ratio)"},
    {Better::kNeither, "neither", "a count of what was asked for: no direction is better"},
}};
static_assert(indexed_by_value(kBetters));

// "lower", "higher" or "neither".
[[nodiscard]] constexpr std::string_view better_name(Better b) { return name_of(kBetters, b); }

// Every metric, in the metric table's (name) order: code names a metric by its enumerator, so a
// misspelt metric does not compile. metrics.cpp asserts that row i of the table is Metric(i).
enum class Metric : std::uint8_t {
  kAmplificationFactor,
  kBytesPerDeliveredMessage,
  kBytesSent,
  kCertificatesTableMax,
  kConnectTimeP50Ms,
  kDatagramsPerDeliveredMessage,
  kDatagramsSent,
  kDedupTableMax,
  kDeliveredMessages,
  kDeliveryRatio,
  kDeliveryRatioJoined,
  kDropsRateLimited,
  kDuplicates,
  kHonestDeliveryRatio,
  kJoinSuccessRatio,
  kJoinTimeP50Ms,
  kJoinTimeP99Ms,
  kLatencyMaxMs,
  kLatencyP50Ms,
  kLatencyP90Ms,
  kLatencyP99Ms,
  kMembersIntended,
  kMembersJoined,
  kMessagesMisrouted,
  kMessagesSent,
  kMessagesWronglySuppressed,
  kMsgIdCollisions,
  kNatAttempts,
  kNatSuccessRatio,
  kNodeIdCollisions,
  kPeersTableMax,
  kRoutingTableMax,
  kVictimDatagramsReceived,
};
inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::kVictimDatagramsReceived) + 1;

// The scalar module the metrics are stored under: rows (module 'metrics', name).
inline constexpr std::string_view kMetricModule = "metrics";

// One metric.
struct MetricDef {
  Metric id;
  std::string_view name;     // scalar name, e.g. "delivery_ratio"
  std::string_view unit;     // "ratio", "ms", "count", "bytes"
  Better better;             // which way is better (kNeither: a count of what was asked for)
  std::string_view meaning;  // one line, for catalogues and reports
  // One SQLite statement over the report's tables whose single value is the metric of run
  // `:run` (the parameter ?1); NULL when it cannot be computed (like the scalar's absence).
  // Counts only the runner sees (engine events, attacker ground truth) are per-node columns.
  std::string_view sql;
};

// Every metric, sorted by name.
[[nodiscard]] std::span<const MetricDef> metric_table();

// The metric named `name`, or nullptr.
[[nodiscard]] const MetricDef* find_metric(std::string_view name);

// The row of metric `m`.
[[nodiscard]] const MetricDef& metric_def(Metric m);

// The scalar name of metric `m` ("delivery_ratio" for Metric::kDeliveryRatio).
[[nodiscard]] inline std::string_view metric_name(Metric m) { return metric_def(m).name; }

// The other values a run stores besides the metrics: scalar rows of the modules "sim" and
// "abuse", and statistic rows. Code names one by its enumerator and writes a scalar through
// run_value_scalar(), so every stored name is in the table; comparisons and exports name it by its
// key ("sim.retransmissions", "abuse.induced_bytes"; a statistic by its name, "latency_ms"), and a
// key's dotted suffix names a part of it ("abuse.induced_bytes.HELLO" per verb,
// "sim.not_sent.peers_full" per engine reason, "latency_ms.p50"). Sorted by key; kRunValues' row
// i is RunValue(i).
enum class RunValue : std::uint8_t {
  kAbuseAttackerBytes,
  kAbuseInducedBytes,
  kLatencyMs,
  kSimCollisionsDetected,
  kSimEvents,
  kSimGaveUp,
  kSimHonestBytesSent,
  kSimMembersJoinedUnreached,
  kSimMembershipsRenewedAtRestart,
  kSimMessagesUnsent,
  kSimNodeRowsUnwritten,
  kSimNotSent,
  kSimRetransmissions,
  kSimSignatureFailures,
  kSimSimulatedNs,
  kSimSkippedNoMembers,
  kSimSkippedNoSender,
  kSimSkippedWindowClosed,
  kSimUnintendedDeliveries,
  kSimUnknownDeliveries,
  kSimUnreachableEdges,
  kSimUnsentIntendedPairs,
  kSimUnsentIntendedPairsUnderAttack,
};

// The parts a run value is stored in besides (or instead of) its key: the vocabulary its dotted
// suffix comes from.
enum class RunValueParts : std::uint8_t { kNone, kVerb, kReason, kStatistic };
inline constexpr std::array<NameEntry<RunValueParts>, 4> kRunValueParts = {{
    {RunValueParts::kNone, "", "stored under its key only"},
    {RunValueParts::kVerb, "VERB",
     "the total under its key, and one scalar per wire verb (HELLO, ..., or invalid) that has any"},
    {RunValueParts::kReason, "REASON",
     "one scalar per engine reason (`ptplab reasons`) that has any, no total under its key"},
    {RunValueParts::kStatistic, "STAT",
     "a statistic row: compared by its columns count, mean, stddev, min, max, p50, p90, p99"},
}};
static_assert(indexed_by_value(kRunValueParts, kUnnamedFirst));

// One stored value that is not a metric.
struct RunValueDef {
  RunValue id;
  std::string_view key;   // "module.name" of a scalar, the name of a statistic (no '.')
  std::string_view unit;  // "count", "bytes", "ns", "ms"
  Better better;
  std::string_view meaning;
  RunValueParts parts = RunValueParts::kNone;

  // The scalar module: the key before its first '.' ("sim", "abuse"); "" for a statistic.
  [[nodiscard]] constexpr std::string_view module() const {
    const auto dot = key.find('.');
    return dot == std::string_view::npos ? std::string_view{} : key.substr(0, dot);
  }
  // The scalar or statistic name: the key after its module.
  [[nodiscard]] constexpr std::string_view name() const {
    const auto dot = key.find('.');
    return dot == std::string_view::npos ? key : key.substr(dot + 1);
  }
  // Written only when non-zero (its meaning says "(absent when none)"): a complete run without
  // the scalar had none, so readers take it as 0 there (`ptplab compare`), and writers skip 0.
  [[nodiscard]] constexpr bool absent_when_none() const { return meaning.ends_with("(absent when none)"); }
};

// Every such value, sorted by key.
[[nodiscard]] std::span<const RunValueDef> run_value_table();

// The row of `v`.
[[nodiscard]] const RunValueDef& run_value_def(RunValue v);

// The row whose key is `key` or, failing that, a prefix of `key` ending before a '.'
// ("latency_ms.p50" -> latency_ms); nullptr when none.
[[nodiscard]] const RunValueDef* find_run_value(std::string_view key);

// The scalar row of run value `v` (a scalar: its module is not "") holding `value`, named
// module, name (or name.part for one of its parts, e.g. a verb or engine reason name).
[[nodiscard]] ScalarRecord run_value_scalar(RunValue v, double value, std::string_view part = {});

// True when the scalar (module, name) is one the tables name: a metric (module "metrics"), a
// run value's key, or one of a run value's parts (an engine reason checked against the reason
// table; a verb or statistic part only for being non-empty).
[[nodiscard]] bool is_named_scalar(std::string_view module, std::string_view name);

}  // namespace ptplab::reports
