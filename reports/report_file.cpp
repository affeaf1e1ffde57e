// Opening an existing report for reading, with its schema version checked.
#include "reports/report_file.hpp"

#include "reports/schema_upgrade.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {

Expected<Database, std::string> open_report_file(const std::string& path) {
  auto db = Database::open(path, /*create=*/false);
  if (!db) return Unexpected(db.error());
  auto stmt = db->prepare("PRAGMA user_version");
  const std::int64_t version = stmt && stmt->step() ? stmt->int64(0) : -1;
  if (version < 0) {
    if (db->last_error_is_not_a_database())
      return Unexpected(path + " is not a ptplab report: file is not a database");
    return Unexpected("reading " + path + ": " + (stmt ? stmt->error() : stmt.error()));
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
  return db;
}

}  // namespace ptplab::reports
