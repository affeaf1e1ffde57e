#include "reports/export/export_tables.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "reports/html/run_params.hpp"
#include "reports/records/columns.hpp"
#include "reports/records/metrics.hpp"

namespace ptplab::reports {
namespace {

// The run table's columns the tidy table carries, in kRunColumns order.
std::vector<std::string> tidy_run_columns() {
  std::vector<std::string> out;
  for (const auto& c : kRunColumns) {
    if (c.in_export) out.emplace_back(c.name);
  }
  return out;
}
// The statistic columns the tidy table carries per statistic.
constexpr const char* kStatisticColumns[] = {"mean", "p50", "p90", "p99", "max"};

// A cell as text: SQL NULL is "".
std::string cell(const Statement& s, int col) { return s.is_null(col) ? std::string() : s.text(col); }

}  // namespace

Expected<Table, std::string> query(Database& db, const std::string& sql, std::optional<RunId> run) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  if (run) s->bind(1, static_cast<std::int64_t>(*run));
  Table t;
  while (s->step()) {
    auto& row = t.rows.emplace_back();
    auto& kinds = t.kinds.emplace_back();
    for (int c = 0; c < s->column_count(); ++c) {
      row.push_back(cell(*s, c));
      kinds.push_back(s->canonical(c).front());
    }
  }
  if (!s->error().empty()) return Unexpected(s->error());
  return t;
}

Expected<std::vector<std::string>, std::string> columns_of(Database& db, const std::string& table) {
  auto info = query(db, "SELECT name FROM pragma_table_info('" + table + "')", std::nullopt);
  if (!info) return Unexpected(info.error());
  std::vector<std::string> out;
  for (auto& r : info->rows) out.push_back(r[0]);
  return out;
}

Expected<Table, std::string> tidy_table(Database& db, std::optional<RunId> run) {
  const std::vector<std::string> run_columns = tidy_run_columns();
  std::string cols;
  for (const auto& c : run_columns) cols += (cols.empty() ? "" : ", ") + c;
  // The columns come from every run of the report, whichever runs are exported: one report gives
  // one column set (a run without a value has an empty field).
  auto all_runs = query(db, "SELECT " + cols + " FROM run ORDER BY run_id", std::nullopt);
  if (!all_runs) return Unexpected(all_runs.error());

  std::map<std::string, std::map<std::string, std::string>> values;  // column -> run_id -> value
  auto params = query(db, "SELECT run_id, name, value FROM run_param ORDER BY rowid", std::nullopt);
  if (!params) return Unexpected(params.error());
  std::vector<std::string> param_names;  // first-seen order
  std::map<std::string, std::map<std::string, std::string>> param_values;
  for (const auto& r : params->rows) {
    if (r[1] == "/seed") continue;
    if (!param_values.count(r[1])) param_names.push_back(r[1]);
    param_values[r[1]][r[0]] = html::unquote(r[2]);
  }
  std::vector<std::string> names;
  for (const auto& name : param_names) {
    const auto& by_run = param_values[name];
    std::set<std::string> distinct;
    for (const auto& row : all_runs->rows)
      distinct.insert(by_run.count(row[0]) ? by_run.at(row[0]) : std::string("\x01"));
    if (distinct.size() < 2) continue;  // the same in every run: not a column of the tidy table
    names.push_back(name);
    values[name] = by_run;
  }

  // Scalars: the metrics in the metric table's order, then the other scalars by name.
  auto scalars = query(db, "SELECT run_id, module, name, value FROM scalar ORDER BY rowid", std::nullopt);
  if (!scalars) return Unexpected(scalars.error());
  std::set<std::string> others;
  for (const auto& r : scalars->rows) {
    const std::string column = r[1] == kMetricModule ? r[2] : r[1] + "." + r[2];
    values[column][r[0]] = r[3];
    if (r[1] != kMetricModule || find_metric(r[2]) == nullptr) others.insert(column);
  }
  for (const auto& m : metric_table()) {
    if (values.count(std::string(m.name)) && !others.count(std::string(m.name))) names.emplace_back(m.name);
  }
  names.insert(names.end(), others.begin(), others.end());

  // Statistics by name, each with its columns.
  std::string stat_cols;
  for (const char* c : kStatisticColumns) stat_cols += std::string(", ") + c;
  auto stats =
      query(db, "SELECT run_id, name" + stat_cols + " FROM statistic ORDER BY name, rowid", std::nullopt);
  if (!stats) return Unexpected(stats.error());
  for (const auto& r : stats->rows) {
    for (std::size_t k = 0; k < std::size(kStatisticColumns); ++k) {
      const std::string column = r[1] + "." + kStatisticColumns[k];
      if (!values.count(column)) names.push_back(column);
      values[column][r[0]] = r[2 + k];
    }
  }

  Table t;
  t.header = run_columns;
  t.header.insert(t.header.end(), names.begin(), names.end());
  for (auto& row : all_runs->rows) {
    const std::string id = row[0];
    if (run && id != std::to_string(*run)) continue;
    for (const auto& n : names) {
      const auto& by_run = values[n];
      row.push_back(by_run.count(id) ? by_run.at(id) : std::string());
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

Expected<std::vector<std::string>, std::string> table_names(Database& db) {
  auto tables = query(db,
                      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                      "ESCAPE '\\' ORDER BY name",
                      std::nullopt);
  if (!tables) return Unexpected(tables.error());
  std::vector<std::string> out;
  for (const auto& r : tables->rows) out.push_back(r[0]);
  return out;
}

Expected<Table, std::string> table_rows(Database& db, const std::string& table, std::optional<RunId> run) {
  auto cols = columns_of(db, table);
  if (!cols) return Unexpected(cols.error());
  const bool per_run = std::find(cols->begin(), cols->end(), "run_id") != cols->end();
  auto rows = query(
      db,
      "SELECT * FROM \"" + table + "\"" + (run && per_run ? " WHERE run_id = ?1" : "") + " ORDER BY rowid",
      per_run ? run : std::nullopt);
  if (!rows) return Unexpected(rows.error());
  rows->header = *cols;
  return rows;
}

}  // namespace ptplab::reports
