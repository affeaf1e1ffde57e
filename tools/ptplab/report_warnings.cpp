// A stored run's warning lines (see report_warnings.hpp).
#include "tools/ptplab/report_warnings.hpp"

#include <algorithm>

#include "reports/records/metrics.hpp"
#include "scenarios/metrics/run_warnings.hpp"

namespace ptplab::cli {
namespace {

// Rows (name, count) of `sql`, with :run bound to `run`, largest count first (ties by name).
Expected<std::vector<scenarios::DropCount>, std::string> counts(reports::Database& db, const char* sql,
                                                                reports::RunId run) {
  auto st = db.prepare(sql);
  if (!st) return Unexpected(st.error());
  st->bind(1, static_cast<std::int64_t>(run));
  std::vector<scenarios::DropCount> out;
  while (st->step()) out.push_back({st->text(0), static_cast<std::uint64_t>(st->int64(1))});
  if (!st->error().empty()) return Unexpected(st->error());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  return out;
}

}  // namespace

Expected<std::vector<std::string>, std::string> stored_run_warnings(reports::Database& db,
                                                                    reports::RunId run) {
  scenarios::RunDiagnostics d;
  auto drops =
      counts(db,
             "SELECT drop_reason, sum(datagrams_dropped) FROM traffic WHERE run_id = ?1 AND "
             "drop_reason IS NOT NULL AND drop_reason <> '' GROUP BY drop_reason ORDER BY drop_reason",
             run);
  if (!drops) return Unexpected(drops.error());
  d.drops = std::move(*drops);
  auto too_large = counts(db,
                          "SELECT verb, sum(datagrams_dropped) FROM traffic WHERE run_id = ?1 AND "
                          "drop_reason = 'too_large' GROUP BY verb ORDER BY verb",
                          run);
  if (!too_large) return Unexpected(too_large.error());
  d.too_large_by_verb = std::move(*too_large);
  // Every sim scalar, matched against the run value table's names.
  auto sim = counts(db,
                    "SELECT name, CAST(value AS INTEGER) FROM scalar WHERE run_id = ?1 AND module = 'sim' "
                    "ORDER BY name",
                    run);
  if (!sim) return Unexpected(sim.error());
  using V = reports::RunValue;
  const auto name_of = [](V v) { return reports::run_value_def(v).name(); };
  for (const auto& s : *sim) {
    if (s.reason == name_of(V::kSimGaveUp)) d.gave_up = s.count;
    if (s.reason == name_of(V::kSimMembersJoinedUnreached)) d.members_joined_unreached = s.count;
    if (s.reason == name_of(V::kSimNodeRowsUnwritten)) d.node_rows_unwritten = s.count;
    for (std::size_t i = 0; i < scenarios::workload_rule_count(); ++i) {
      const auto k = static_cast<scenarios::Skipped>(i);
      if (s.reason != name_of(scenarios::skipped_value(k)) || s.count == 0) continue;
      d.skipped.push_back({std::string(scenarios::skipped_name(k)), s.count});
    }
  }
  std::stable_sort(d.skipped.begin(), d.skipped.end(),
                   [](const auto& a, const auto& b) { return a.count > b.count; });
  auto open = db.prepare(
      "SELECT count(*), count(*) - count(joined_ns) FROM membership WHERE run_id = ?1 AND left_ns IS NULL");
  if (!open) return Unexpected(open.error());
  open->bind(1, static_cast<std::int64_t>(run));
  if (open->step()) {
    d.members_open = static_cast<std::uint64_t>(open->int64(0));
    d.members_open_not_joined = static_cast<std::uint64_t>(open->int64(1));
  }
  if (!open->error().empty()) return Unexpected(open->error());
  return scenarios::run_warnings(d);
}

}  // namespace ptplab::cli
