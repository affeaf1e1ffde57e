// A minimal aligned text table: header, rows of cells, columns padded to their widest cell
// (numbers right-aligned), each line indented by two spaces.
#pragma once

#include <string>
#include <vector>

namespace ptplab::reports {

// Collects rows then renders them aligned.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  [[nodiscard]] bool empty() const { return rows_.empty(); }
  [[nodiscard]] std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Number formatting shared by the text report: integers plainly, others with 4 significant
// digits ("0.9875", "12.5") or, from 10,000 up, rounded to whole units ("167802", no exponent),
// and "-" for a missing value.
[[nodiscard]] std::string format_number(double v);
[[nodiscard]] std::string format_count(std::uint64_t v);

}  // namespace ptplab::reports
