// The report schema: the DDL (reports/SCHEMA.md documents every column) and a description of
// each per-run table that the digest and the merge walk generically.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace ptplab::reports {

// One table holding rows that belong to a run (column run_id, omitted from `columns`).
struct TableInfo {
  std::string_view name;
  std::span<const std::string_view> columns;           // every column but run_id, in order
  std::span<const std::string_view> volatile_columns;  // machine-dependent: left out of digests
};

// CREATE TABLE/INDEX IF NOT EXISTS statements of the whole schema.
[[nodiscard]] std::string_view schema_sql();

// The columns of `run` besides run_id, and those of them left out of digests.
[[nodiscard]] std::span<const std::string_view> run_columns();
[[nodiscard]] std::span<const std::string_view> run_volatile_columns();

// Every per-run table, in a fixed order (conformance_result last: its run_id may be NULL).
[[nodiscard]] std::span<const TableInfo> run_tables();

// A table (`run` or a per-run table) and its columns the DDL types INTEGER or REAL: ptplab writes
// only numbers or NULL there, which readers read as numbers.
struct NumericColumns {
  std::string_view table;
  std::vector<std::string_view> columns;
  std::vector<bool> integer;  // per column: INTEGER (a REAL value there is an edit too), else REAL
};
// Every table with numeric columns, `run` first, derived from the column tables.
[[nodiscard]] std::span<const NumericColumns> numeric_columns();

}  // namespace ptplab::reports
