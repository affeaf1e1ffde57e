// One helper for the HTML report's own queries: run a statement with integer/real parameters
// bound to ?1, ?2, ... and visit each row; errors come back as values.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <variant>
#include <vector>

#include "reports/sqlite_db.hpp"

namespace ptplab::reports::html {

// A value bound to one statement parameter.
using Binding = std::variant<std::int64_t, double>;

// Prepares `sql`, binds `bindings` in order, calls `row` per result row.
[[nodiscard]] Status for_each_row(Database& db, std::string_view sql, const std::vector<Binding>& bindings,
                                  const std::function<void(const Statement&)>& row);

}  // namespace ptplab::reports::html
