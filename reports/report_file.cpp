// Opening an existing report for reading, with its schema version checked.
#include "reports/report_file.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reports/schema.hpp"
#include "reports/schema_upgrade.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {

namespace {

// Whether table `table` of `db` exists, and its column names.
Expected<std::vector<std::string>, std::string> table_columns(Database& db, std::string_view table) {
  auto stmt = db.prepare("SELECT name FROM pragma_table_info(?1)");
  if (!stmt) return Unexpected(stmt.error());
  stmt->bind(1, table);
  std::vector<std::string> names;
  while (stmt->step()) names.push_back(stmt->text(0));
  if (!stmt->error().empty()) return Unexpected(stmt->error());
  return names;
}

// "the table T without the column C" for the first column of a report of schema `version` that
// `db`'s ptplab-named tables lack ("" when none is missing; absent per-run tables are created by
// writers and read as empty). Errors: SQLite's.
Expected<std::string, std::string> missing_report_column(Database& db, std::int64_t version) {
  const auto lacks = [&](std::string_view table, std::span<const std::string_view> wanted,
                         bool run_table) -> Expected<std::string, std::string> {
    auto have = table_columns(db, table);
    if (!have) return Unexpected(have.error());
    if (have->empty() && !run_table) return std::string();
    const auto has = [&](std::string_view c) {
      return std::find(have->begin(), have->end(), c) != have->end();
    };
    std::string out;
    if (!has("run_id")) out = "run_id";
    for (const auto c : wanted) {
      if (!out.empty()) break;
      if (run_table && run_column_added_after(c, version)) continue;
      if (!has(c)) out = c;
    }
    if (out.empty()) return out;
    std::string said = "the table ";
    said.append(table).append(" without the column ").append(out);
    return said;
  };
  auto run = lacks("run", run_columns(), true);
  if (!run || !run->empty()) return run;
  for (const auto& t : run_tables()) {
    auto other = lacks(t.name, t.columns, false);
    if (!other || !other->empty()) return other;
  }
  return std::string();
}

}  // namespace

Expected<ReportSchema, std::string> report_schema(Database& db, const std::string& path) {
  const auto read_error = [&](const std::string& error) {
    if (db.last_error_is_not_a_database()) return path + " is not a ptplab report: file is not a database";
    return "reading " + path + ": " + error;
  };
  std::int64_t version = 0;
  {
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt) return Unexpected(read_error(stmt.error()));
    if (stmt->step()) version = stmt->int64(0);
    if (!stmt->error().empty()) return Unexpected(read_error(stmt->error()));
  }
  const bool readable = version >= kOldestUpgradableSchema && version <= kSchemaVersion;
  if (version != 0 && !readable) return ReportSchema{version, false, false};
  auto objects = db.prepare("SELECT type, name FROM sqlite_master ORDER BY rowid");
  if (!objects) return Unexpected(read_error(objects.error()));
  bool has_run = false;
  std::string foreign;  // "the view V": the first object ptplab does not write
  ReportSchema found{version, true, false};
  while (objects->step()) {
    const std::string type = objects->text(0);
    found.empty = false;
    found.has_tables = found.has_tables || type == "table";
    const std::string name = objects->text(1);
    if (name.starts_with("sqlite_") || type == "index") continue;  // SQLite's own; indexes of the tables
    bool ours = false;
    if (type == "table") {
      ours = name == "run";
      has_run = has_run || ours;
      for (const auto& t : run_tables()) ours = ours || name == t.name;
    }
    if (!ours && foreign.empty()) foreign = "the " + type + " " + name;
  }
  if (!objects->error().empty()) return Unexpected(read_error(objects->error()));
  if (version == 0) return found;
  const std::string but = !foreign.empty() ? foreign + ", which ptplab does not write" : "no run table";
  if (!foreign.empty() || !has_run) {
    return Unexpected(path + " is not a ptplab report: an SQLite database with user_version " +
                      std::to_string(version) + " but " + but);
  }
  // ptplab's table names with other columns (another application's `run` table, review 14 M1):
  // every column the version has must be there, or writers would add tables and then fail.
  auto missing = missing_report_column(db, version);
  if (!missing) return Unexpected(read_error(missing.error()));
  if (!missing->empty()) {
    return Unexpected(path + " is not a ptplab report: an SQLite database with user_version " +
                      std::to_string(version) + " but " + *missing + ", which ptplab writes");
  }
  return found;
}

namespace {

// The first value a numeric column holds as text or a blob (or a real, in an INTEGER column), as
// "TABLE.COLUMN of row R holds V where ptplab writes a number (an integer)":
// ptplab writes numbers or NULL there (numeric_columns()), and SQLite reads text as 0, so a figure
// read from an edited file would look right and be wrong. One scan per table; errors: SQLite's.
Expected<std::optional<std::string>, std::string> non_numeric_value(Database& db) {
  for (const auto& t : numeric_columns()) {
    std::string which = "CASE", where;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const auto c = t.columns[i];
      // SQLite keeps 3.0 in an INTEGER column as 3, so a real there is an edit (3.5 read as 3).
      const std::string test =
          "typeof(" + std::string(c) + ") IN ('text', 'blob'" + (t.integer[i] ? ", 'real')" : ")");
      which.append(" WHEN ").append(test).append(" THEN '").append(c).append(
          "' || ' holds ' || substr(quote(");
      which.append(c)
          .append("), 1, 40) || ' where ptplab writes ")
          .append(t.integer[i] ? "an integer'" : "a number'");
      where.append(where.empty() ? "" : " OR ").append(test);
    }
    which.append(" END");
    auto stmt = db.prepare("SELECT rowid, " + which + " FROM " + std::string(t.table) + " WHERE " + where +
                           " LIMIT 1");
    if (!stmt) return Unexpected(stmt.error());
    if (stmt->step()) {
      std::string found(t.table);
      found.append(".").append(stmt->text(1)).insert(found.find(" holds "), " of row " + stmt->text(0));
      return std::optional<std::string>(std::move(found));
    }
    if (!stmt->error().empty()) return Unexpected(stmt->error());
  }
  return std::optional<std::string>();
}

}  // namespace

Expected<Database, std::string> open_report_file(const std::string& path) {
  auto db = Database::open(path, /*create=*/false);
  if (!db) return Unexpected(db.error());
  const auto schema = report_schema(*db, path);
  if (!schema) return Unexpected(schema.error());
  const std::int64_t version = schema->version;
  if (version == 0 && schema->empty) {  // e.g. a run stopped before it wrote its schema
    return Unexpected(path + " is not a ptplab report: an empty file (nothing was written to it)");
  }
  if (version == 0) {
    return Unexpected(path + " is not a ptplab report: an SQLite database without a ptplab schema version");
  }
  if (version >= kOldestUpgradableSchema && version < kSchemaVersion) {
    // Read as the current schema through a temporary view; the file is not changed.
    if (auto s = view_as_current_schema(*db, version); !s)
      return Unexpected("reading " + path + ": " + s.error());
    return db;
  }
  if (version != kSchemaVersion) {
    return Unexpected(path + ": report schema version " + std::to_string(version) + ", this ptplab reads " +
                      std::to_string(kSchemaVersion));
  }
  const auto edited = non_numeric_value(*db);
  if (!edited) return Unexpected("reading " + path + ": " + edited.error());
  if (*edited) {
    return Unexpected(path + " is not a ptplab report as ptplab wrote it: " + **edited +
                      " (the file was changed outside ptplab)");
  }
  return db;
}

}  // namespace ptplab::reports
