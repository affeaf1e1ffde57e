// ReportReader: one query per summary section, each bound to the run id.
#include "reports/reader.hpp"

#include <functional>

#include "reports/records/columns.hpp"
#include "reports/records/metrics.hpp"
#include "reports/report_file.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports {
namespace {

std::uint64_t u64(const Statement& s, int col) { return static_cast<std::uint64_t>(s.int64(col)); }

// "SELECT a, b, ... FROM t WHERE run_id = ?1 ORDER BY `order`": every column of a record's table.
template <class Record>
std::string select_sql(std::string_view order) {
  std::string cols;
  for (const auto& c : TableOf<Record>::columns) cols += (cols.empty() ? "" : ", ") + std::string(c.name);
  return "SELECT " + cols + " FROM " + std::string(TableOf<Record>::name) + " WHERE run_id = ?1 ORDER BY " +
         std::string(order);
}

// The record of a row selecting `columns` in order (NULL reads as the member's empty value).
template <class Record, class Columns>
Record read_columns(const Statement& s, const Columns& columns) {
  Record r{};
  int i = 0;
  for (const Column<Record>& c : columns) {
    const int col = i++;
    if (s.is_null(col)) {
      c.set(r, Cell{});
    } else if (c.sql_type.starts_with("INTEGER")) {
      c.set(r, Cell{s.int64(col)});
    } else if (c.sql_type.starts_with("REAL")) {
      c.set(r, Cell{s.real(col)});
    } else {
      const std::string text = s.text(col);
      c.set(r, Cell{std::string_view(text)});
    }
  }
  return r;
}

// The record of a row of select_sql<Record>().
template <class Record>
Record read_record(const Statement& s) {
  return read_columns<Record>(s, TableOf<Record>::columns);
}

// "SELECT run_id, scenario, ... FROM run": every column of kRunColumns, in order.
const std::string& run_select() {
  static const std::string sql = [] {
    std::string cols;
    for (const auto& c : kRunColumns) cols += (cols.empty() ? "" : ", ") + std::string(c.name);
    return "SELECT " + cols + " FROM run";
  }();
  return sql;
}

RunRow read_run(const Statement& s) { return read_columns<RunRow>(s, kRunColumns); }

// Median time to connect in ms of one NAT pair's successful attempts (?2, ?3).
constexpr std::string_view kConnectMedian = PTPLAB_NEAREST_RANK(
    "time_to_connect_ns", "FROM nat_attempt WHERE run_id = ?1 AND nat_a = ?2 AND nat_b = ?3 AND succeeded",
    "0.5");

// Nearest-rank percentile ?3 of the latency in ms of first deliveries to intended recipients in
// group ?2.
constexpr std::string_view kGroupLatency =
    PTPLAB_NEAREST_RANK("d.latency_ns",
                        "FROM delivery d JOIN node n ON n.run_id = d.run_id AND n.node = d.node "
                        "WHERE d.run_id = ?1 AND d.intended AND n.group_name = ?2",
                        "?3");

}  // namespace

struct ReportReader::Impl {
  Database db;

  // Runs `sql` with run bound to ?1, calling row() per result row.
  Status each(std::string_view sql, RunId run, const std::function<void(const Statement&)>& row) {
    auto stmt = db.prepare(sql);
    if (!stmt) return Unexpected(stmt.error());
    stmt->bind(1, std::int64_t{run});
    while (stmt->step()) row(*stmt);
    if (!stmt->error().empty()) return Unexpected(stmt->error());
    return std::monostate{};
  }

  // The value of the metric table's SQL for `metric` (reports/records/metrics.cpp) in `run`.
  Expected<std::optional<double>, std::string> metric(RunId run, Metric which) {
    auto stmt = db.prepare(metric_def(which).sql);
    if (!stmt) return Unexpected(stmt.error());
    stmt->bind(1, std::int64_t{run});
    std::optional<double> out;
    if (stmt->step() && !stmt->is_null(0)) out = stmt->real(0);
    if (!stmt->error().empty()) return Unexpected(stmt->error());
    return out;
  }

  Status groups(RunId run, std::vector<GroupTotals>& out) {
    Status s = each(
        "SELECT group_name, count(*), count(joined_ns), sum(messages_intended), sum(deliveries) FROM node "
        "WHERE run_id = ?1 AND role <> 'attacker' GROUP BY group_name ORDER BY min(node)",
        run, [&](const Statement& r) {
          GroupTotals g{r.text(0), u64(r, 1), u64(r, 2), u64(r, 3), u64(r, 4), {}, {}, {}};
          if (g.intended > 0)
            g.delivery_ratio = static_cast<double>(g.delivered) / static_cast<double>(g.intended);
          out.push_back(std::move(g));
        });
    for (auto& g : out) {
      for (auto [p, value] : {std::pair{0.5, &g.latency_p50_ms}, std::pair{0.99, &g.latency_p99_ms}}) {
        if (!s) return s;
        auto stmt = db.prepare(kGroupLatency);
        if (!stmt) return Unexpected(stmt.error());
        stmt->bind(1, std::int64_t{run});
        stmt->bind(2, g.group_name);
        stmt->bind(3, p);
        if (stmt->step()) *value = stmt->real(0);
        if (!stmt->error().empty()) s = Unexpected(stmt->error());
      }
    }
    return s;
  }

  Status delivery(RunId run, DeliveryTotals& d) {
    Status s = each("SELECT count(*), coalesce(sum(intended_recipients), 0) FROM message WHERE run_id = ?1",
                    run, [&](const Statement& r) { d.messages = u64(r, 0), d.intended = u64(r, 1); });
    if (!s) return s;
    s = each(
        "SELECT count(*) FROM (SELECT DISTINCT msg_id, node FROM delivery WHERE run_id = ?1 AND intended)",
        run, [&](const Statement& r) { d.delivered = u64(r, 0); });
    if (!s) return s;
    if (d.intended > 0) d.ratio = static_cast<double>(d.delivered) / static_cast<double>(d.intended);
    for (auto [which, out] : {std::pair{Metric::kLatencyP50Ms, &d.latency_p50_ms},
                              std::pair{Metric::kLatencyP90Ms, &d.latency_p90_ms},
                              std::pair{Metric::kLatencyP99Ms, &d.latency_p99_ms},
                              std::pair{Metric::kLatencyMaxMs, &d.latency_max_ms}}) {
      auto v = metric(run, which);
      if (!v) return Unexpected(v.error());
      *out = *v;
    }
    return std::monostate{};
  }
};

ReportReader::ReportReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReportReader::ReportReader(ReportReader&&) noexcept = default;
ReportReader& ReportReader::operator=(ReportReader&&) noexcept = default;
ReportReader::~ReportReader() = default;

Expected<ReportReader, std::string> ReportReader::open(const std::string& path) {
  auto db = open_report_file(path);
  if (!db) return Unexpected(db.error());
  return ReportReader(std::make_unique<Impl>(Impl{std::move(*db)}));
}

Expected<std::vector<RunRow>, std::string> ReportReader::list_runs() {
  auto stmt = impl_->db.prepare(run_select() + " ORDER BY run_id");
  if (!stmt) return Unexpected(stmt.error());
  std::vector<RunRow> runs;
  while (stmt->step()) runs.push_back(read_run(*stmt));
  if (!stmt->error().empty()) return Unexpected(stmt->error());
  return runs;
}

Expected<RunSummary, std::string> ReportReader::load_summary(RunId run) {
  RunSummary out;
  bool found = false;
  auto& db = *impl_;
  Status s = db.each(run_select() + " WHERE run_id = ?1", run, [&](const Statement& r) {
    out.run = read_run(r);
    found = true;
  });
  if (s && !found) return Unexpected("no run " + std::to_string(run) + " in this report");
  if (s) {
    s = db.each(select_sql<ParamRecord>("rowid"), run,
                [&](const Statement& r) { out.params.push_back(read_record<ParamRecord>(r)); });
  }
  if (s) {
    s = db.each(select_sql<ScalarRecord>("module, name"), run,
                [&](const Statement& r) { out.scalars.push_back(read_record<ScalarRecord>(r)); });
  }
  if (s) {
    s = db.each(select_sql<StatisticRecord>("name"), run,
                [&](const Statement& r) { out.statistics.push_back(read_record<StatisticRecord>(r)); });
  }
  if (s) {
    s = db.each(select_sql<ExpectationRecord>("rowid"), run,
                [&](const Statement& r) { out.expectations.push_back(read_record<ExpectationRecord>(r)); });
  }
  if (s) {
    s = db.each(
        "SELECT verb, sum(datagrams_sent), sum(bytes_sent), sum(datagrams_dropped), sum(bytes_dropped) "
        "FROM traffic WHERE run_id = ?1 GROUP BY verb ORDER BY sum(bytes_sent) DESC, verb",
        run, [&](const Statement& r) {
          out.traffic.push_back({r.text(0), u64(r, 1), u64(r, 2), u64(r, 3), u64(r, 4)});
        });
  }
  if (s) {
    s = db.each(
        "SELECT drop_reason, sum(datagrams_dropped), sum(bytes_dropped) FROM traffic "
        "WHERE run_id = ?1 AND datagrams_dropped > 0 GROUP BY drop_reason ORDER BY sum(datagrams_dropped) "
        "DESC, "
        "drop_reason",
        run, [&](const Statement& r) {
          out.drops.push_back({r.text(0), u64(r, 1), u64(r, 2)});
        });
  }
  if (s) {
    s = db.each(
        "SELECT kind, count(*), sum(count), sum(messages_wrongly_suppressed), sum(messages_misrouted) "
        "FROM collision WHERE run_id = ?1 GROUP BY kind ORDER BY kind",
        run, [&](const Statement& r) {
          out.collisions.push_back({r.text(0), u64(r, 1), u64(r, 2), u64(r, 3), u64(r, 4)});
        });
  }
  if (s) {
    s = db.each(
        "SELECT nat_a, nat_b, count(*), sum(succeeded) FROM nat_attempt WHERE run_id = ?1 "
        "GROUP BY nat_a, nat_b ORDER BY nat_a, nat_b",
        run, [&](const Statement& r) {
          out.nat.push_back({r.text(0), r.text(1), u64(r, 2), u64(r, 3), {}});
        });
  }
  for (auto& pair : out.nat) {
    if (!s) break;
    auto stmt = db.db.prepare(kConnectMedian);
    if (!stmt) return Unexpected(stmt.error());
    stmt->bind(1, std::int64_t{run});
    stmt->bind(2, pair.nat_a);
    stmt->bind(3, pair.nat_b);
    if (stmt->step()) pair.time_to_connect_p50_ms = stmt->real(0);
    if (!stmt->error().empty()) s = Unexpected(stmt->error());
  }
  if (s) s = db.delivery(run, out.delivery);
  if (s) s = db.groups(run, out.groups);
  if (!s) return Unexpected(s.error());
  return out;
}

}  // namespace ptplab::reports
