// ReportWriter: rows are buffered per table and written by flush() inside one transaction with
// cached prepared statements; a failed batch is rolled back and its error kept for the caller.
#include "reports/writer.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "reports/records/columns.hpp"
#include "reports/report_file.hpp"
#include "reports/schema.hpp"
#include "reports/schema_upgrade.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/writer_presence.hpp"

namespace ptplab::reports {
namespace {

// Binds one cell at parameter `index`.
void bind_cell(Statement& s, int index, const Cell& c) {
  std::visit(
      [&](const auto& v) {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
          s.bind_null(index);
        } else {
          s.bind(index, v);
        }
      },
      c);
}

// Binds one record's columns after run_id (parameter 1), in the table's column order.
template <class Record>
void bind_row(Statement& s, const Record& r) {
  int index = 2;
  for (const auto& c : TableOf<Record>::columns) bind_cell(s, index++, c.get(r));
}

// "INSERT INTO t (run_id, a, b) VALUES (?, ?, ?)" for a record's table.
template <class Record>
std::string insert_sql() {
  std::string cols = "run_id", marks = "?";
  for (const auto& c : TableOf<Record>::columns) {
    cols += ", " + std::string(c.name);
    marks += ", ?";
  }
  return "INSERT INTO " + std::string(TableOf<Record>::name) + " (" + cols + ") VALUES (" + marks + ")";
}

// Whether begin_run (`at` kBegin) or finish_run (kEnd) writes column `c` of `run`.
bool written_at(const RunColumn& c, RunWrite at) { return c.write == at || c.write == RunWrite::kBoth; }

// "INSERT INTO run (scenario, ...) VALUES (?, ...)": the columns begin_run writes (after run_id
// when `with_id`).
std::string run_insert_sql(bool with_id = false) {
  std::string cols = with_id ? "run_id" : "", marks = with_id ? "?" : "";
  for (const auto& c : kRunColumns) {
    if (!written_at(c, RunWrite::kBegin)) continue;
    cols += (cols.empty() ? "" : ", ") + std::string(c.name);
    marks += marks.empty() ? "?" : ", ?";
  }
  return "INSERT INTO run (" + cols + ") VALUES (" + marks + ")";
}

// "UPDATE run SET finished = ?, ... WHERE run_id = ?": the columns finish_run writes.
std::string run_update_sql() {
  std::string sets;
  for (const auto& c : kRunColumns) {
    if (written_at(c, RunWrite::kEnd)) sets += (sets.empty() ? "" : ", ") + std::string(c.name) + " = ?";
  }
  return "UPDATE run SET " + sets + " WHERE run_id = ?";
}

// Binds the columns of `row` written at `at` in kRunColumns order (for kEnd, then run_id), from
// parameter `first` on: the parameters of run_insert_sql() or run_update_sql().
void bind_run(Statement& s, const RunRow& row, RunWrite at, int first = 1) {
  int index = first;
  for (const auto& c : kRunColumns) {
    if (written_at(c, at)) bind_cell(s, index++, c.get(row));
  }
  if (at == RunWrite::kEnd) s.bind(index, std::int64_t{row.run_id});
}

// Buffered rows of one table with the run they belong to (0 = NULL run).
template <class Record>
struct Pending {
  std::vector<std::pair<RunId, Record>> rows;
  Statement insert;
  bool prepared = false;
};

// One number a query returns (0 when it returns no row); its statement ends before it returns.
Expected<std::int64_t, std::string> query_int(Database& db, std::string_view sql) {
  auto stmt = db.prepare(sql);
  if (!stmt) return Unexpected(stmt.error());
  const std::int64_t value = stmt->step() ? stmt->int64(0) : 0;
  if (!stmt->error().empty()) return Unexpected(stmt->error());
  return value;
}

// Why the file `db` holds cannot take ptplab's runs (nullopt: it is new or a report this build
// writes to): read without changing it, so a foreign file is refused before anything is written.
std::optional<std::string> refusal(Database& db, const std::string& path, ReportSchema& schema) {
  const auto read = report_schema(db, path);
  if (!read) return read.error();
  schema = *read;
  if (schema.version == 0 && !schema.empty) {
    return path + " is not a ptplab report: an SQLite database with other " +
           (schema.has_tables ? "tables" : "schema objects (views, triggers)") + " (user_version 0)";
  }
  if (schema.version != 0 && (schema.version < kOldestUpgradableSchema || schema.version > kSchemaVersion)) {
    return path + " is not a ptplab report of schema version " + std::to_string(kSchemaVersion) +
           " (user_version " + std::to_string(schema.version) + ")";
  }
  return std::nullopt;
}

// Inside a write transaction: checks again that the file is new or a report of a schema version
// this build writes (another writer may have created it since), upgrades an earlier version and
// creates the schema in a new one.
Status check_or_create_schema(Database& db, const std::string& path) {
  ReportSchema schema;
  if (const auto why = refusal(db, path, schema)) return Unexpected(*why);
  if (schema.version >= kOldestUpgradableSchema && schema.version < kSchemaVersion) {
    // A report of an earlier version: the columns added since, at their defaults, then appended to.
    if (auto s = upgrade_schema(db, schema.version); !s) return Unexpected(path + ": " + s.error());
  }
  if (auto s = db.exec(schema_sql()); !s) return Unexpected("creating the schema: " + s.error());
  return db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
}

// A report file opened for writing, or why not (`busy`: another connection's lock outlasted the wait).
struct OpenedReport {
  std::optional<Database> db;
  std::string error;
  bool busy = false;
};

// Opens or creates `path` as a report: rollback journal, schema created or its version checked.
OpenedReport open_report_db(const std::string& path) {
  auto db = Database::open(path, /*create=*/true);
  if (!db) return {std::nullopt, db.error(), false};
  const auto failed = [&](std::string error) {
    return OpenedReport{std::nullopt, std::move(error), db->last_error_is_busy()};
  };
  // Another application's database is refused before anything is written to it: the journal
  // mode below would change its file (WAL to DELETE), and waits for its connections (review 13
  // M1, M2).
  // One read transaction: user_version and the tables from the same snapshot (read apart, a writer
  // creating the schema between them made a new report look like "other tables (user_version 0)").
  ReportSchema schema;
  if (auto s = db->exec("BEGIN"); !s) return failed("cannot read " + path + ": " + s.error());
  auto why = refusal(*db, path, schema);
  // The outcome (busy or not) is taken before the COMMIT, which would reset the connection's error.
  std::optional<OpenedReport> refused;
  if (why) refused = failed(std::move(*why));
  (void)db->exec("COMMIT");
  if (refused) return std::move(*refused);
  // A rollback journal (not WAL) keeps the report one self-contained file. Without fsync a
  // crash of the process still leaves every committed batch (only an OS crash could lose some).
  if (auto s = db->exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF"); !s) {
    if (db->last_error_is_not_a_database()) return failed(path + " is not a ptplab report: " + s.error());
    return failed("cannot use " + path + " as a report: " + s.error());
  }
  // One write transaction: writers opening a new file at once each find either no schema or the
  // whole schema with its version, never the tables of another one still being created.
  if (auto s = db->exec("BEGIN IMMEDIATE"); !s) return failed("cannot write " + path + ": " + s.error());
  if (auto s = check_or_create_schema(*db, path); !s) {
    OpenedReport f = failed(s.error());
    (void)db->exec("ROLLBACK");
    return f;
  }
  if (auto s = db->exec("COMMIT"); !s) return failed("cannot write " + path + ": " + s.error());
  return {std::move(*db), "", false};
}

// The file at `path` (device and inode), or {0, 0} when there is none.
std::pair<std::uint64_t, std::uint64_t> file_at(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {0, 0};
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

// Inserts the run row as begin_run writes it, as run `id` when it is not 0; returns its id.
Expected<RunId, std::string> insert_run(Database& db, const RunRow& row, RunId id = 0) {
  auto stmt = db.prepare(run_insert_sql(id != 0));
  if (!stmt) return Unexpected(stmt.error());
  if (id != 0) stmt->bind(1, std::int64_t{id});
  bind_run(*stmt, row, RunWrite::kBegin, id != 0 ? 2 : 1);
  (void)stmt->step();
  if (!stmt->error().empty()) return Unexpected("writing run: " + stmt->error());
  return db.last_insert_rowid();
}

}  // namespace

struct ReportWriter::Impl {
  // First, so destroyed last: after `db` is closed (writer_presence.hpp says why).
  std::vector<WriterPresence> presence;
  Database db;
  WriterOptions options;
  RunId run = 0;
  std::size_t buffered = 0;
  std::string sticky_error;
  // Pending<R> for every R of RunRecords, in table order.
  ForEachRecord<Pending> pending;
  RunRow begun;  // the current run's row as begin_run wrote it
  std::optional<Diversion> diversion;
  std::string path;  // the file `db` was opened at (the fallback once diverted)

  // Inside a write transaction: whether the file at `path` is still the one `db` writes, else
  // (another process renamed a new file over it: `report merge --replace`, which refuses while a
  // run is `running`) `db` is the file now there, or the error when a run is open in the old one
  // (its rows would be lost with it). Returns false when the caller must begin again.
  Expected<bool, std::string> still_the_file() {
    if (!db.file_replaced()) return true;
    (void)db.exec("ROLLBACK");
    if (run != 0) {
      return Unexpected(path + " was replaced by another process while run " + std::to_string(run) +
                        " was written to it: the run's rows since are not written");
    }
    auto opened = open_report_db(path);
    if (!opened.db) return Unexpected(path + " was replaced by another process; " + opened.error);
    std::apply([](auto&... p) { ((p.insert = Statement(), p.prepared = false), ...); }, pending);
    db = std::move(*opened.db);
    presence.push_back(WriterPresence::hold(path));  // the new file's: its runs are written by us
    return false;
  }

  // Whether a failure of `db` (the last one) may be left behind by going on in the fallback.
  bool can_divert() const { return !diversion && !options.fallback_path.empty() && db.last_error_is_busy(); }

  // Goes on in the fallback report: the current run's row is inserted there (under the id it has
  // in the first file when the fallback has that id free: merge.hpp's copy_runs then joins the two
  // parts) and the rows not yet committed move to it.
  Status divert() {
    auto opened = open_report_db(options.fallback_path);
    if (!opened.db) return Unexpected(opened.error);
    std::apply([](auto&... p) { ((p.insert = Statement(), p.prepared = false), ...); }, pending);
    db = std::move(*opened.db);
    presence.push_back(WriterPresence::hold(options.fallback_path));
    path = options.fallback_path;
    diversion = Diversion{options.fallback_path, run};
    if (run == 0) return std::monostate{};
    const auto taken = query_int(db, "SELECT count(*) FROM run WHERE run_id = " + std::to_string(run));
    if (!taken) return Unexpected(taken.error());
    auto id = insert_run(db, begun, *taken == 0 ? run : 0);
    if (!id) return Unexpected(id.error());
    std::apply(
        [&](auto&... p) {
          ((std::for_each(p.rows.begin(), p.rows.end(),
                          [&](auto& row) {
                            if (row.first == run) row.first = *id;
                          })),
           ...);
        },
        pending);
    run = *id;
    return std::monostate{};
  }

  Impl(Database d, const WriterOptions& o) : db(std::move(d)), options(o) {}

  template <class Record>
  void push(const Record& r) {
    std::get<Pending<Record>>(pending).rows.emplace_back(run, r);
    if (++buffered >= options.batch_rows_max) {
      if (auto written = write_batch(); !written) sticky_error = written.error();
    }
  }

  template <class Record>
  Status write(Pending<Record>& p) {
    if (p.rows.empty()) return std::monostate{};
    if (!p.prepared) {
      auto stmt = db.prepare(insert_sql<Record>());
      if (!stmt) return Unexpected(stmt.error());
      p.insert = std::move(*stmt);
      p.prepared = true;
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
      if (!error.empty()) return Unexpected("writing " + std::string(TableOf<Record>::name) + ": " + error);
    }
    return std::monostate{};
  }

  // Writes every table's pending rows in table order, stopping at the first error.
  Status write_all() {
    Status s = std::monostate{};
    std::apply([&](auto&... p) { ((s = s ? write(p) : s), ...); }, pending);
    return s;
  }

  void clear() {
    std::apply([](auto&... p) { (p.rows.clear(), ...); }, pending);
    buffered = 0;
  }

  Expected<std::size_t, std::string> write_batch() {
    const std::size_t rows = buffered;
    if (rows == 0) return rows;
    for (auto& p : presence) (void)p.retry();  // one refused at open (a resume held the file)
    if (auto locked = db.exec("BEGIN IMMEDIATE"); !locked) {
      if (!can_divert()) return Unexpected(locked.error());
      if (auto d = divert(); !d) return Unexpected(locked.error() + "; " + d.error());
      return write_batch();
    }
    const auto same = still_the_file();
    if (!same) {
      clear();
      return Unexpected(same.error());
    }
    if (!*same) return write_batch();
    Status written = write_all();
    if (!written) {
      clear();
      (void)db.exec("ROLLBACK");
      return Unexpected(written.error());
    }
    if (auto committed = db.exec("COMMIT"); !committed) {
      // A reader's lock outlasted the wait for the exclusive lock COMMIT needs: the rows are
      // still buffered, and go to the fallback.
      const bool divertable = can_divert();
      (void)db.exec("ROLLBACK");
      if (!divertable) {
        clear();
        return Unexpected(committed.error());
      }
      if (auto d = divert(); !d) return Unexpected(committed.error() + "; " + d.error());
      return write_batch();
    }
    clear();
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
  auto file_at_open = file_at(path);
  auto opened = open_report_db(path);
  // A file replaced while it was being opened (`report merge --replace` renamed a new report over
  // it: SQLite then refuses to write the old one, "attempt to write a readonly database"): the
  // file now at the path is opened.
  for (int again = 0; !opened.db && again < 3 && file_at(path) != file_at_open; ++again) {
    file_at_open = file_at(path);
    opened = open_report_db(path);
  }
  if (!opened.db && opened.busy && !options.fallback_path.empty()) {
    auto fallback = open_report_db(options.fallback_path);
    if (!fallback.db) return Unexpected(opened.error + "; " + fallback.error);
    ReportWriter writer(std::make_unique<Impl>(std::move(*fallback.db), options));
    writer.impl_->presence.push_back(WriterPresence::hold(options.fallback_path));
    writer.impl_->diversion = Diversion{options.fallback_path, 0};
    writer.impl_->path = options.fallback_path;
    return writer;
  }
  if (!opened.db) return Unexpected(opened.error);
  ReportWriter writer(std::make_unique<Impl>(std::move(*opened.db), options));
  writer.impl_->presence.push_back(WriterPresence::hold(path));
  writer.impl_->path = path;
  return writer;
}

Expected<RunId, std::string> ReportWriter::begin_run(const RunInfo& info) {
  if (auto f = flush(); !f) return Unexpected(f.error());
  RunRow row;
  row.scenario = info.scenario_name;
  row.scenario_text = info.scenario_text;
  row.seed = info.seed;
  row.version = info.version;
  row.started = info.started;
  row.status = run_status_name(RunStatus::kRunning);
  row.sweep_point = info.sweep_point;
  // In a write transaction, so that a file replaced since it was opened is noticed (still_the_file)
  // before the row goes to it.
  bool divertable = false;  // the lock could not be had (taken before a ROLLBACK resets the error)
  const auto begin_and_insert = [&]() -> Expected<RunId, std::string> {
    for (;;) {
      if (auto locked = impl_->db.exec("BEGIN IMMEDIATE"); !locked) {
        divertable = impl_->can_divert();
        return Unexpected(locked.error());
      }
      const auto same = impl_->still_the_file();
      if (!same) return Unexpected(same.error());
      if (!*same) continue;
      auto inserted = insert_run(impl_->db, row);
      if (!inserted) {
        (void)impl_->db.exec("ROLLBACK");
        return inserted;
      }
      if (auto committed = impl_->db.exec("COMMIT"); !committed) {
        divertable = impl_->can_divert();
        (void)impl_->db.exec("ROLLBACK");
        return Unexpected(committed.error());
      }
      return inserted;
    }
  };
  auto id = begin_and_insert();
  if (!id && divertable) {
    if (auto d = impl_->divert(); !d) return Unexpected(id.error() + "; " + d.error());
    id = insert_run(impl_->db, row);
  }
  if (!id) return Unexpected(id.error());
  impl_->begun = std::move(row);
  impl_->run = *id;
  return impl_->run;
}

void ReportWriter::push(const RowRef& row) {
  std::visit([this](const auto* r) { impl_->push(*r); }, row);
}

Expected<std::size_t, std::string> ReportWriter::flush() {
  if (!impl_->sticky_error.empty()) {
    std::string error = std::move(impl_->sticky_error);
    impl_->sticky_error.clear();
    return Unexpected(error);
  }
  return impl_->write_batch();
}

Expected<RunId, std::string> ReportWriter::finish_run(const RunEnd& end) {
  if (impl_->run == 0) return Unexpected(std::string("finish_run without begin_run"));
  const auto flushed = flush();
  // Read after the flush: a flush that went on in the fallback gave the run another id there.
  const RunId run = impl_->run;
  RunRow row;
  row.run_id = run;
  // A run whose rows could not all be written is marked failed rather than complete.
  row.status = run_status_name(flushed ? end.status : RunStatus::kFailed);
  row.finished = end.finished;
  row.wall_seconds = end.wall_seconds;
  row.simulated_seconds = end.simulated_seconds;
  row.events = end.events;
  row.peak_rss_bytes = end.peak_rss_bytes;
  auto stmt = impl_->db.prepare(run_update_sql());
  if (!stmt) return Unexpected(stmt.error());
  bind_run(*stmt, row, RunWrite::kEnd);
  (void)stmt->step();
  if (!stmt->error().empty() && impl_->can_divert()) {
    const std::string locked = stmt->error();
    *stmt = Statement();  // finalized before its connection closes
    if (auto d = impl_->divert(); !d) return Unexpected("finishing run: " + locked + "; " + d.error());
    row.run_id = impl_->run;
    stmt = impl_->db.prepare(run_update_sql());
    if (!stmt) return Unexpected(stmt.error());
    bind_run(*stmt, row, RunWrite::kEnd);
    (void)stmt->step();
  }
  impl_->run = 0;
  if (!stmt->error().empty()) return Unexpected("finishing run: " + stmt->error());
  if (!flushed) return Unexpected(flushed.error());
  return run;
}

RunId ReportWriter::current_run() const { return impl_->run; }

const std::optional<Diversion>& ReportWriter::diverted() const { return impl_->diversion; }

}  // namespace ptplab::reports
