// report_digest: for each run (by run_id) the stable run columns, then each table's rows
// sorted by all their stable columns; conformance rows without a run come last.
#include "reports/digest.hpp"

#include <algorithm>
#include <vector>

#include "reports/report_file.hpp"
#include "reports/schema.hpp"
#include "reports/sha256.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports {
namespace {

std::vector<std::string_view> stable(std::span<const std::string_view> columns,
                                     std::span<const std::string_view> volatile_columns) {
  std::vector<std::string_view> out;
  for (const auto c : columns) {
    if (std::find(volatile_columns.begin(), volatile_columns.end(), c) == volatile_columns.end())
      out.push_back(c);
  }
  return out;
}

std::string join(const std::vector<std::string_view>& columns) {
  std::string out;
  for (const auto c : columns) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

// Hashes every row of `sql` (bound to run when run != 0), each column canonical and delimited.
Status hash_rows(Database& db, const std::string& sql, RunId run, Sha256& hash) {
  auto stmt = db.prepare(sql);
  if (!stmt) return Unexpected(stmt.error());
  if (run != 0) stmt->bind(1, std::int64_t{run});
  while (stmt->step()) {
    for (int i = 0; i < stmt->column_count(); ++i) {
      hash.update(stmt->canonical(i));
      hash.update("\x1f");
    }
    hash.update("\x1e");
  }
  if (!stmt->error().empty()) return Unexpected(stmt->error());
  return std::monostate{};
}

Status hash_run(Database& db, RunId run, Sha256& hash) {
  const auto run_cols = join(stable(run_columns(), run_volatile_columns()));
  hash.update("run\x1d");
  if (auto s = hash_rows(db, "SELECT " + run_cols + " FROM run WHERE run_id = ?", run, hash); !s) return s;
  for (const auto& t : run_tables()) {
    const auto cols = join(stable(t.columns, t.volatile_columns));
    hash.update(std::string(t.name) + "\x1d");
    const std::string sql =
        "SELECT " + cols + " FROM " + std::string(t.name) + " WHERE run_id = ? ORDER BY " + cols;
    if (auto s = hash_rows(db, sql, run, hash); !s) return s;
  }
  return std::monostate{};
}

}  // namespace

Expected<std::string, std::string> report_digest(const std::string& path, std::optional<RunId> run) {
  auto db = open_report_file(path);
  if (!db) return Unexpected(db.error());
  Sha256 hash;
  std::vector<RunId> runs;
  auto ids = db->prepare("SELECT run_id FROM run ORDER BY run_id");
  if (!ids) return Unexpected(ids.error());
  while (ids->step()) runs.push_back(ids->int64(0));
  if (!ids->error().empty()) return Unexpected(ids->error());
  if (run) {
    if (std::find(runs.begin(), runs.end(), *run) == runs.end()) {
      return Unexpected(path + " has no run " + std::to_string(*run));
    }
    runs = {*run};
  }
  for (const RunId r : runs) {
    if (auto s = hash_run(*db, r, hash); !s) return Unexpected(s.error());
  }
  if (!run) {
    const auto& conformance = run_tables().back();
    const auto cols = join(stable(conformance.columns, conformance.volatile_columns));
    hash.update("suites\x1d");
    const std::string sql =
        "SELECT " + cols + " FROM conformance_result WHERE run_id IS NULL ORDER BY " + cols;
    if (auto s = hash_rows(*db, sql, 0, hash); !s) return Unexpected(s.error());
  }
  return hash.hex();
}

}  // namespace ptplab::reports
