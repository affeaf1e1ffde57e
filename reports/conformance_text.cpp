// Conformance rows as text.
#include "reports/conformance_text.hpp"

#include <map>
#include <sstream>

#include "reports/sqlite_db.hpp"
#include "reports/text_table.hpp"

namespace ptplab::reports {

Expected<std::string, std::string> format_conformance(const std::string& path, RunId run) {
  auto db = Database::open(path, false);
  if (!db) return Unexpected(db.error());
  auto st = db->prepare(
      "SELECT coalesce(suite, ''), coalesce(case_id, ''), coalesce(level, ''), coalesce(result, ''), "
      "coalesce(evidence, '') FROM conformance_result WHERE coalesce(run_id, 0) = ? ORDER BY suite, rowid");
  if (!st) return Unexpected(st.error());
  st->bind(1, std::int64_t{run});
  struct Suite {
    std::map<std::string, int> counts;  // result -> cases
    TextTable not_passed{{"case", "level", "result", "evidence"}};
    int cases = 0;
  };
  std::map<std::string, Suite> suites;
  while (st->step()) {
    Suite& s = suites[st->text(0)];
    ++s.cases;
    const std::string result = st->text(3);
    ++s.counts[result];
    if (result != "pass") {
      std::string evidence = st->text(4);
      evidence = evidence.substr(0, evidence.find('\n'));
      s.not_passed.row({st->text(1), st->text(2), result, evidence});
    }
  }
  if (!st->error().empty()) return Unexpected(st->error());
  std::ostringstream out;
  for (const auto& [name, s] : suites) {
    out << "conformance of " << (name.empty() ? "?" : name)
        << (run > 0 ? " (run " + std::to_string(run) + ")" : "") << ": " << s.cases << " cases";
    for (const auto& [result, n] : s.counts) out << ", " << n << " " << result;
    out << "\n";
    if (!s.not_passed.empty()) out << s.not_passed.render();
  }
  return out.str();
}

}  // namespace ptplab::reports
