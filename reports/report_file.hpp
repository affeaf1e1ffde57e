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
[[nodiscard]] Expected<Database, std::string> open_report_file(const std::string& path);

}  // namespace ptplab::reports
