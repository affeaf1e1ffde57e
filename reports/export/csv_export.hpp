// `ptplab report FILE --csv DIR`: a report as CSV files that pandas.read_csv (and Python's csv
// module, R, spreadsheets) take as they are. RFC 4180: a header row of column names, comma
// separated, fields holding a comma, quote or line break quoted with quotes doubled, SQL NULL
// as an empty field, numbers as SQLite prints them.
//   DIR/<table>.csv  every table of the report (reports/SCHEMA.md), every column, in rowid order;
//   DIR/runs.csv     the tidy table: one row per run, columns run_id, scenario, seed, wall_seconds,
//                    simulated_seconds, events, status, sweep_point (the kRunColumns rows
//                    marked in_export, reports/records/columns.hpp), then one column per
//                    parameter whose value differs between the runs (its JSON pointer, e.g.
//                    "/network/loss/rate"; strings unquoted; the seed left to its own column),
//                    then one per scalar (the "metrics" module by bare name, e.g.
//                    delivery_ratio; others as "module.name") and per statistic
//                    ("name.mean", "name.p50", "name.p90", "name.p99", "name.max").
//                    The columns are those of the whole report, whichever runs are written
//                    (`run` given or not): a parameter column when it differs between any two
//                    runs of the report, a scalar or statistic column when any run has it (an
//                    empty field for a run without it); metrics in the metric table's order, the
//                    other scalars and the statistics by name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/sink.hpp"

namespace ptplab::reports {

// Name of the tidy table's file inside DIR.
inline constexpr const char* kTidyCsvName = "runs.csv";

// Writes the CSV files into `dir` (created when missing; files of the same names replaced).
// `run`: only that run's rows in every table. Returns the files written, tidy table first.
// Errors: the report cannot be read, or a file cannot be written.
[[nodiscard]] Expected<std::vector<std::string>, std::string> export_csv(const std::string& report,
                                                                         const std::string& dir,
                                                                         std::optional<RunId> run);

// One CSV field: quoted when it holds a comma, a quote, CR or LF (RFC 4180 section 2).
[[nodiscard]] std::string csv_field(const std::string& text);

}  // namespace ptplab::reports
