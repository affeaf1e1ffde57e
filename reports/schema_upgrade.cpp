// Upgrading reports of earlier schema versions (schema_upgrade.hpp).
#include "reports/schema_upgrade.hpp"

#include <array>
#include <string>
#include <string_view>

#include "reports/records/columns.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {
namespace {

// The run columns each schema version added, by the version that added them.
struct SchemaStep {
  std::int64_t version;
  std::array<std::string_view, 4> run_columns;
};
constexpr std::array<SchemaStep, 1> kSchemaUpgrades{{
    {4, {"sweep_plan", "sweep_index", "sweep_runs", "sweep_shard"}},
}};
static_assert(kSchemaUpgrades.back().version == kSchemaVersion,
              "a schema version without its kSchemaUpgrades step (or the reverse)");

// kRunColumns' SQL type of `name` ("" when there is no such column: a table mistake).
std::string_view sql_type_of(std::string_view name) {
  for (const auto& c : kRunColumns)
    if (c.name == name) return c.sql_type;
  return {};
}

// The value a column reads as in a report written before it existed: its DEFAULT, else NULL.
std::string default_of(std::string_view sql_type) {
  const auto at = sql_type.find("DEFAULT ");
  return at == std::string_view::npos ? "NULL" : std::string(sql_type.substr(at + 8));
}

Status check_range(std::int64_t from) {
  if (from < kOldestUpgradableSchema || from >= kSchemaVersion) {
    return Unexpected("no upgrade from report schema version " + std::to_string(from) +
                      " (this ptplab upgrades " + std::to_string(kOldestUpgradableSchema) + " to " +
                      std::to_string(kSchemaVersion) + ")");
  }
  return std::monostate{};
}

}  // namespace

bool run_column_added_after(std::string_view name, std::int64_t version) {
  for (const auto& step : kSchemaUpgrades) {
    if (step.version <= version) continue;
    for (const auto added : step.run_columns)
      if (added == name) return true;
  }
  return false;
}

Status upgrade_schema(Database& db, std::int64_t from) {
  if (auto s = check_range(from); !s) return s;
  for (const auto& step : kSchemaUpgrades) {
    if (step.version <= from) continue;
    for (const auto name : step.run_columns) {
      const auto type = sql_type_of(name);
      if (type.empty()) return Unexpected("schema upgrade names no run column " + std::string(name));
      if (auto s = db.exec("ALTER TABLE run ADD COLUMN " + std::string(name) + " " + std::string(type)); !s) {
        return Unexpected("upgrading the report from schema version " + std::to_string(from) + ": " +
                          s.error());
      }
    }
  }
  return db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
}

Status view_as_current_schema(Database& db, std::int64_t from) {
  if (auto s = check_range(from); !s) return s;
  std::string added;
  for (const auto& step : kSchemaUpgrades) {
    if (step.version <= from) continue;
    for (const auto name : step.run_columns) {
      const auto type = sql_type_of(name);
      if (type.empty()) return Unexpected("schema upgrade names no run column " + std::string(name));
      added += ", " + default_of(type) + " AS " + std::string(name);
    }
  }
  return db.exec("CREATE TEMP VIEW run AS SELECT *" + added + " FROM main.run");
}

}  // namespace ptplab::reports
