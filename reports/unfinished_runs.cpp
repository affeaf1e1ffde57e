// mark_unfinished_runs (see unfinished_runs.hpp).
#include "reports/unfinished_runs.hpp"

#include <filesystem>

#include "reports/sqlite_db.hpp"

namespace ptplab::reports {

Expected<std::size_t, std::string> mark_unfinished_runs(const std::string& report, RunStatus status) {
  if (!std::filesystem::exists(report)) return Unexpected("cannot open " + report + ": no such file");
  auto db = Database::open(report, /*create=*/true);  // read-write: the file exists
  if (!db) return Unexpected(db.error());
  auto stmt = db->prepare("UPDATE run SET status = ?1 WHERE status = ?2");
  if (!stmt) return Unexpected(stmt.error());
  stmt->bind(1, run_status_name(status));
  stmt->bind(2, run_status_name(RunStatus::kRunning));
  (void)stmt->step();
  if (!stmt->error().empty())
    return Unexpected("marking the unfinished runs of " + report + ": " + stmt->error());
  auto changed = db->prepare("SELECT changes()");
  if (!changed || !changed->step()) return std::size_t{0};
  return static_cast<std::size_t>(changed->int64(0));
}

}  // namespace ptplab::reports
