#include "reports/export/json_export.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "reports/export/export_tables.hpp"

namespace ptplab::reports {
namespace {

// A cell by its SQLite kind ('i', 'r', 't', 'n'); kind 0: guessed from the text.
nlohmann::json value(const std::string& text, char kind) {
  if (kind == 'n') return nullptr;
  if (kind == 'i') return std::strtoll(text.c_str(), nullptr, 10);
  if (kind == 'r') return std::strtod(text.c_str(), nullptr);
  if (kind == 0) {
    if (text.empty()) return nullptr;
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size()) return d;
  }
  return text;
}

nlohmann::json rows_of(const Table& t) {
  auto out = nlohmann::json::array();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    nlohmann::json row = nlohmann::json::object();
    for (std::size_t c = 0; c < t.header.size() && c < t.rows[r].size(); ++c) {
      row[t.header[c]] = value(t.rows[r][c], t.kinds.empty() ? 0 : t.kinds[r][c]);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Expected<std::monostate, std::string> export_json(const std::string& report, const std::string& out,
                                                  std::optional<RunId> run) {
  if (!std::filesystem::exists(report)) return Unexpected(report + ": no such file");
  auto db = Database::open(report, false);
  if (!db) return Unexpected(db.error());
  auto tidy = tidy_table(*db, run);
  if (!tidy) return Unexpected(report + ": " + tidy.error());
  nlohmann::json doc = {{"runs", rows_of(*tidy)}, {"tables", nlohmann::json::object()}};
  auto names = table_names(*db);
  if (!names) return Unexpected(report + ": " + names.error());
  for (const auto& name : *names) {
    auto rows = table_rows(*db, name, run);
    if (!rows) return Unexpected(report + ": " + rows.error());
    doc["tables"][name] = rows_of(*rows);
  }
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  // Text columns hold whatever bytes were written (a tampered report, a sweep point from a
  // foreign file): bytes that are not UTF-8 become U+FFFD rather than aborting the dump.
  f << doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  f.close();
  if (!f) return Unexpected("cannot write " + out);
  return std::monostate{};
}

}  // namespace ptplab::reports
