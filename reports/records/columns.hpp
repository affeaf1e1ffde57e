// The table of report tables: for each per-run record type of records.hpp, the SQL table it is
// stored in and its columns in order (name, SQL type and constraints, whether digests hash it,
// and the binder: the member it is read from and written back to). reports/ derives the DDL,
// the INSERT statements, the row binders, the digest's and merge's column lists and the
// readers' SELECT lists from it (kRunColumns below does the same for the `run` table); the record buffer's
// and the writer's per-table storage come from RunRecords. reports/SCHEMA.md documents every column.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>

#include "reports/records/records.hpp"

namespace ptplab::reports {

// One stored value: NULL, INTEGER, REAL or TEXT (a view into the record it came from).
using Cell = std::variant<std::monostate, std::int64_t, double, std::string_view>;

// One column of a per-run table (run_id, the first column of every such table, is implicit).
template <class Record>
struct Column {
  std::string_view name;
  std::string_view sql_type;  // type and constraints as in the DDL: "TEXT NOT NULL", "REAL"
  bool in_digest;             // false: machine-dependent (wall clock), left out of digests
  Cell (*get)(const Record&);
  void (*set)(Record&, const Cell&);
};

namespace columns_detail {

template <class>
struct member_of;
template <class C, class T>
struct member_of<T C::*> {
  using record = C;
  using type = T;
};

template <class T>
Cell to_cell(const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string_view(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<double>(v);
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<std::int64_t>(v);
  } else {
    static_assert(std::is_same_v<T, std::optional<typename T::value_type>>, "unsupported column type");
    return v ? to_cell(*v) : Cell{};
  }
}

template <class T>
void from_cell(T& out, const Cell& c) {
  if constexpr (std::is_same_v<T, std::string>) {
    const auto* s = std::get_if<std::string_view>(&c);
    out = s != nullptr ? std::string(*s) : std::string();
  } else if constexpr (std::is_arithmetic_v<T>) {
    if (const auto* i = std::get_if<std::int64_t>(&c))
      out = static_cast<T>(*i);
    else if (const auto* d = std::get_if<double>(&c))
      out = static_cast<T>(*d);
    else
      out = T{};
  } else {
    if (std::holds_alternative<std::monostate>(c)) {
      out.reset();
    } else {
      typename T::value_type v{};
      from_cell(v, c);
      out = v;
    }
  }
}

template <auto Member>
Cell get(const typename member_of<decltype(Member)>::record& r) {
  return to_cell(r.*Member);
}
template <auto Member>
void set(typename member_of<decltype(Member)>::record& r, const Cell& c) {
  from_cell(r.*Member, c);
}

// Number of members of an aggregate (the largest N with R{any...N} well-formed).
struct Any {
  template <class T>
  operator T() const;  // NOLINT(google-explicit-constructor): unevaluated only
};
template <class R, class... A>
constexpr std::size_t member_count() {
  if constexpr (requires { R{A{}..., Any{}}; }) {
    return member_count<R, A..., Any>();
  } else {
    return sizeof...(A);
  }
}

}  // namespace columns_detail

// The column `name` of type `sql_type` bound to `Member` (e.g. &NodeRecord::region).
template <auto Member>
constexpr Column<typename columns_detail::member_of<decltype(Member)>::record> column(
    std::string_view name, std::string_view sql_type, bool in_digest = true) {
  return {name, sql_type, in_digest, &columns_detail::get<Member>, &columns_detail::set<Member>};
}

// The stored form of a record type: specialised below for every member of RunRecords.
template <class Record>
struct TableOf;

// How `run_id` is declared in a table, and the one index every per-run table has.
inline constexpr std::string_view kRunIdColumn = "run_id INTEGER NOT NULL REFERENCES run";

template <>
struct TableOf<ParamRecord> {
  static constexpr std::string_view name = "run_param";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "run_param_by_run ON run_param (run_id, name)";
  static constexpr auto columns = std::to_array({
      column<&ParamRecord::name>("name", "TEXT NOT NULL"),
      column<&ParamRecord::value>("value", "TEXT"),
  });
};

template <>
struct TableOf<ScalarRecord> {
  static constexpr std::string_view name = "scalar";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "scalar_by_run ON scalar (run_id, name)";
  static constexpr auto columns = std::to_array({
      column<&ScalarRecord::module>("module", "TEXT NOT NULL"),
      column<&ScalarRecord::name>("name", "TEXT NOT NULL"),
      column<&ScalarRecord::value>("value", "REAL"),
  });
};

template <>
struct TableOf<StatisticRecord> {
  static constexpr std::string_view name = "statistic";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "statistic_by_run ON statistic (run_id, name)";
  static constexpr auto columns = std::to_array({
      column<&StatisticRecord::name>("name", "TEXT NOT NULL"),
      column<&StatisticRecord::count>("count", "INTEGER"),
      column<&StatisticRecord::mean>("mean", "REAL"),
      column<&StatisticRecord::stddev>("stddev", "REAL"),
      column<&StatisticRecord::min>("min", "REAL"),
      column<&StatisticRecord::max>("max", "REAL"),
      column<&StatisticRecord::p50>("p50", "REAL"),
      column<&StatisticRecord::p90>("p90", "REAL"),
      column<&StatisticRecord::p99>("p99", "REAL"),
  });
};

template <>
struct TableOf<HistogramRecord> {
  static constexpr std::string_view name = "histogram";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "histogram_by_run ON histogram (run_id, name)";
  static constexpr auto columns = std::to_array({
      column<&HistogramRecord::name>("name", "TEXT NOT NULL"),
      column<&HistogramRecord::bin_lower>("bin_lower", "REAL"),
      column<&HistogramRecord::bin_upper>("bin_upper", "REAL"),
      column<&HistogramRecord::count>("count", "INTEGER"),
  });
};

template <>
struct TableOf<TimeseriesRecord> {
  static constexpr std::string_view name = "timeseries";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "timeseries_by_run ON timeseries (run_id, name, t_ns)";
  static constexpr auto columns = std::to_array({
      column<&TimeseriesRecord::name>("name", "TEXT NOT NULL"),
      column<&TimeseriesRecord::t_ns>("t_ns", "INTEGER"),
      column<&TimeseriesRecord::value>("value", "REAL"),
  });
};

template <>
struct TableOf<NodeRecord> {
  static constexpr std::string_view name = "node";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "node_by_run ON node (run_id, node)";
  static constexpr auto columns = std::to_array({
      column<&NodeRecord::node>("node", "INTEGER NOT NULL"),
      column<&NodeRecord::node_id>("node_id", "TEXT"),
      column<&NodeRecord::group_name>("group_name", "TEXT"),
      column<&NodeRecord::role>("role", "TEXT"),
      column<&NodeRecord::nat_type>("nat_type", "TEXT"),
      column<&NodeRecord::region>("region", "TEXT"),
      column<&NodeRecord::attack_target>("attack_target", "INTEGER"),
      column<&NodeRecord::joined_ns>("joined_ns", "INTEGER"),
      column<&NodeRecord::left_ns>("left_ns", "INTEGER"),
      column<&NodeRecord::peers_at_end>("peers_at_end", "INTEGER"),
      column<&NodeRecord::datagrams_out>("datagrams_out", "INTEGER"),
      column<&NodeRecord::bytes_out>("bytes_out", "INTEGER"),
      column<&NodeRecord::datagrams_in>("datagrams_in", "INTEGER"),
      column<&NodeRecord::bytes_in>("bytes_in", "INTEGER"),
      column<&NodeRecord::bytes_induced>("bytes_induced", "INTEGER"),
      column<&NodeRecord::messages_intended>("messages_intended", "INTEGER"),
      column<&NodeRecord::deliveries>("deliveries", "INTEGER"),
      column<&NodeRecord::duplicates>("duplicates", "INTEGER"),
  });
};

template <>
struct TableOf<MessageRecord> {
  static constexpr std::string_view name = "message";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "message_by_run ON message (run_id, msg_id)";
  static constexpr auto columns = std::to_array({
      column<&MessageRecord::msg_id>("msg_id", "TEXT NOT NULL"),
      column<&MessageRecord::origin>("origin", "INTEGER"),
      column<&MessageRecord::channel>("channel", "TEXT"),
      column<&MessageRecord::sent_ns>("sent_ns", "INTEGER"),
      column<&MessageRecord::size_bytes>("size_bytes", "INTEGER"),
      column<&MessageRecord::intended_recipients>("intended_recipients", "INTEGER"),
      column<&MessageRecord::joined_recipients>("joined_recipients", "INTEGER"),
      column<&MessageRecord::during_attack>("during_attack", "INTEGER"),
  });
};

template <>
struct TableOf<DeliveryRecord> {
  static constexpr std::string_view name = "delivery";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "delivery_by_run ON delivery (run_id, msg_id)";
  static constexpr auto columns = std::to_array({
      column<&DeliveryRecord::msg_id>("msg_id", "TEXT NOT NULL"),
      column<&DeliveryRecord::node>("node", "INTEGER"),
      column<&DeliveryRecord::delivered_ns>("delivered_ns", "INTEGER"),
      column<&DeliveryRecord::latency_ns>("latency_ns", "INTEGER"),
      column<&DeliveryRecord::hops>("hops", "INTEGER"),
      column<&DeliveryRecord::intended>("intended", "INTEGER"),
      column<&DeliveryRecord::joined>("joined", "INTEGER"),
  });
};

template <>
struct TableOf<MembershipRecord> {
  static constexpr std::string_view name = "membership";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "membership_by_run ON membership (run_id, channel, node)";
  static constexpr auto columns = std::to_array({
      column<&MembershipRecord::channel>("channel", "TEXT NOT NULL"),
      column<&MembershipRecord::node>("node", "INTEGER"),
      column<&MembershipRecord::intended_ns>("intended_ns", "INTEGER"),
      column<&MembershipRecord::joined_ns>("joined_ns", "INTEGER"),
      column<&MembershipRecord::left_ns>("left_ns", "INTEGER"),
  });
};

template <>
struct TableOf<CollisionRecord> {
  static constexpr std::string_view name = "collision";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "collision_by_run ON collision (run_id, kind)";
  static constexpr auto columns = std::to_array({
      column<&CollisionRecord::kind>("kind", "TEXT NOT NULL"),
      column<&CollisionRecord::id>("id", "TEXT"),
      column<&CollisionRecord::count>("count", "INTEGER"),
      column<&CollisionRecord::messages_wrongly_suppressed>("messages_wrongly_suppressed", "INTEGER"),
      column<&CollisionRecord::messages_misrouted>("messages_misrouted", "INTEGER"),
  });
};

template <>
struct TableOf<NatAttemptRecord> {
  static constexpr std::string_view name = "nat_attempt";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "nat_attempt_by_run ON nat_attempt (run_id, nat_a, nat_b)";
  static constexpr auto columns = std::to_array({
      column<&NatAttemptRecord::nat_a>("nat_a", "TEXT"),
      column<&NatAttemptRecord::nat_b>("nat_b", "TEXT"),
      column<&NatAttemptRecord::started_ns>("started_ns", "INTEGER"),
      column<&NatAttemptRecord::succeeded>("succeeded", "INTEGER"),
      column<&NatAttemptRecord::time_to_connect_ns>("time_to_connect_ns", "INTEGER"),
      column<&NatAttemptRecord::failure_reason>("failure_reason", "TEXT"),
  });
};

template <>
struct TableOf<TrafficRecord> {
  static constexpr std::string_view name = "traffic";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "traffic_by_run ON traffic (run_id, verb)";
  static constexpr auto columns = std::to_array({
      column<&TrafficRecord::bucket_start_ns>("bucket_start_ns", "INTEGER"),
      column<&TrafficRecord::verb>("verb", "TEXT"),
      column<&TrafficRecord::datagrams_sent>("datagrams_sent", "INTEGER"),
      column<&TrafficRecord::bytes_sent>("bytes_sent", "INTEGER"),
      column<&TrafficRecord::datagrams_dropped>("datagrams_dropped", "INTEGER"),
      column<&TrafficRecord::bytes_dropped>("bytes_dropped", "INTEGER"),
      column<&TrafficRecord::drop_reason>("drop_reason", "TEXT"),
  });
};

template <>
struct TableOf<ExpectationRecord> {
  static constexpr std::string_view name = "expectation";
  static constexpr std::string_view run_id = kRunIdColumn;
  static constexpr std::string_view index = "expectation_by_run ON expectation (run_id)";
  static constexpr auto columns = std::to_array({
      column<&ExpectationRecord::metric>("metric", "TEXT NOT NULL"),
      column<&ExpectationRecord::op>("operator", "TEXT"),
      column<&ExpectationRecord::expected>("expected", "REAL"),
      column<&ExpectationRecord::tolerance>("tolerance", "REAL"),
      column<&ExpectationRecord::actual>("actual", "REAL"),
      column<&ExpectationRecord::passed>("passed", "INTEGER"),
  });
};

template <>
struct TableOf<ConformanceRecord> {
  static constexpr std::string_view name = "conformance_result";
  static constexpr std::string_view run_id = "run_id INTEGER REFERENCES run";  // NULL for suites
  static constexpr std::string_view index = "conformance_by_suite ON conformance_result (suite, case_id)";
  static constexpr auto columns = std::to_array({
      column<&ConformanceRecord::suite>("suite", "TEXT"),
      column<&ConformanceRecord::case_id>("case_id", "TEXT"),
      column<&ConformanceRecord::section>("section", "TEXT"),
      column<&ConformanceRecord::level>("level", "TEXT"),
      column<&ConformanceRecord::result>("result", "TEXT"),
      column<&ConformanceRecord::evidence>("evidence", "TEXT"),
      column<&ConformanceRecord::duration_seconds>("duration_seconds", "REAL", /*in_digest=*/false),
  });
};

// When the writer stores a column of `run`: its key (assigned by SQLite), at begin_run (from
// RunInfo), at finish_run (from RunEnd), or at both (status: "running", then how the run ended);
// kSweep: not the run's writer but `ptplab sweep`, when it merges the run (reports/sweep_shards.hpp,
// stamp_sweep_run).
enum class RunWrite : std::uint8_t { kKey, kBegin, kEnd, kBoth, kSweep };

// One column of `run`: a Column of RunRow, when it is written, and whether the tidy export
// (reports/export, one row per run) carries it.
struct RunColumn : Column<RunRow> {
  RunWrite write;
  bool in_export;
};

// The column `name` of `run` bound to `Member` (e.g. &RunRow::seed).
template <auto Member>
constexpr RunColumn run_column(std::string_view name, std::string_view sql_type, RunWrite write,
                               bool in_export, bool in_digest = true) {
  return {column<Member>(name, sql_type, in_digest), write, in_export};
}

// The run table, in DDL order: reports/schema.cpp makes its DDL and the digest's and merge's
// column lists from it, reports/writer.cpp its INSERT and UPDATE, reports/reader.cpp its SELECT
// and reports/export the tidy table's run columns. Not in the digest: wall clock, machine, build.
inline constexpr auto kRunColumns = std::to_array<RunColumn>({
    run_column<&RunRow::run_id>("run_id", "INTEGER PRIMARY KEY", RunWrite::kKey, true),
    run_column<&RunRow::scenario>("scenario", "TEXT NOT NULL", RunWrite::kBegin, true),
    run_column<&RunRow::scenario_text>("scenario_text", "TEXT NOT NULL", RunWrite::kBegin, false),
    run_column<&RunRow::seed>("seed", "INTEGER NOT NULL", RunWrite::kBegin, true),
    run_column<&RunRow::version>("version", "TEXT NOT NULL", RunWrite::kBegin, false, false),
    run_column<&RunRow::started>("started", "TEXT NOT NULL", RunWrite::kBegin, false, false),
    run_column<&RunRow::finished>("finished", "TEXT", RunWrite::kEnd, false, false),
    run_column<&RunRow::wall_seconds>("wall_seconds", "REAL", RunWrite::kEnd, true, false),
    run_column<&RunRow::simulated_seconds>("simulated_seconds", "REAL", RunWrite::kEnd, true),
    run_column<&RunRow::events>("events", "INTEGER", RunWrite::kEnd, true),
    run_column<&RunRow::peak_rss_bytes>("peak_rss_bytes", "INTEGER", RunWrite::kEnd, false, false),
    run_column<&RunRow::status>("status", "TEXT NOT NULL", RunWrite::kBoth, true),
    run_column<&RunRow::sweep_point>("sweep_point", "TEXT NOT NULL", RunWrite::kBegin, true),
    // Which sweep and shard (reports/sweep_shards.hpp): out of the digest, so that a shard's
    // runs hash as the unsharded sweep's and a merged report's digest is `sweep -j 1`'s.
    run_column<&RunRow::sweep_plan>("sweep_plan", "TEXT NOT NULL DEFAULT ''", RunWrite::kSweep, false, false),
    run_column<&RunRow::sweep_index>("sweep_index", "INTEGER", RunWrite::kSweep, false, false),
    run_column<&RunRow::sweep_runs>("sweep_runs", "INTEGER", RunWrite::kSweep, false, false),
    run_column<&RunRow::sweep_shard>("sweep_shard", "TEXT NOT NULL DEFAULT ''", RunWrite::kSweep, false,
                                     false),
});

// The number of kRunColumns written at `a` or `b`.
constexpr std::size_t run_columns_written(RunWrite a, RunWrite b) {
  std::size_t n = 0;
  for (const auto& c : kRunColumns) n += (c.write == a || c.write == b) ? 1 : 0;
  return n;
}

static_assert(kRunColumns.size() == columns_detail::member_count<RunRow>(),
              "RunRow and kRunColumns disagree on the number of fields");
// begin_run writes every RunInfo field plus the status "running"; finish_run every RunEnd field.
static_assert(run_columns_written(RunWrite::kBegin, RunWrite::kBoth) ==
                  columns_detail::member_count<RunInfo>() + 1,
              "a RunInfo field without its kRunColumns row (or the reverse)");
static_assert(run_columns_written(RunWrite::kEnd, RunWrite::kBoth) == columns_detail::member_count<RunEnd>(),
              "a RunEnd field without its kRunColumns row (or the reverse)");

// Every member of a record is a column, and no column is missing from a record.
template <class Record>
constexpr bool kColumnsCoverRecord =
    TableOf<Record>::columns.size() == columns_detail::member_count<Record>();
template <class... R>
constexpr bool all_covered(std::tuple<R...>*) {
  return (kColumnsCoverRecord<R> && ...);
}
static_assert(all_covered(static_cast<RunRecords*>(nullptr)),
              "a record struct and its TableOf<> columns disagree on the number of fields");

// `F` applied to a value-initialised pointer to every record type, in RunRecords order.
template <class F>
constexpr void for_each_record_type(F&& f) {
  [&]<class... R>(std::tuple<R...>*) {
    (f(static_cast<R*>(nullptr)), ...);
  }(static_cast<RunRecords*>(nullptr));
}

}  // namespace ptplab::reports
