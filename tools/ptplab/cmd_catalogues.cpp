// `ptplab params` and `ptplab metrics`: catalogues printed from the project's tables, never
// from a copy. params: every NodeParams field set_param accepts (engine/node/node_params.hpp),
// with its JSON type and default (params_to_json of a default NodeParams) and the unit its name
// implies (the header's naming rule: `_ns` durations, `_bytes` sizes, `_max` bounds).
// metrics: the metric table (reports/records/metrics.hpp): name, unit, better direction, meaning.
// Exit status: 0, or 2 on a usage error.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/node/node_params.hpp"
#include "reports/records/metrics.hpp"
#include "reports/text_table.hpp"
#include "tools/ptplab/command.hpp"

namespace ptplab::cli {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string json_type(const nlohmann::json& v) {
  if (v.is_boolean()) return "bool";
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_string()) return "string";
  return v.type_name();
}

std::string unit_of(std::string_view name) {
  if (ends_with(name, "_ns")) return "ns (or \"15s\", \"200ms\")";
  if (ends_with(name, "_bytes")) return "bytes";
  if (ends_with(name, "_max")) return "bound (count)";
  if (ends_with(name, "_bits")) return "bits";
  return "";
}

// Accepts only --help; anything else is a usage error.
int usage_only(int argc, char** argv, const char* usage) {
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::printf("%s", usage);
    return 0;
  }
  if (argc > 1) {
    std::fprintf(stderr, "ptplab %s: unexpected argument '%s'\n%s", argv[0], argv[1], usage);
    return 2;
  }
  return -1;
}

int params(int argc, char** argv) {
  if (int r = usage_only(argc, argv,
                         "usage: ptplab params\n\nLists every node parameter a scenario's \"params\" may "
                         "set: name, type, default, unit.\nExit status: 0, 2 a usage error.\n");
      r >= 0) {
    return r;
  }
  const auto defaults = engine::params_to_json(engine::NodeParams{});
  reports::TextTable t({"name", "type", "default", "unit"});
  for (const auto name : engine::param_names()) {
    const std::string key(name);
    const auto& v = defaults.contains(key) ? defaults.at(key) : nlohmann::json();
    t.row({key, json_type(v), v.is_string() ? v.get<std::string>() : v.dump(), unit_of(name)});
  }
  std::printf("Node parameters (scenario \"nodes\"[i].\"params\"; meanings: engine/node/node_params.hpp)\n%s",
              t.render().c_str());
  return 0;
}

int metrics(int argc, char** argv) {
  if (int r = usage_only(argc, argv,
                         "usage: ptplab metrics\n\nLists every metric a run computes (scalar rows of "
                         "module \"metrics\", the names `expect` uses):\nname, unit, better direction, "
                         "meaning.\nExit status: 0, 2 a usage error.\n");
      r >= 0) {
    return r;
  }
  reports::TextTable t({"name", "unit", "better", "meaning"});
  for (const auto& m : reports::metric_table()) {
    t.row({std::string(m.name), std::string(m.unit), std::string(reports::better_name(m.better)),
           std::string(m.meaning)});
  }
  std::printf("Metrics (reports/records/metrics.hpp; SQL definitions in reports/SCHEMA.md)\n%s",
              t.render().c_str());
  return 0;
}

}  // namespace

PTPLAB_COMMAND("params", "list every node parameter: name, type, default, unit", params);
PTPLAB_COMMAND("metrics", "list every metric: name, unit, better direction, meaning", metrics);

}  // namespace ptplab::cli
