// ReportWriter: rows are buffered per table and written by flush() inside one transaction with
// cached prepared statements; a failed batch is rolled back and its error kept for the caller.
#include "reports/writer.hpp"

#include <cstdio>
#include <vector>

#include "reports/schema.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports {
namespace {

std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(v); }

// Binds one record's columns after run_id (parameter 1).
void bind_row(Statement& s, const ParamRecord& r) {
  s.bind(2, r.name);
  s.bind(3, r.value);
}
void bind_row(Statement& s, const ScalarRecord& r) {
  s.bind(2, r.module);
  s.bind(3, r.name);
  s.bind(4, r.value);
}
void bind_row(Statement& s, const StatisticRecord& r) {
  s.bind(2, r.name);
  s.bind(3, i64(r.count));
  int i = 4;
  for (const double v : {r.mean, r.stddev, r.min, r.max, r.p50, r.p90, r.p99}) s.bind(i++, v);
}
void bind_row(Statement& s, const HistogramRecord& r) {
  s.bind(2, r.name);
  s.bind(3, r.bin_lower);
  s.bind(4, r.bin_upper);
  s.bind(5, i64(r.count));
}
void bind_row(Statement& s, const TimeseriesRecord& r) {
  s.bind(2, r.name);
  s.bind(3, std::int64_t{r.t_ns});
  s.bind(4, r.value);
}
void bind_row(Statement& s, const NodeRecord& r) {
  s.bind(2, std::int64_t{r.node});
  s.bind(3, r.node_id);
  s.bind(4, r.group_name);
  s.bind(5, r.role);
  s.bind(6, r.nat_type);
  s.bind(7, r.region);
}
void bind_row(Statement& s, const MessageRecord& r) {
  s.bind(2, r.msg_id);
  s.bind(3, std::int64_t{r.origin});
  s.bind(4, r.channel);
  s.bind(5, std::int64_t{r.sent_ns});
  s.bind(6, i64(r.size_bytes));
  s.bind(7, i64(r.intended_recipients));
}
void bind_row(Statement& s, const DeliveryRecord& r) {
  s.bind(2, r.msg_id);
  s.bind(3, std::int64_t{r.node});
  s.bind(4, std::int64_t{r.delivered_ns});
  s.bind(5, std::int64_t{r.latency_ns});
  s.bind(6, std::int64_t{r.hops});
  s.bind(7, std::int64_t{r.intended});
}
void bind_row(Statement& s, const CollisionRecord& r) {
  s.bind(2, r.kind);
  s.bind(3, r.id);
  s.bind(4, i64(r.count));
  s.bind(5, i64(r.messages_wrongly_suppressed));
  s.bind(6, i64(r.messages_misrouted));
}
void bind_row(Statement& s, const NatAttemptRecord& r) {
  s.bind(2, r.nat_a);
  s.bind(3, r.nat_b);
  s.bind(4, std::int64_t{r.started_ns});
  s.bind(5, std::int64_t{r.succeeded});
  s.bind(6, r.time_to_connect_ns ? std::optional<std::int64_t>(*r.time_to_connect_ns) : std::nullopt);
}
void bind_row(Statement& s, const TrafficRecord& r) {
  s.bind(2, std::int64_t{r.bucket_start_ns});
  s.bind(3, r.verb);
  s.bind(4, i64(r.datagrams_sent));
  s.bind(5, i64(r.bytes_sent));
  s.bind(6, i64(r.datagrams_dropped));
  s.bind(7, i64(r.bytes_dropped));
  s.bind(8, r.drop_reason);
}
void bind_row(Statement& s, const ExpectationRecord& r) {
  s.bind(2, r.metric);
  s.bind(3, r.op);
  s.bind(4, r.expected);
  s.bind(5, r.tolerance);
  s.bind(6, r.actual);
  s.bind(7, std::int64_t{r.passed});
}
void bind_row(Statement& s, const ConformanceRecord& r) {
  s.bind(2, r.suite);
  s.bind(3, r.case_id);
  s.bind(4, r.section);
  s.bind(5, r.level);
  s.bind(6, r.result);
  s.bind(7, r.evidence);
  s.bind(8, r.duration_seconds);
}

// "INSERT INTO t (run_id, a, b) VALUES (?, ?, ?)" for a table of run_tables().
std::string insert_sql(const TableInfo& t) {
  std::string cols = "run_id", marks = "?";
  for (const auto c : t.columns) {
    cols += ", " + std::string(c);
    marks += ", ?";
  }
  return "INSERT INTO " + std::string(t.name) + " (" + cols + ") VALUES (" + marks + ")";
}

// Buffered rows of one table with the run they belong to (0 = NULL run).
template <class Record>
struct Pending {
  std::vector<std::pair<RunId, Record>> rows;
  Statement insert;
  bool prepared = false;
};

}  // namespace

struct ReportWriter::Impl {
  Database db;
  WriterOptions options;
  RunId run = 0;
  std::size_t buffered = 0;
  std::string sticky_error;
  Pending<ParamRecord> params;
  Pending<ScalarRecord> scalars;
  Pending<StatisticRecord> statistics;
  Pending<HistogramRecord> histograms;
  Pending<TimeseriesRecord> timeseries;
  Pending<NodeRecord> nodes;
  Pending<MessageRecord> messages;
  Pending<DeliveryRecord> deliveries;
  Pending<CollisionRecord> collisions;
  Pending<NatAttemptRecord> nat_attempts;
  Pending<TrafficRecord> traffic;
  Pending<ExpectationRecord> expectations;
  Pending<ConformanceRecord> conformance;

  Impl(Database d, const WriterOptions& o) : db(std::move(d)), options(o) {}

  template <class Record>
  void push(Pending<Record>& p, const Record& r) {
    p.rows.emplace_back(run, r);
    if (++buffered >= options.batch_rows_max) {
      if (auto written = write_batch(); !written) sticky_error = written.error();
    }
  }

  template <class Record>
  Status write(Pending<Record>& p, std::string_view table) {
    if (p.rows.empty()) return std::monostate{};
    if (!p.prepared) {
      for (const auto& t : run_tables()) {
        if (t.name != table) continue;
        auto stmt = db.prepare(insert_sql(t));
        if (!stmt) return Unexpected(stmt.error());
        p.insert = std::move(*stmt);
        p.prepared = true;
      }
    }
    for (const auto& [run_id, r] : p.rows) {
      if (run_id == 0) {
        p.insert.bind_null(1);
      } else {
        p.insert.bind(1, std::int64_t{run_id});
      }
      bind_row(p.insert, r);
      (void)p.insert.step();
      const std::string error = p.insert.error();
      p.insert.reset();
      if (!error.empty()) return Unexpected("writing " + std::string(table) + ": " + error);
    }
    return std::monostate{};
  }

  Status write_all() {
    Status s = write(params, "run_param");
    if (s) s = write(scalars, "scalar");
    if (s) s = write(statistics, "statistic");
    if (s) s = write(histograms, "histogram");
    if (s) s = write(timeseries, "timeseries");
    if (s) s = write(nodes, "node");
    if (s) s = write(messages, "message");
    if (s) s = write(deliveries, "delivery");
    if (s) s = write(collisions, "collision");
    if (s) s = write(nat_attempts, "nat_attempt");
    if (s) s = write(traffic, "traffic");
    if (s) s = write(expectations, "expectation");
    if (s) s = write(conformance, "conformance_result");
    return s;
  }

  void clear() {
    params.rows.clear(), scalars.rows.clear(), statistics.rows.clear(), histograms.rows.clear();
    timeseries.rows.clear(), nodes.rows.clear(), messages.rows.clear(), deliveries.rows.clear();
    collisions.rows.clear(), nat_attempts.rows.clear(), traffic.rows.clear(), expectations.rows.clear();
    conformance.rows.clear();
    buffered = 0;
  }

  Expected<std::size_t, std::string> write_batch() {
    const std::size_t rows = buffered;
    if (rows == 0) return rows;
    if (auto begun = db.exec("BEGIN IMMEDIATE"); !begun) return Unexpected(begun.error());
    Status written = write_all();
    clear();
    if (!written) {
      (void)db.exec("ROLLBACK");
      return Unexpected(written.error());
    }
    if (auto committed = db.exec("COMMIT"); !committed) return Unexpected(committed.error());
    return rows;
  }
};

ReportWriter::ReportWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReportWriter::ReportWriter(ReportWriter&&) noexcept = default;
ReportWriter& ReportWriter::operator=(ReportWriter&&) noexcept = default;
ReportWriter::~ReportWriter() {
  if (impl_) (void)impl_->write_batch();
}

Expected<ReportWriter, std::string> ReportWriter::open(const std::string& path,
                                                       const WriterOptions& options) {
  if (options.truncate) {
    std::remove(path.c_str());
    std::remove((path + "-journal").c_str());
  }
  auto db = Database::open(path, /*create=*/true);
  if (!db) return Unexpected(db.error());
  // A rollback journal (not WAL) keeps the report one self-contained file. Without fsync a
  // crash of the process still leaves every committed batch (only an OS crash could lose some).
  if (auto s = db->exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF"); !s) {
    return Unexpected("cannot use " + path + " as a report: " + s.error());
  }
  auto version = db->prepare("PRAGMA user_version");
  if (!version) return Unexpected(version.error());
  const std::int64_t found = version->step() ? version->int64(0) : 0;
  auto tables = db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
  if (!tables) return Unexpected(tables.error());
  const std::int64_t table_count = tables->step() ? tables->int64(0) : 0;
  if (found != kSchemaVersion && (found != 0 || table_count != 0)) {
    return Unexpected(path + " is not a ptplab report of schema version " + std::to_string(kSchemaVersion) +
                      " (user_version " + std::to_string(found) + ")");
  }
  if (auto s = db->exec(schema_sql()); !s) return Unexpected("creating the schema: " + s.error());
  if (auto s = db->exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)); !s)
    return Unexpected(s.error());
  return ReportWriter(std::make_unique<Impl>(std::move(*db), options));
}

Expected<RunId, std::string> ReportWriter::begin_run(const RunInfo& info) {
  if (auto f = flush(); !f) return Unexpected(f.error());
  auto stmt = impl_->db.prepare(
      "INSERT INTO run (scenario, scenario_text, seed, version, started, status, sweep_point) "
      "VALUES (?, ?, ?, ?, ?, 'running', ?)");
  if (!stmt) return Unexpected(stmt.error());
  stmt->bind(1, info.scenario_name);
  stmt->bind(2, info.scenario_text);
  stmt->bind(3, static_cast<std::int64_t>(info.seed));
  stmt->bind(4, info.version);
  stmt->bind(5, info.started);
  stmt->bind(6, info.sweep_point);
  (void)stmt->step();
  if (!stmt->error().empty()) return Unexpected("writing run: " + stmt->error());
  impl_->run = impl_->db.last_insert_rowid();
  return impl_->run;
}

void ReportWriter::add(const ParamRecord& r) { impl_->push(impl_->params, r); }
void ReportWriter::add(const ScalarRecord& r) { impl_->push(impl_->scalars, r); }
void ReportWriter::add(const StatisticRecord& r) { impl_->push(impl_->statistics, r); }
void ReportWriter::add(const HistogramRecord& r) { impl_->push(impl_->histograms, r); }
void ReportWriter::add(const TimeseriesRecord& r) { impl_->push(impl_->timeseries, r); }
void ReportWriter::add(const NodeRecord& r) { impl_->push(impl_->nodes, r); }
void ReportWriter::add(const MessageRecord& r) { impl_->push(impl_->messages, r); }
void ReportWriter::add(const DeliveryRecord& r) { impl_->push(impl_->deliveries, r); }
void ReportWriter::add(const CollisionRecord& r) { impl_->push(impl_->collisions, r); }
void ReportWriter::add(const NatAttemptRecord& r) { impl_->push(impl_->nat_attempts, r); }
void ReportWriter::add(const TrafficRecord& r) { impl_->push(impl_->traffic, r); }
void ReportWriter::add(const ExpectationRecord& r) { impl_->push(impl_->expectations, r); }
void ReportWriter::add(const ConformanceRecord& r) { impl_->push(impl_->conformance, r); }

Expected<std::size_t, std::string> ReportWriter::flush() {
  if (!impl_->sticky_error.empty()) {
    std::string error = std::move(impl_->sticky_error);
    impl_->sticky_error.clear();
    return Unexpected(error);
  }
  return impl_->write_batch();
}

Expected<RunId, std::string> ReportWriter::finish_run(const RunEnd& end) {
  const RunId run = impl_->run;
  if (run == 0) return Unexpected(std::string("finish_run without begin_run"));
  const auto flushed = flush();
  auto stmt = impl_->db.prepare(
      "UPDATE run SET status = ?, finished = ?, wall_seconds = ?, simulated_seconds = ?, events = ?, "
      "peak_rss_bytes = ? WHERE run_id = ?");
  if (!stmt) return Unexpected(stmt.error());
  // A run whose rows could not all be written is marked failed rather than complete.
  stmt->bind(1, run_status_name(flushed ? end.status : RunStatus::kFailed));
  stmt->bind(2, end.finished);
  stmt->bind(3, end.wall_seconds);
  stmt->bind(4, end.simulated_seconds);
  stmt->bind(5, static_cast<std::int64_t>(end.events));
  stmt->bind(6, static_cast<std::int64_t>(end.peak_rss_bytes));
  stmt->bind(7, std::int64_t{run});
  (void)stmt->step();
  impl_->run = 0;
  if (!stmt->error().empty()) return Unexpected("finishing run: " + stmt->error());
  if (!flushed) return Unexpected(flushed.error());
  return run;
}

RunId ReportWriter::current_run() const { return impl_->run; }

}  // namespace ptplab::reports
