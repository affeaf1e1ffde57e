// A minimal aligned text table: header, rows of cells, columns padded to their widest cell of at
// most kCellWidthMax characters (a longer cell, such as a scenario's description, sticks out of
// its column instead of widening it), numbers right-aligned, each line indented by two spaces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ptplab::reports {

// Cells longer than this do not widen their column.
inline constexpr std::size_t kCellWidthMax = 40;

// Collects rows then renders them aligned.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // Lets `column`'s cells widen it however long they are (a key column such as a sweep point's
  // label, which the rows must stay aligned after), instead of sticking out past kCellWidthMax.
  void widen(std::size_t column) { wide_.push_back(column); }
  [[nodiscard]] bool empty() const { return rows_.empty(); }
  [[nodiscard]] std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> wide_;  // columns with no width bound
};

// Number formatting shared by the text report: integers plainly, others with 4 significant
// digits ("0.9875", "12.5") or, from 10,000 up, rounded to whole units ("167802", no exponent),
// and "-" for a missing value.
[[nodiscard]] std::string format_number(double v);
[[nodiscard]] std::string format_count(std::uint64_t v);
// A ratio with 4 decimals ("1.0000", "0.9875"), as `ptplab run` prints ratios; "-" for NaN.
[[nodiscard]] std::string format_ratio(double v);
// A byte count in SI units: "512 B", "167.8 kB", "433.1 MB" (1 kB = 1000 B); "-" for NaN.
[[nodiscard]] std::string format_bytes(double v);
// Seconds as format_number gives them, with the unit: "400 s", "10.11 s".
[[nodiscard]] std::string format_seconds(double v);
// A value of `unit` (a metric table unit: "ratio", "bytes", else plain format_number).
[[nodiscard]] std::string format_in_unit(double v, std::string_view unit);

}  // namespace ptplab::reports
