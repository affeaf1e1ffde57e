// A thin RAII layer over the SQLite C API for the report code: a connection, prepared
// statements with typed binds and column reads, and errors as values.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/expected.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ptplab::reports {

// Success or an error sentence (SQLite's message with what was being done).
using Status = Expected<std::monostate, std::string>;

// A prepared statement; step() it, read columns, reset() to reuse. Binds count from 1, reads from 0.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt, &finalize) {}

  void bind(int index, std::int64_t v);  // index: ?N is N, plain ?s count 1, 2, ... (SQLite's API)
  void bind(int index, double v);
  void bind(int index, std::string_view v);
  void bind_null(int index);
  void bind(int index, const std::optional<double>& v);
  void bind(int index, const std::optional<std::int64_t>& v);

  // True while a row is available; false at the end. An error ends stepping and is in error().
  [[nodiscard]] bool step();
  void reset();
  [[nodiscard]] const std::string& error() const { return error_; }

  [[nodiscard]] int column_count() const;
  [[nodiscard]] bool is_null(int col) const;  // col: result column, 0 the first (binds count from 1)
  [[nodiscard]] std::int64_t int64(int col) const;
  [[nodiscard]] double real(int col) const;
  [[nodiscard]] std::string text(int col) const;
  // The column as canonical text for digests: type tag + value ("i:42", "r:0.5", "t:...", "n").
  [[nodiscard]] std::string canonical(int col) const;

 private:
  static void finalize(sqlite3_stmt* s);
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt*)> stmt_{nullptr, &finalize};
  std::string error_;
};

// How long a connection waits for another connection's lock (another `ptplab run`, `suite` or
// `sweep` writing the same report) before a statement fails with "database is locked": long
// enough for any one batch or merge to commit, so concurrent writers queue up instead of failing.
inline constexpr int kBusyWaitMax_ms = 10 * 60 * 1000;
// The longest sleep between two attempts at a lock (they start at 1 ms and double).
inline constexpr int kBusyRetryMax_ms = 20;

// How long lock waits go on once the give_up_lock_waits_when flag is raised: a brief lock
// (another writer's batch) still lets an interrupted run's partial rows land; a long one no
// longer holds up the stop.
inline constexpr int kBusyWaitAfterStop_ms = 1000;

// Makes every connection's lock wait give up kBusyWaitAfterStop_ms after `*flag` turns true (the
// statement then fails with "database is locked"): the CLI passes its SIGINT/SIGTERM flag, so a
// command queued behind another writer's lock stops at the first signal instead of waiting up to
// kBusyWaitMax_ms. nullptr (the default): waits are never cut short. The flag must outlive
// every connection.
void give_up_lock_waits_when(const std::atomic<bool>* flag);

// How long one lock wait goes on before the long-wait notice is given (once per wait).
inline constexpr int kBusyNoticeAfter_ms = 2000;

// Called once for each lock wait that lasts kBusyNoticeAfter_ms, with the file's path: the CLI
// prints a line saying it waits for the lock another writer holds. nullptr (the default): silent.
using LockWaitNotice = void (*)(const std::string& path);
void notice_long_lock_waits_with(LockWaitNotice notice);

// Whether `path` is an SQLite database in WAL mode (its header's read or write version is 2).
// ptplab writes its reports with a rollback journal, so such a file is another application's;
// SQLite would create its -wal and -shm files to read it, so Database::open refuses it first.
[[nodiscard]] bool is_wal_database(const std::string& path);

// An open database connection.
class Database {
 public:
  struct LockWait;  // the busy handler's state: the path, when the current wait began
  // Opens (creating when `create`) the file; read-only opens fail on a missing file, and any open
  // fails on a path that exists but is not a regular file (a folder, /dev/null, a FIFO: SQLite
  // would fail later with "disk I/O error"), with "cannot use PATH as a report: not a regular
  // file". Statements then wait for other connections' locks, retrying for up to kBusyWaitMax_ms.
  [[nodiscard]] static Expected<Database, std::string> open(const std::string& path, bool create);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  [[nodiscard]] Status exec(std::string_view sql);
  [[nodiscard]] Expected<Statement, std::string> prepare(std::string_view sql);
  [[nodiscard]] std::int64_t last_insert_rowid() const;
  [[nodiscard]] std::string last_error() const;
  // True when the last failure was SQLITE_NOTADB: the file is not an SQLite database.
  [[nodiscard]] bool last_error_is_not_a_database() const;
  // True when the last failure was SQLITE_BUSY: another connection's lock outlasted the wait.
  [[nodiscard]] bool last_error_is_busy() const;
  // True when the file this connection opened is no longer the one at its path: renamed over or
  // deleted since (another process replaced the report: `report merge --replace`), as SQLite's
  // unix VFS tells (SQLITE_FCNTL_HAS_MOVED). Exact while the caller holds a lock on the file.
  [[nodiscard]] bool file_replaced();

 private:
  static void close(sqlite3* db);
  Database(sqlite3* db, std::unique_ptr<LockWait> wait);
  std::unique_ptr<LockWait> wait_;  // declared first: outlives the connection that points to it
  std::unique_ptr<sqlite3, void (*)(sqlite3*)> db_;
};

}  // namespace ptplab::reports
