// Sweep expansion: walks the parameter matrix like an odometer (last parameter fastest), seeds
// innermost, and writes each point's values and seed into a copy of the document.
#include "scenarios/format/sweep.hpp"

#include "scenarios/format/json_checker.hpp"
#include "scenarios/format/overrides.hpp"

namespace ptplab::scenarios {

Expected<std::vector<SweepPoint>, ValidationErrors> expand_sweep(const nlohmann::json& document) {
  using nlohmann::json;
  std::vector<std::pair<std::string, std::vector<json>>> parameters;
  std::uint64_t seeds = 1;
  const std::uint64_t base_seed = integral_value(document.value("seed", json(1))).value_or(1);
  if (document.contains("sweep")) {
    const auto& sweep = document["sweep"];
    if (!sweep.is_object()) return Unexpected(ValidationErrors{{"/sweep", "expected an object"}});
    if (sweep.contains("seeds")) {
      const auto n = integral_value(sweep["seeds"]);
      if (!n || *n == 0) {
        return Unexpected(ValidationErrors{
            {"/sweep/seeds", "expected a positive integer, found " + describe(sweep["seeds"])}});
      }
      seeds = *n;
    }
    const json parameter_matrix = sweep.value("parameters", json::object());
    for (const auto& [path, values] : parameter_matrix.items()) {
      if (!values.is_array() || values.empty()) {
        return Unexpected(ValidationErrors{{"/sweep/parameters", "expected a non-empty array for " + path}});
      }
      parameters.emplace_back(path, std::vector<json>(values.begin(), values.end()));
    }
  }
  std::uint64_t total = seeds;
  for (const auto& [path, values] : parameters) {
    total *= values.size();
    if (total > kSweepPointsMax) break;
  }
  if (total > kSweepPointsMax) {
    return Unexpected(ValidationErrors{
        {"/sweep", "expected at most " + std::to_string(kSweepPointsMax) + " points, found more"}});
  }
  json base = document;
  base.erase("sweep");
  std::vector<SweepPoint> points;
  std::vector<std::size_t> odometer(parameters.size(), 0);
  for (std::uint64_t combination = 0; combination < total / seeds; ++combination) {
    json doc = base;
    std::string label;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const auto& value = parameters[i].second[odometer[i]];
      const auto errors = apply_override(doc, parameters[i].first + "=" + value.dump());
      if (!errors.empty()) return Unexpected(errors);
      label += parameters[i].first + "=" + value.dump() + " ";
    }
    for (std::uint64_t k = 0; k < seeds; ++k) {
      SweepPoint point;
      point.seed = base_seed + k;
      point.document = doc;
      point.document["seed"] = point.seed;
      point.label = label + "seed=" + std::to_string(point.seed);
      points.push_back(std::move(point));
    }
    for (std::size_t i = parameters.size(); i-- > 0;) {
      if (++odometer[i] < parameters[i].second.size()) break;
      odometer[i] = 0;
    }
  }
  return points;
}

}  // namespace ptplab::scenarios
