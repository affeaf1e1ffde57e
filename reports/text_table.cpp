// TextTable rendering and the report's number formats.
#include "reports/text_table.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace ptplab::reports {
namespace {

bool numeric(const std::string& cell) {
  return !cell.empty() &&
         (std::isdigit(static_cast<unsigned char>(cell[0])) || cell[0] == '-' || cell[0] == '+');
}

}  // namespace

std::string TextTable::render() const {
  std::vector<std::size_t> widths(header_.size(), 0);
  for (std::size_t c = 0; c < header_.size(); ++c) widths[c] = header_[c].size();
  for (const auto& r : rows_) {
    for (std::size_t c = 0; c < r.size() && c < widths.size(); ++c) {
      const bool wide = std::find(wide_.begin(), wide_.end(), c) != wide_.end();
      if (wide || r[c].size() <= kCellWidthMax) widths[c] = std::max(widths[c], r[c].size());
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells, bool is_header) {
    std::string text = " ";
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const std::string pad(widths[c] - std::min(widths[c], cell.size()), ' ');
      text += ' ';
      text += (!is_header && c > 0 && numeric(cell)) ? pad + cell : cell + pad;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  line(header_, true);
  for (const auto& r : rows_) line(r, false);
  return out;
}

std::string format_number(double v) {
  if (std::isnan(v)) return "-";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<std::int64_t>(v));
  char buf[48];
  // From 10,000 up (what %.4g rounds to 10,000 or more), whole units: "167802", never the
  // exponent %.4g would switch to ("1.678e+05").
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 9999.5 ? "%.0f" : "%.4g", v);
  return buf;
}

std::string format_count(std::uint64_t v) { return std::to_string(v); }

std::string format_ratio(double v) {
  if (std::isnan(v)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

std::string format_bytes(double v) {
  if (std::isnan(v)) return "-";
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  std::size_t u = 0;
  double scaled = v;
  while (std::fabs(scaled) >= 999.95 && u + 1 < std::size(kUnits)) {
    scaled /= 1000;
    ++u;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", scaled, kUnits[u]);
  return buf;
}

std::string format_seconds(double v) { return format_number(v) + " s"; }

std::string format_in_unit(double v, std::string_view unit) {
  if (unit == "ratio") return format_ratio(v);
  if (unit == "bytes") return format_bytes(v);
  return format_number(v);
}

}  // namespace ptplab::reports
