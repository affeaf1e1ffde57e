// Putting `report merge`'s merged report (written beside OUT) in OUT's place without losing what
// another process writes to OUT meanwhile (review 14 S1, M3): creating OUT never replaces a file
// that appeared since, and --replace replaces only a ptplab report that no run is being written to.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "engine/core/expected.hpp"

namespace ptplab::cli {

// Why `out`, an existing path, may not be replaced by `report merge --replace`, or nullopt: a
// symbolic link ("... is a symbolic link: give the file it names"), a file that is not a ptplab
// report (another application's database, a WAL database, a text file: the sentence
// reports::open_report_file gives). An empty file is a new report (as ReportWriter takes it).
[[nodiscard]] std::optional<std::string> replace_refusal(const std::string& out);

// Renames `merged` to `out`. Without `replace`, `out` must not exist: one that appeared since the
// merge began (a `ptplab run --report OUT` created it) is kept as it is. With `replace`, an
// existing `out` is replaced while this process holds its SQLite lock (EXCLUSIVE), only if it is
// still a report (replace_refusal) holding no run `running` (a run being written, or one whose
// process was killed); a writer that opened the old file notices it was replaced when it next
// takes the lock (reports::Database::file_replaced). Errors (exit 2 for the caller) are sentences
// naming the file; when `out` is kept, `merged` is kept too, renamed to
// "OUT.<pid>.merged.db" (or "-K"), and the sentence gives the command that appends it to OUT.
[[nodiscard]] Expected<std::monostate, std::string> put_in_place(const std::string& merged,
                                                                 const std::string& out, bool replace);

}  // namespace ptplab::cli
