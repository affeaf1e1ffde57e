// `ptplab report FILE --json OUT.json`: a report as one JSON document,
//   {"runs": [{column: value, ...}, ...],      the tidy table of csv_export.hpp, a row per run
//    "tables": {"<table>": [{column: value}, ...], ...}}   every table, every row, rowid order
// Integers and reals are JSON numbers, text is a string, SQL NULL is null (in "runs", a cell
// that reads wholly as a number is a number, an empty one null). pandas: pd.DataFrame(doc["runs"]).
// The document is UTF-8: a byte of a text cell that is not part of valid UTF-8 (a tampered or
// foreign report) is written as U+FFFD (the replacement character), never an error.
#pragma once

#include <optional>
#include <string>

#include "engine/core/expected.hpp"
#include "reports/records/sink.hpp"

namespace ptplab::reports {

// Writes the document to `out` (replaced). `run`: only that run's rows.
// Errors: the report cannot be read, or the file cannot be written.
[[nodiscard]] Expected<std::monostate, std::string> export_json(const std::string& report,
                                                                const std::string& out,
                                                                std::optional<RunId> run);

}  // namespace ptplab::reports
