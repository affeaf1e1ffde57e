// The report DDL, from the table of report tables (reports/records/columns.hpp: kRunColumns and
// TableOf<>). Changing a table means bumping kSchemaVersion (writer.hpp) and updating
// reports/SCHEMA.md.
#include "reports/schema.hpp"

#include <array>
#include <string>

#include "reports/records/columns.hpp"

namespace ptplab::reports {
namespace {

// Whether `c` is one of the columns of `run` but run_id (all of them, or those left out of digests).
constexpr bool listed(const RunColumn& c, bool only_volatile) {
  return c.write != RunWrite::kKey && (!only_volatile || !c.in_digest);
}
template <bool OnlyVolatile>
constexpr auto run_column_names() {
  constexpr std::size_t n = [] {
    std::size_t k = 0;
    for (const auto& c : kRunColumns) k += listed(c, OnlyVolatile) ? 1 : 0;
    return k;
  }();
  std::array<std::string_view, n> out{};
  std::size_t i = 0;
  for (const auto& c : kRunColumns) {
    if (listed(c, OnlyVolatile)) out[i++] = c.name;
  }
  return out;
}
constexpr auto kRun = run_column_names<false>();
constexpr auto kRunVolatile = run_column_names<true>();

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
  std::string tables = "CREATE TABLE IF NOT EXISTS run (", indexes;
  for (const auto& c : kRunColumns)
    tables += (c.write == RunWrite::kKey ? "" : ", ") + std::string(c.name) + " " + std::string(c.sql_type);
  tables += ");\n";
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

bool numeric_sql_type(std::string_view sql_type) {
  return sql_type.starts_with("INTEGER") || sql_type.starts_with("REAL");
}

std::vector<NumericColumns> make_numeric_columns() {
  std::vector<NumericColumns> out{{"run", {}, {}}};
  const auto add = [](NumericColumns& t, std::string_view name, std::string_view sql_type) {
    if (!numeric_sql_type(sql_type)) return;
    t.columns.push_back(name);
    t.integer.push_back(sql_type.starts_with("INTEGER"));
  };
  for (const auto& c : kRunColumns)
    if (c.write != RunWrite::kKey) add(out.front(), c.name, c.sql_type);
  for_each_record_type([&]<class R>(R*) {
    NumericColumns t{TableOf<R>::name, {}, {}};
    for (const auto& c : TableOf<R>::columns) add(t, c.name, c.sql_type);
    if (!t.columns.empty()) out.push_back(std::move(t));
  });
  return out;
}

}  // namespace

std::string_view schema_sql() {
  static const std::string schema = make_schema();
  return schema;
}
std::span<const std::string_view> run_columns() { return kRun; }
std::span<const std::string_view> run_volatile_columns() { return kRunVolatile; }
std::span<const TableInfo> run_tables() { return kTables; }
std::span<const NumericColumns> numeric_columns() {
  static const std::vector<NumericColumns> columns = make_numeric_columns();
  return columns;
}

}  // namespace ptplab::reports
