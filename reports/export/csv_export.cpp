#include "reports/export/csv_export.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "reports/export/export_tables.hpp"
#include "reports/report_file.hpp"

namespace ptplab::reports {
namespace {

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
  auto db = open_report_file(report);  // schema checked before DIR is made (review 13 M3)
  if (!db) return Unexpected(db.error());
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Unexpected("cannot create " + dir + ": " + ec.message());
  std::vector<std::string> written;

  auto t = tidy_table(*db, run);
  if (!t) return Unexpected(report + ": " + t.error());
  const auto tidy_file = std::filesystem::path(dir) / kTidyCsvName;
  if (auto w = write_csv(tidy_file, *t); !w) return Unexpected(w.error());
  written.push_back(tidy_file.string());

  auto tables = table_names(*db);
  if (!tables) return Unexpected(report + ": " + tables.error());
  for (const auto& name : *tables) {
    auto rows = table_rows(*db, name, run);
    if (!rows) return Unexpected(report + ": " + rows.error());
    const auto file = std::filesystem::path(dir) / (name + ".csv");
    if (auto w = write_csv(file, *rows); !w) return Unexpected(w.error());
    written.push_back(file.string());
  }
  return written;
}

}  // namespace ptplab::reports
