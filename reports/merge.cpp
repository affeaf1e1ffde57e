// merge_report: ATTACH the source, then INSERT ... SELECT table by table with the new run id.
#include "reports/merge.hpp"

#include <vector>

#include "reports/schema.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {
namespace {

std::string column_list(std::span<const std::string_view> columns) {
  std::string out;
  for (const auto c : columns) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

Status copy_runs(Database& db, std::vector<RunId>& copied) {
  std::vector<RunId> runs;
  auto ids = db.prepare("SELECT run_id FROM src.run ORDER BY run_id");
  if (!ids) return Unexpected(ids.error());
  while (ids->step()) runs.push_back(ids->int64(0));
  if (!ids->error().empty()) return Unexpected(ids->error());
  const std::string run_cols = column_list(run_columns());
  for (const RunId old_id : runs) {
    auto insert = db.prepare("INSERT INTO main.run (" + run_cols + ") SELECT " + run_cols +
                             " FROM src.run WHERE run_id = ?");
    if (!insert) return Unexpected(insert.error());
    insert->bind(1, std::int64_t{old_id});
    (void)insert->step();
    if (!insert->error().empty()) return Unexpected(insert->error());
    const RunId new_id = db.last_insert_rowid();
    for (const auto& t : run_tables()) {
      const std::string cols = column_list(t.columns);
      const std::string name(t.name);
      auto rows = db.prepare("INSERT INTO main." + name + " (run_id, " + cols + ") SELECT ?1, " + cols +
                             " FROM src." + name + " WHERE run_id = ?2 ORDER BY rowid");
      if (!rows) return Unexpected(rows.error());
      rows->bind(1, std::int64_t{new_id});
      rows->bind(2, std::int64_t{old_id});
      (void)rows->step();
      if (!rows->error().empty()) return Unexpected(rows->error());
    }
    copied.push_back(new_id);
  }
  const std::string cols = column_list(run_tables().back().columns);
  return db.exec("INSERT INTO main.conformance_result (" + cols + ") SELECT " + cols +
                 " FROM src.conformance_result WHERE run_id IS NULL ORDER BY rowid");
}

}  // namespace

Expected<std::vector<RunId>, std::string> merge_report(const std::string& destination,
                                                       const std::string& source) {
  {
    // Creates the destination with the schema (or checks its version).
    auto writer = ReportWriter::open(destination);
    if (!writer) return Unexpected(writer.error());
  }
  if (auto src = Database::open(source, /*create=*/false); !src) return Unexpected(src.error());
  auto db = Database::open(destination, /*create=*/true);
  if (!db) return Unexpected(db.error());
  auto attach = db->prepare("ATTACH DATABASE ? AS src");
  if (!attach) return Unexpected(attach.error());
  attach->bind(1, source);
  (void)attach->step();
  if (!attach->error().empty()) return Unexpected("cannot read " + source + ": " + attach->error());
  if (auto s = db->exec("BEGIN IMMEDIATE"); !s) return Unexpected(s.error());
  std::vector<RunId> copied;
  if (auto s = copy_runs(*db, copied); !s) {
    (void)db->exec("ROLLBACK");
    return Unexpected("merging " + source + ": " + s.error());
  }
  if (auto s = db->exec("COMMIT"); !s) return Unexpected(s.error());
  return copied;
}

}  // namespace ptplab::reports
