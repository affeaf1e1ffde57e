// What the report exports (CSV, JSON) read: a table as text cells with their SQLite storage
// class, any query's rows, a table's columns, and the tidy one-row-per-run table
// (reports/export/csv_export.hpp describes its columns).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/sink.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports {

// Rows of text cells (SQL NULL as ""), with each cell's kind: 'i' integer, 'r' real, 't' text,
// 'b' blob, 'n' null (Statement::canonical's tags); `kinds` is empty for the tidy table.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<char>> kinds;
};

// The rows of `sql`; `run`, when given, is bound to ?1. Errors: SQLite's message.
[[nodiscard]] Expected<Table, std::string> query(Database& db, const std::string& sql,
                                                 std::optional<RunId> run);
// The column names of `table`, in order.
[[nodiscard]] Expected<std::vector<std::string>, std::string> columns_of(Database& db,
                                                                         const std::string& table);
// Every table of the report (not SQLite's own), by name.
[[nodiscard]] Expected<std::vector<std::string>, std::string> table_names(Database& db);
// Every row of `table` (only run `run`'s when given and the table has run_id), in rowid order,
// with its header.
[[nodiscard]] Expected<Table, std::string> table_rows(Database& db, const std::string& table,
                                                      std::optional<RunId> run);
// The tidy table: one row per run (only `run` when given).
[[nodiscard]] Expected<Table, std::string> tidy_table(Database& db, std::optional<RunId> run);

}  // namespace ptplab::reports
