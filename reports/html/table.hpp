// HTML tables of text cells (run parameters, scalars, comparisons), every cell escaped.
#pragma once

#include <string>
#include <vector>

namespace ptplab::reports::html {

// A table: header cells, then rows; `row_classes[i]` (when present) is a CSS class for row i,
// e.g. "fail" to highlight it. Cells that parse as numbers are right-aligned.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row_classes;
};

// The <table> element; an empty table renders as a "no data" note with `empty_reason`.
[[nodiscard]] std::string render(const Table& table, std::string_view empty_reason = "no rows");

}  // namespace ptplab::reports::html
