// The report DDL, from the table of report tables (reports/records/columns.hpp). Changing a
// table means bumping kSchemaVersion (writer.hpp) and updating reports/SCHEMA.md.
#include "reports/schema.hpp"

#include <array>
#include <string>

#include "reports/records/columns.hpp"

namespace ptplab::reports {
namespace {

// The run table; the per-run tables come from reports/records/columns.hpp.
constexpr std::string_view kRunSchema = R"sql(
CREATE TABLE IF NOT EXISTS run (
  run_id INTEGER PRIMARY KEY,
  scenario TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  seed INTEGER NOT NULL,
  version TEXT NOT NULL,
  started TEXT NOT NULL,
  finished TEXT,
  wall_seconds REAL,
  simulated_seconds REAL,
  events INTEGER,
  peak_rss_bytes INTEGER,
  status TEXT NOT NULL,
  sweep_point TEXT NOT NULL
);
)sql";

constexpr std::string_view kRun[] = {"scenario", "scenario_text",  "seed",         "version",
                                     "started",  "finished",       "wall_seconds", "simulated_seconds",
                                     "events",   "peak_rss_bytes", "status",       "sweep_point"};
// Wall clock, machine and build: what differs between two identical runs.
constexpr std::string_view kRunVolatile[] = {"version", "started", "finished", "wall_seconds",
                                             "peak_rss_bytes"};

// The column names of a record's table, all and those left out of digests.
template <class Record>
struct Names {
  static constexpr auto& cols = TableOf<Record>::columns;
  static constexpr auto all = [] {
    std::array<std::string_view, cols.size()> out{};
    for (std::size_t i = 0; i < cols.size(); ++i) out[i] = cols[i].name;
    return out;
  }();
  static constexpr std::size_t volatile_count = [] {
    std::size_t n = 0;
    for (const auto& c : cols) n += c.in_digest ? 0 : 1;
    return n;
  }();
  static constexpr auto volatiles = [] {
    std::array<std::string_view, volatile_count> out{};
    std::size_t n = 0;
    for (const auto& c : cols) {
      if (!c.in_digest) out[n++] = c.name;
    }
    return out;
  }();
};

constexpr auto kTables = []<class... R>(std::tuple<R...>*) {
  return std::array<TableInfo, sizeof...(R)>{
      TableInfo{TableOf<R>::name, Names<R>::all, Names<R>::volatiles}...};
}(static_cast<RunRecords*>(nullptr));

// "CREATE TABLE IF NOT EXISTS t (run_id ..., a TEXT, b REAL);" for every per-run table, then
// their indexes, after the run table.
std::string make_schema() {
  std::string tables(kRunSchema), indexes;
  for_each_record_type([&]<class R>(R*) {
    tables += "CREATE TABLE IF NOT EXISTS " + std::string(TableOf<R>::name) + " (" +
              std::string(TableOf<R>::run_id);
    for (const auto& c : TableOf<R>::columns)
      tables += ", " + std::string(c.name) + " " + std::string(c.sql_type);
    tables += ");\n";
    indexes += "CREATE INDEX IF NOT EXISTS " + std::string(TableOf<R>::index) + ";\n";
  });
  return tables + indexes;
}

}  // namespace

std::string_view schema_sql() {
  static const std::string schema = make_schema();
  return schema;
}
std::span<const std::string_view> run_columns() { return kRun; }
std::span<const std::string_view> run_volatile_columns() { return kRunVolatile; }
std::span<const TableInfo> run_tables() { return kTables; }

}  // namespace ptplab::reports
