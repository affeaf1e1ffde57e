// Query helper (see query.hpp).
#include "reports/html/query.hpp"

namespace ptplab::reports::html {

Status for_each_row(Database& db, std::string_view sql, const std::vector<Binding>& bindings,
                    const std::function<void(const Statement&)>& row) {
  auto stmt = db.prepare(sql);
  if (!stmt) return Unexpected(stmt.error());
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    std::visit([&](auto v) { stmt->bind(static_cast<int>(i + 1), v); }, bindings[i]);
  }
  while (stmt->step()) row(*stmt);
  if (!stmt->error().empty()) return Unexpected(stmt->error());
  return std::monostate{};
}

}  // namespace ptplab::reports::html
