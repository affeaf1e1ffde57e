#include "reports/export/csv_export.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "reports/html/run_params.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::reports {
namespace {

// The run table's columns the tidy table carries, in order.
constexpr const char* kRunColumns[] = {"run_id",       "scenario",          "seed",  "sweep_point", "status",
                                       "wall_seconds", "simulated_seconds", "events"};
// The statistic columns the tidy table carries per statistic.
constexpr const char* kStatisticColumns[] = {"mean", "p50", "p90", "p99", "max"};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// A cell as text: SQL NULL is "".
std::string cell(const Statement& s, int col) { return s.is_null(col) ? std::string() : s.text(col); }

Expected<Table, std::string> query(Database& db, const std::string& sql, std::optional<RunId> run) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  if (run) s->bind(1, static_cast<std::int64_t>(*run));
  Table t;
  while (s->step()) {
    auto& row = t.rows.emplace_back();
    for (int c = 0; c < s->column_count(); ++c) row.push_back(cell(*s, c));
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

Status write_csv(const std::filesystem::path& file, const Table& t) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  const auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << "\r\n";
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  out.close();
  if (!out) return Unexpected("cannot write " + file.string());
  return std::monostate{};
}

// The tidy table: a row per run, a column per varying parameter, scalar and statistic.
Expected<Table, std::string> tidy(Database& db, std::optional<RunId> run) {
  const std::string where = run ? " WHERE run_id = ?1" : "";
  std::string cols;
  for (const char* c : kRunColumns) cols += std::string(cols.empty() ? "" : ", ") + c;
  auto runs = query(db, "SELECT " + cols + " FROM run" + where + " ORDER BY run_id", run);
  if (!runs) return Unexpected(runs.error());
  std::map<std::string, std::size_t> index;  // run_id -> row
  for (std::size_t i = 0; i < runs->rows.size(); ++i) index[runs->rows[i][0]] = i;

  // (column name, run_id, value) triples, columns in first-seen order within each source.
  std::vector<std::string> names;
  std::map<std::string, std::map<std::string, std::string>> values;  // column -> run_id -> value
  const auto add = [&](const std::string& column, const std::string& run_id, const std::string& v) {
    if (!values.count(column)) names.push_back(column);
    values[column][run_id] = v;
  };

  auto params = query(db, "SELECT run_id, name, value FROM run_param" + where + " ORDER BY rowid", run);
  if (!params) return Unexpected(params.error());
  std::vector<std::string> param_names;
  std::map<std::string, std::map<std::string, std::string>> param_values;
  for (const auto& r : params->rows) {
    if (r[1] == "/seed") continue;
    if (!param_values.count(r[1])) param_names.push_back(r[1]);
    param_values[r[1]][r[0]] = html::unquote(r[2]);
  }
  for (const auto& name : param_names) {
    const auto& by_run = param_values[name];
    std::set<std::string> distinct;
    for (const auto& row : runs->rows)
      distinct.insert(by_run.count(row[0]) ? by_run.at(row[0]) : std::string("\x01"));
    if (distinct.size() < 2) continue;  // the same in every run: not a column of the tidy table
    for (const auto& [id, v] : by_run) add(name, id, v);
  }

  auto scalars = query(db, "SELECT run_id, module, name, value FROM scalar" + where + " ORDER BY rowid", run);
  if (!scalars) return Unexpected(scalars.error());
  for (const auto& r : scalars->rows) add(r[1] == "metrics" ? r[2] : r[1] + "." + r[2], r[0], r[3]);

  std::string stat_cols;
  for (const char* c : kStatisticColumns) stat_cols += std::string(", ") + c;
  auto stats =
      query(db, "SELECT run_id, name" + stat_cols + " FROM statistic" + where + " ORDER BY rowid", run);
  if (!stats) return Unexpected(stats.error());
  for (const auto& r : stats->rows) {
    for (std::size_t k = 0; k < std::size(kStatisticColumns); ++k) {
      add(r[1] + "." + kStatisticColumns[k], r[0], r[2 + k]);
    }
  }

  Table t;
  t.header.assign(std::begin(kRunColumns), std::end(kRunColumns));
  t.header.insert(t.header.end(), names.begin(), names.end());
  for (auto& row : runs->rows) {
    const std::string id = row[0];
    for (const auto& n : names) {
      const auto& by_run = values[n];
      row.push_back(by_run.count(id) ? by_run.at(id) : std::string());
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Expected<std::vector<std::string>, std::string> export_csv(const std::string& report, const std::string& dir,
                                                           std::optional<RunId> run) {
  if (!std::filesystem::exists(report)) return Unexpected(report + ": no such file");
  auto db = Database::open(report, false);
  if (!db) return Unexpected(db.error());
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Unexpected("cannot create " + dir + ": " + ec.message());
  std::vector<std::string> written;

  auto t = tidy(*db, run);
  if (!t) return Unexpected(report + ": " + t.error());
  const auto tidy_file = std::filesystem::path(dir) / kTidyCsvName;
  if (auto w = write_csv(tidy_file, *t); !w) return Unexpected(w.error());
  written.push_back(tidy_file.string());

  auto tables = query(*db,
                      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                      "ESCAPE '\\' ORDER BY name",
                      std::nullopt);
  if (!tables) return Unexpected(report + ": " + tables.error());
  for (const auto& r : tables->rows) {
    const std::string& name = r[0];
    auto cols = columns_of(*db, name);
    if (!cols) return Unexpected(report + ": " + cols.error());
    const bool per_run = std::find(cols->begin(), cols->end(), "run_id") != cols->end();
    auto rows = query(
        *db,
        "SELECT * FROM \"" + name + "\"" + (run && per_run ? " WHERE run_id = ?1" : "") + " ORDER BY rowid",
        per_run ? run : std::nullopt);
    if (!rows) return Unexpected(report + ": " + rows.error());
    rows->header = *cols;
    const auto file = std::filesystem::path(dir) / (name + ".csv");
    if (auto w = write_csv(file, *rows); !w) return Unexpected(w.error());
    written.push_back(file.string());
  }
  return written;
}

}  // namespace ptplab::reports
