// Reports written by an earlier schema version: what this build adds to them, so that they stay
// readable (and appendable) after a schema change. Each step of kSchemaUpgrades lists the run
// columns a version added; their SQL types come from kRunColumns (reports/records/columns.hpp),
// so a column is declared once. Every added column has a default that reads as "not recorded"
// (e.g. sweep_plan '', sweep_index NULL: the run was not stamped as part of a sweep).
#pragma once

#include <cstdint>
#include <string_view>

#include "reports/sqlite_db.hpp"

namespace ptplab::reports {

// The oldest schema version (PRAGMA user_version) this build reads and upgrades: 3, the schema
// before the sweep columns (report schema 4: run.sweep_plan, sweep_index, sweep_runs, sweep_shard).
inline constexpr std::int64_t kOldestUpgradableSchema = 3;

// Whether run column `name` was added by a schema version after `version` (so a report of that
// version lacks it).
[[nodiscard]] bool run_column_added_after(std::string_view name, std::int64_t version);

// Adds to `db` (a report of schema version `from`, kOldestUpgradableSchema <= from < kSchemaVersion)
// every column later versions added (ALTER TABLE ... ADD COLUMN, with its default) and sets
// PRAGMA user_version to kSchemaVersion. For writers, inside their write transaction. Errors:
// SQLite's message (e.g. a read-only file).
[[nodiscard]] Status upgrade_schema(Database& db, std::int64_t from);

// For read-only readers of a report of schema version `from` (same range): a TEMP VIEW `run` that
// shows main.run with the later columns at their defaults; the file is not changed. Unqualified
// queries of `run` on this connection then see the current schema.
[[nodiscard]] Status view_as_current_schema(Database& db, std::int64_t from);

}  // namespace ptplab::reports
