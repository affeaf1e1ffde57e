// Plain records for the report tables (one struct per table, see reports/SCHEMA.md). The
// runner fills them from simulator observations; reports/ knows nothing else about ptplab.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace ptplab::reports {

// Nanoseconds of simulated time (the same unit as ptplab::TimeNs, without depending on engine/).
using Nanoseconds = std::int64_t;

// How a run ended; a run still being written reads `running`. kInterrupted: stopped by
// SIGINT/SIGTERM; kTimedOut: stopped at its wall-time limit (`ptplab run --timeout`).
enum class RunStatus : std::uint8_t { kRunning, kComplete, kInterrupted, kFailed, kTimedOut };

// Stable lower-case name stored in run.status ("running", "complete", "interrupted", "failed",
// "timed_out").
[[nodiscard]] std::string_view run_status_name(RunStatus status);
// The status named `name`, or nullopt.
[[nodiscard]] std::optional<RunStatus> parse_run_status(std::string_view name);

// What is known when a run starts: the `run` row before it has results.
struct RunInfo {
  std::string scenario_name;
  std::string scenario_text;  // the effective scenario document (JSON) the run executed
  std::uint64_t seed = 0;
  std::string version;      // ptplab version that ran it
  std::string started;      // wall clock, ISO 8601 UTC ("2026-11-25T17:20:04Z"); not in the digest
  std::string sweep_point;  // sweep label ("/nodes/0/params/gossip_fanout=4 seed=2"), "" if none
};

// What is known when a run ends: completes the `run` row.
struct RunEnd {
  RunStatus status = RunStatus::kComplete;
  std::string finished;              // wall clock, ISO 8601 UTC; not in the digest
  double wall_seconds = 0;           // not in the digest
  double simulated_seconds = 0;      // simulated time reached
  std::uint64_t events = 0;          // simulator events executed
  std::uint64_t peak_rss_bytes = 0;  // not in the digest
};

// One row of `run`: what RunInfo and RunEnd wrote, read back (a NULL column reads as the
// member's empty value: a run still "running" has finished "" and events 0). Its columns are
// kRunColumns in reports/records/columns.hpp.
struct RunRow {
  std::int64_t run_id = 0;  // RunId: 1, 2, ... in the order runs were written
  std::string scenario;
  std::string scenario_text;
  std::uint64_t seed = 0;
  std::string version;
  std::string started;
  std::string finished;
  double wall_seconds = 0;
  double simulated_seconds = 0;
  std::uint64_t events = 0;
  std::uint64_t peak_rss_bytes = 0;
  std::string status;  // run_status_name()
  std::string sweep_point;
  // Which sweep and shard the run belongs to, stamped by `ptplab sweep` when it merges the run
  // (RunWrite::kSweep; "" and nullopt for runs of `ptplab run` and `suite`): the digest of the
  // sweep plan (sweep_plan_digest), the run's index in sweep order (from 0) of how many runs
  // the whole sweep has, and the shard ("I/N"; "0/1" without --shard). Not in the digest.
  std::string sweep_plan;
  std::optional<std::int64_t> sweep_index;
  std::optional<std::int64_t> sweep_runs;
  std::string sweep_shard;
};

// One flattened effective parameter (name is a JSON pointer, value its JSON text).
struct ParamRecord {
  std::string name;
  std::string value;
};

// One named number (module groups them: "metrics" for the metric table's values, "sim", ...).
struct ScalarRecord {
  std::string module;
  std::string name;
  double value = 0;
};

// Summary statistics of one sample (e.g. latency_ms over all deliveries).
struct StatisticRecord {
  std::string name;
  std::uint64_t count = 0;
  double mean = 0, stddev = 0, min = 0, max = 0, p50 = 0, p90 = 0, p99 = 0;
};

// One histogram bin [bin_lower, bin_upper).
struct HistogramRecord {
  std::string name;
  double bin_lower = 0;
  double bin_upper = 0;
  std::uint64_t count = 0;
};

// One point of a time series.
struct TimeseriesRecord {
  std::string name;
  Nanoseconds t_ns = 0;
  double value = 0;
};

// The NAT type names the records hold (NodeRecord::nat_type, NatAttemptRecord::nat_a/nat_b), from
// the most open to the strictest: the names of sim::kNatTypes (sim/nat_config.hpp), in its order.
// reports may not include sim (DESIGN.md arrows), so the records, which scenarios fill from
// sim::NatType, carry the list; readers order by it.
inline constexpr std::array<std::string_view, 5> kNatTypeNames = {"public", "full_cone", "restricted",
                                                                  "port_restricted", "symmetric"};

// A node of the run and what it did (node = host index): lets SQL group by group, role, NAT type
// or region, and answer "how many nodes could talk" in one query. Counts are over the whole run.
struct NodeRecord {
  std::int64_t node = 0;  // host index in the simulation (groups in file order, then attackers)
  std::string node_id;    // protocol node_id ("" if not known yet)
  std::string group_name;
  std::string role;                                // "client" | "server" | "attacker"
  std::string nat_type;                            // one of kNatTypeNames
  std::string region;                              // "" if the scenario has no regions
  bool attack_target = false;                      // an attacker aimed at it (victim_datagrams_received)
  std::optional<Nanoseconds> joined_ns{};          // first time its node joined a channel; NULL: never
  std::optional<Nanoseconds> left_ns{};            // its host went down and stayed down; NULL: up at the end
  std::optional<std::uint64_t> peers_at_end{};     // its engine's peer table at the end (0 if down);
                                                   // NULL for attackers (no engine)
  std::uint64_t datagrams_out = 0, bytes_out = 0;  // sent by the host (dropped on the way or not)
  std::uint64_t datagrams_in = 0, bytes_in = 0;    // handed to the host by the network
  std::uint64_t bytes_induced = 0;      // of bytes_out, sent to an address an attacker had shown it
  std::uint64_t messages_intended = 0;  // (message, node) pairs with this node an intended recipient
  std::uint64_t deliveries = 0;         // of those, first deliveries
  std::uint64_t duplicates = 0;         // MESSAGE copies it received after the first
};

// A MESSAGE a node originated (record = full).
struct MessageRecord {
  std::string msg_id;
  std::int64_t origin = 0;  // host index of the sender
  std::string channel;
  Nanoseconds sent_ns = 0;
  std::uint64_t size_bytes = 0;
  std::uint64_t intended_recipients = 0;  // intended members (up) when it was sent, sender excluded
  std::uint64_t joined_recipients = 0;    // of those, the members that had joined by then
  bool during_attack = false;             // sent while an attacker's window was open
};

// A first delivery of a MESSAGE to a node (record = full).
struct DeliveryRecord {
  std::string msg_id;
  std::int64_t node = 0;  // host index of the receiver
  Nanoseconds delivered_ns = 0;
  Nanoseconds latency_ns = 0;  // delivered_ns - sent_ns of the message
  std::uint32_t hops = 0;
  bool intended = true;  // the receiver was an intended member (up) when the message was sent
  bool joined = true;    // ... and its node had joined the channel by then
};

// One membership of a channel the scenario asked for: the host was made a member (picked as
// the channel's creator or a joiner) at intended_ns, whether or not its node managed to join.
// It ends when the scenario makes the host leave or the host goes down (its state is lost).
struct MembershipRecord {
  std::string channel;
  std::int64_t node = 0;  // host index
  Nanoseconds intended_ns = 0;
  std::optional<Nanoseconds> joined_ns;  // NULL: its node never joined during this membership
  std::optional<Nanoseconds> left_ns;    // NULL: still a member at the end of the run
};

// Delivery and latency of one group's members as recipients (the summaries' per-group table; not a
// table of its own: reports/ computes it from `node` and `delivery`, the runner from its counters).
struct GroupTotals {
  std::string group_name;
  std::uint64_t nodes = 0;
  std::uint64_t nodes_joined = 0;        // nodes whose node joined a channel
  std::uint64_t intended = 0;            // (message, recipient) pairs with a recipient of the group
  std::uint64_t delivered = 0;           // first deliveries of those
  std::optional<double> delivery_ratio;  // delivered / intended
  std::optional<double> latency_p50_ms, latency_p99_ms;  // nearest-rank, over those deliveries
};

// An identifier shared by distinct nodes (kind "node_id") or messages (kind "msg_id").
struct CollisionRecord {
  std::string kind;  // "node_id" | "msg_id"
  std::string id;
  std::uint64_t count = 0;  // distinct holders of the id
  std::uint64_t messages_wrongly_suppressed = 0;
  std::uint64_t messages_misrouted = 0;
};

// One CONNECT rendezvous attempt between two NATed (or public) nodes.
struct NatAttemptRecord {
  std::string nat_a;  // NAT type of the initiator (A)
  std::string nat_b;  // NAT type of the target (B)
  Nanoseconds started_ns = 0;
  bool succeeded = false;
  std::optional<Nanoseconds> time_to_connect_ns;  // NULL when it failed
  // NULL when it succeeded; else why it failed: "rate_limited" (the rendezvous' CONNECT rate),
  // "connect_target_unknown", another refusal of a CONNECT ("not_a_peer", "too_many_attempts",
  // ...), "nat_filter" (a NAT filtered A's or B's datagrams while it was open), "timeout"
  // (nothing else seen), "unfinished" (still open at the end of the run).
  std::optional<std::string> failure_reason{};
};

// Datagrams of one verb in one time bucket. Sent counts and drops may be split over rows (one
// row per drop reason, "" for none): the meaning is always the sum over rows.
struct TrafficRecord {
  Nanoseconds bucket_start_ns = 0;
  std::string verb;  // "HELLO", "MESSAGE", ..., "invalid" for undecodable datagrams
  std::uint64_t datagrams_sent = 0;
  std::uint64_t bytes_sent = 0;
  std::uint64_t datagrams_dropped = 0;
  std::uint64_t bytes_dropped = 0;
  std::string drop_reason;  // "" when this row counts no drops
};

// One checked expectation of the scenario.
struct ExpectationRecord {
  std::string metric;
  std::string op;  // "<", "<=", ">", ">=", "==", "!="
  double expected = 0;
  double tolerance = 0;
  std::optional<double> actual;  // NULL when the metric could not be computed
  bool passed = false;
};

// One conformance case result (run_id is NULL for conformance suites; `suite` names them).
struct ConformanceRecord {
  std::string suite;  // e.g. the target "127.0.0.1:9000"
  std::string case_id;
  std::string section;
  std::string level;   // "MUST" | "SHOULD" | "MAY"
  std::string result;  // "pass" | "fail" | "skip"
  std::string evidence;
  double duration_seconds = 0;  // machine-dependent: not in the digest
};

// Every per-run record type, in the report tables' fixed order (conformance_result last: its
// run_id may be NULL). The sink's add() overloads, the record buffer, the writer's per-table
// storage and the table of columns (columns.hpp) are all made from this list.
using RunRecords = std::tuple<ParamRecord, ScalarRecord, StatisticRecord, HistogramRecord, TimeseriesRecord,
                              NodeRecord, MessageRecord, DeliveryRecord, MembershipRecord, CollisionRecord,
                              NatAttemptRecord, TrafficRecord, ExpectationRecord, ConformanceRecord>;

// Outer<T<R>...> over the record types R of RunRecords: ForEachRecord<std::vector> is
// std::tuple<std::vector<ParamRecord>, ...>; ForEachRecord<P, std::variant> a variant.
// (T is variadic so that std::vector, whose allocator parameter has a default, binds to it
// without P0522's relaxed matching, which clang 14 leaves off.)
template <template <class...> class T, template <class...> class Outer, class Tuple>
struct ForEachRecordT;
template <template <class...> class T, template <class...> class Outer, class... R>
struct ForEachRecordT<T, Outer, std::tuple<R...>> {
  using type = Outer<T<R>...>;
};
template <template <class...> class T, template <class...> class Outer = std::tuple>
using ForEachRecord = typename ForEachRecordT<T, Outer, RunRecords>::type;

}  // namespace ptplab::reports
