// The SQLite wrapper: every call checks its result code and turns failures into sentences.
#include "reports/sqlite_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace ptplab::reports {

void Statement::finalize(sqlite3_stmt* s) { sqlite3_finalize(s); }

void Statement::bind(int index, std::int64_t v) { sqlite3_bind_int64(stmt_.get(), index, v); }
void Statement::bind(int index, double v) { sqlite3_bind_double(stmt_.get(), index, v); }
void Statement::bind(int index, std::string_view v) {
  sqlite3_bind_text(stmt_.get(), index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
void Statement::bind_null(int index) { sqlite3_bind_null(stmt_.get(), index); }
void Statement::bind(int index, const std::optional<double>& v) {
  if (v) {
    bind(index, *v);
  } else {
    bind_null(index);
  }
}
void Statement::bind(int index, const std::optional<std::int64_t>& v) {
  if (v) {
    bind(index, *v);
  } else {
    bind_null(index);
  }
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return false;
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

int Statement::column_count() const { return sqlite3_column_count(stmt_.get()); }
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)))
           : std::string();
}

std::string Statement::canonical(int col) const {
  switch (sqlite3_column_type(stmt_.get(), col)) {
    case SQLITE_INTEGER: return "i:" + std::to_string(int64(col));
    case SQLITE_FLOAT: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "r:%.17g", real(col));
      return buf;
    }
    case SQLITE_NULL: return "n";
    default: return "t:" + std::to_string(sqlite3_column_bytes(stmt_.get(), col)) + ":" + text(col);
  }
}

namespace {

// The busy handler: sleeps 1, 2, 4 ... then kBusyRetryMax_ms between attempts, and gives up (the
// statement then fails with SQLITE_BUSY) after kBusyWaitMax_ms / kBusyRetryMax_ms attempts, or
// kBusyWaitAfterStop_ms after the give_up_lock_waits_when flag is raised.
std::atomic<const std::atomic<bool>*> g_give_up{nullptr};
// When a lock wait first saw the flag raised (steady clock, ms; -1: not yet).
std::atomic<long long> g_give_up_seen_ms{-1};

long long steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Whether the stop flag was raised kBusyWaitAfterStop_ms ago or more.
bool past_stop_grace() {
  const auto* flag = g_give_up.load();
  if (!flag || !flag->load()) return false;
  long long seen = g_give_up_seen_ms.load();
  if (seen < 0) {
    const long long now = steady_ms();
    g_give_up_seen_ms.compare_exchange_strong(seen, now);
    seen = g_give_up_seen_ms.load();
  }
  return steady_ms() - seen >= kBusyWaitAfterStop_ms;
}

std::atomic<LockWaitNotice> g_notice{nullptr};

}  // namespace

struct Database::LockWait {
  std::string path;
  long long began_ms = 0;  // steady clock, when the current wait's first attempt failed
  bool noticed = false;    // the long-wait notice was given for the current wait
};

namespace {

// Gives the long-wait notice once per wait, kBusyNoticeAfter_ms into it.
void notice_long_wait(Database::LockWait& wait, int attempts_so_far) {
  const long long now = steady_ms();
  if (attempts_so_far == 0) {
    wait.began_ms = now;
    wait.noticed = false;
  }
  if (wait.noticed || now - wait.began_ms < kBusyNoticeAfter_ms) return;
  wait.noticed = true;
  if (const auto notice = g_notice.load()) notice(wait.path);
}

int retry_while_busy(void* state, int attempts_so_far) {
  notice_long_wait(*static_cast<Database::LockWait*>(state), attempts_so_far);
  if (static_cast<long long>(attempts_so_far) * kBusyRetryMax_ms >= kBusyWaitMax_ms) return 0;
  if (past_stop_grace()) return 0;
  sqlite3_sleep(std::min(kBusyRetryMax_ms, 1 << std::min(attempts_so_far, 5)));
  return 1;
}

}  // namespace

void give_up_lock_waits_when(const std::atomic<bool>* flag) {
  g_give_up.store(flag);
  g_give_up_seen_ms.store(-1);  // the grace runs from when a wait first sees this flag raised
}

void notice_long_lock_waits_with(LockWaitNotice notice) { g_notice.store(notice); }

void Database::close(sqlite3* db) { sqlite3_close(db); }

Database::Database(sqlite3* db, std::unique_ptr<LockWait> wait) : wait_(std::move(wait)), db_(db, &close) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&& other) noexcept {
  db_ = std::move(other.db_);  // closes this connection before its LockWait goes
  wait_ = std::move(other.wait_);
  return *this;
}
Database::~Database() { db_.reset(); }

bool is_wal_database(const std::string& path) {
  // The database header (https://www.sqlite.org/fileformat2.html#database_header): "SQLite format
  // 3\0", then at offsets 18 and 19 the write and read versions, 2 for WAL, 1 for a rollback journal.
  std::ifstream in(path, std::ios::binary);
  std::array<char, 20> h{};
  if (!in.read(h.data(), h.size())) return false;
  return std::string_view(h.data(), 16) == std::string_view("SQLite format 3\0", 16) &&
         (h[18] == 2 || h[19] == 2);
}

Expected<Database, std::string> Database::open(const std::string& path, bool create) {
  // SQLite "opens" a folder, /dev/null or a FIFO and fails only at the first read ("disk I/O
  // error"), for a writer after a whole run was simulated (review-tr finding 22).
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    return Unexpected("cannot use " + path + " as a report: not a regular file");
  if (is_wal_database(path)) {
    return Unexpected(path +
                      " is not a ptplab report: an SQLite database in WAL mode (ptplab writes its reports "
                      "with a rollback journal; opening it would add -wal and -shm files beside it)");
  }
  sqlite3* raw = nullptr;
  const int flags = create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  auto wait = std::make_unique<LockWait>();
  wait->path = path;
  Database db(raw, std::move(wait));
  if (rc != SQLITE_OK) {
    return Unexpected("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_handler(raw, retry_while_busy, db.wait_.get());
  return db;
}

Status Database::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : "unknown SQLite error";
    sqlite3_free(message);
    return Unexpected(error);
  }
  return std::monostate{};
}

Expected<Statement, std::string> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return Unexpected(std::string(sqlite3_errmsg(db_.get())) + " in: " + std::string(sql.substr(0, 80)));
  }
  return Statement(db_.get(), stmt);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
std::string Database::last_error() const { return sqlite3_errmsg(db_.get()); }
bool Database::last_error_is_not_a_database() const { return sqlite3_errcode(db_.get()) == SQLITE_NOTADB; }
bool Database::last_error_is_busy() const { return sqlite3_errcode(db_.get()) == SQLITE_BUSY; }
bool Database::file_replaced() {
  int moved = 0;
  if (sqlite3_file_control(db_.get(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK) return false;
  return moved != 0;
}

}  // namespace ptplab::reports
