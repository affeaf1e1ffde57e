// Opening an existing report to read it: the file must be a ptplab report of the schema version
// this build reads (PRAGMA user_version, writer.hpp kSchemaVersion), or an earlier one it can show
// as the current schema (schema_upgrade.hpp), else the error says which it is.
#pragma once

#include <string>

#include "engine/core/expected.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports {

// `path` opened read-only. Errors, each a sentence starting with the path: "PATH is not a ptplab
// report: file is not a database", "PATH is not a ptplab report: an SQLite database without a
// ptplab schema version", "PATH: report schema version N, this ptplab reads M", or the open error.
// Errors also: those of report_schema.
[[nodiscard]] Expected<Database, std::string> open_report_file(const std::string& path);

// What a file holds, as report_schema reads it.
struct ReportSchema {
  std::int64_t version = 0;  // PRAGMA user_version
  bool empty = false;        // no schema object at all (with version 0: a new report)
  bool has_tables = false;   // some table (with version 0: another application's database)
};

// What `db` (opened on `path`) holds, read without changing it. A file whose user_version is a
// report schema version this build reads (kOldestUpgradableSchema to kSchemaVersion) must hold
// ptplab's tables only: a `run` table, the per-run tables and indexes (SQLite's own sqlite_*
// tables aside); other versions are the caller's to judge (0: new if empty, a later schema, or
// not ptplab's). Errors, sentences starting with the path: "PATH is not a ptplab report: file is
// not a database", "PATH is not a ptplab report: an SQLite database with user_version N but the
// table T (view V, trigger G), which ptplab does not write" (or "but no run table"), or
// "reading PATH: " and SQLite's message.
[[nodiscard]] Expected<ReportSchema, std::string> report_schema(Database& db, const std::string& path);

}  // namespace ptplab::reports
