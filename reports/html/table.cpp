// HTML table rendering (see table.hpp).
#include "reports/html/table.hpp"

#include <cstdlib>

#include "reports/html/escape.hpp"

namespace ptplab::reports::html {
namespace {

// Rows rendered at most; a last row says how many were left out.
constexpr std::size_t kRowsMax = 2000;

bool numeric(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  // Abbreviated values (12.3k, 4M) and percentages count as numbers too.
  return end != s.c_str() &&
         (*end == '\0' || ((*end == 'k' || *end == 'M' || *end == 'G' || *end == '%') && end[1] == '\0'));
}

// A class name made of letters, digits and dashes only, so it cannot break the attribute.
std::string css_class(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') out += c;
  }
  return out;
}

}  // namespace

std::string render(const Table& table, std::string_view empty_reason) {
  if (table.rows.empty()) return "<p class=\"nodata\">No data: " + escape(empty_reason) + "</p>\n";
  std::string out = "<table><thead><tr>";
  for (const auto& h : table.header) out += "<th>" + escape(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (std::size_t r = 0; r < table.rows.size() && r < kRowsMax; ++r) {
    out += "<tr";
    if (r < table.row_classes.size() && !table.row_classes[r].empty()) {
      out += " class=\"" + css_class(table.row_classes[r]) + "\"";
    }
    out += ">";
    for (const auto& cell : table.rows[r]) {
      out += numeric(cell) ? "<td class=\"num\">" : "<td>";
      out += escape(cell) + "</td>";
    }
    out += "</tr>\n";
  }
  if (table.rows.size() > kRowsMax) {
    out += "<tr><td colspan=\"" + std::to_string(table.header.size()) + "\">(" +
           std::to_string(table.rows.size() - kRowsMax) + " more rows not shown)</td></tr>\n";
  }
  out += "</tbody></table>\n";
  return out;
}

}  // namespace ptplab::reports::html
