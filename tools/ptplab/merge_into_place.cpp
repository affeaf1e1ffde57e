// put_in_place and replace_refusal (see merge_into_place.hpp): renameat2(RENAME_NOREPLACE) to
// create OUT, rename(2) under OUT's EXCLUSIVE lock to replace it.
#include "tools/ptplab/merge_into_place.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "reports/report_file.hpp"
#include "reports/schema_upgrade.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/writer.hpp"
#include "tools/ptplab/pending_report.hpp"

namespace ptplab::cli {
namespace {

using Placed = Expected<std::monostate, std::string>;

// rename(from, to) unless `to` exists (then EEXIST), atomically: renameat2 RENAME_NOREPLACE, or
// on a filesystem without it link(2) then unlink(2). 0 or the errno.
int rename_unless_there(const std::string& from, const std::string& to) {
  if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
  if (link(from.c_str(), to.c_str()) != 0) return errno;
  (void)unlink(from.c_str());
  return 0;
}

// Keeps `merged` as "OUT.<pid>.merged.db" (or "-K" for the first free K from 2), refusing `why`:
// the sentence, with the command that appends the kept report to OUT.
Placed keep_beside(const std::string& merged, const std::string& out, const std::string& why) {
  const std::string stem = out + "." + std::to_string(getpid());
  std::string kept = stem + ".merged.db";
  for (int k = 2;; ++k) {
    const int error = rename_unless_there(merged, kept);
    if (error == 0) break;
    if (error != EEXIST) {
      std::error_code ignored;
      std::filesystem::remove(merged, ignored);
      return Unexpected(why + "; the merged report could not be kept (" + kept + ": " + std::strerror(error) +
                        "): merge again");
    }
    kept = stem + "-" + std::to_string(k) + ".merged.db";
  }
  return Unexpected(why + ". The merged report is kept as " + kept + ": append it with `" +
                    join_command(out, kept) + "`, or move it over " + out + " once nothing writes it");
}

// Replaces `out` by `merged` while holding `out`'s EXCLUSIVE lock, if it is still a report with no
// run `running`.
Placed replace_locked(const std::string& merged, const std::string& out) {
  auto db = reports::Database::open(out, /*create=*/true);
  if (!db) return keep_beside(merged, out, out + " not replaced: " + db.error());
  // Waits for the writers' transactions; none starts another until the lock is let go.
  if (auto s = db->exec("BEGIN EXCLUSIVE"); !s)
    return keep_beside(merged, out, out + " not replaced: cannot take its lock: " + s.error());
  const auto schema = reports::report_schema(*db, out);
  const bool report =
      schema &&
      ((schema->version == 0 && schema->empty) ||
       (schema->version >= reports::kOldestUpgradableSchema && schema->version <= reports::kSchemaVersion));
  if (!report) {
    (void)db->exec("ROLLBACK");
    return keep_beside(merged, out,
                       schema ? out + " is not a ptplab report (any more): not replaced"
                              : schema.error() + ": not replaced");
  }
  if (schema->version != 0) {
    reports::RunId run = 0;
    std::string error;
    {  // the statement is finalized before the ROLLBACK
      auto running = db->prepare("SELECT run_id FROM run WHERE status = 'running' ORDER BY run_id LIMIT 1");
      if (running) {
        run = running->step() ? running->int64(0) : 0;
        error = running->error();
      } else {
        error = running.error();
      }
    }
    if (!error.empty() || run != 0) {
      (void)db->exec("ROLLBACK");
      return keep_beside(merged, out,
                         error.empty() ? out + " holds run " + std::to_string(run) +
                                             ", still running (a process is writing it, or was killed while "
                                             "it did): not replaced, so as not to lose it"
                                       : out + " not replaced: " + error);
    }
  }
  std::error_code ec;
  std::filesystem::rename(merged, out, ec);
  (void)db->exec("ROLLBACK");
  if (ec) return keep_beside(merged, out, "cannot write " + out + ": " + ec.message());
  return std::monostate{};
}

}  // namespace

std::optional<std::string> replace_refusal(const std::string& out) {
  std::error_code ec;
  if (std::filesystem::is_symlink(out, ec)) {
    return out +
           " is a symbolic link: --replace would replace the link, not the report it names; give "
           "that file";
  }
  if (std::filesystem::is_regular_file(out, ec) && std::filesystem::file_size(out, ec) == 0 && !ec)
    return std::nullopt;
  if (auto opened = reports::open_report_file(out); !opened) {
    return opened.error() + ": --replace replaces only a ptplab report";
  }
  return std::nullopt;
}

Expected<std::monostate, std::string> put_in_place(const std::string& merged, const std::string& out,
                                                   bool replace) {
  const int error = rename_unless_there(merged, out);
  if (error == 0) return std::monostate{};
  if (error != EEXIST) {
    std::error_code ignored;
    std::filesystem::remove(merged, ignored);
    return Unexpected("cannot write " + out + ": " + std::strerror(error));
  }
  if (replace) {
    if (const auto why = replace_refusal(out)) return keep_beside(merged, out, *why);
    return replace_locked(merged, out);
  }
  return keep_beside(
      merged, out, out + " appeared while the shards were merged (another process created it): not replaced");
}

}  // namespace ptplab::cli
