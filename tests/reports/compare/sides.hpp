// In-memory report contents for the comparison tests: one point, each metric's values given
// in seed order (seeds first_seed, first_seed + 1, ...).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "reports/compare/run_metrics.hpp"

namespace ptplab::reports::compare::testing {

inline PointRuns point_of(const std::map<std::string, std::vector<double>>& values,
                          std::uint64_t first_seed = 1) {
  PointRuns p;
  std::size_t runs = 0;
  for (const auto& [name, vs] : values) {
    for (std::size_t i = 0; i < vs.size(); ++i) p.values[name].push_back({first_seed + i, vs[i]});
    runs = std::max(runs, vs.size());
  }
  for (std::size_t i = 0; i < runs; ++i) p.seeds.push_back(first_seed + i);
  return p;
}

inline ReportRuns report_of(const std::map<std::string, std::vector<double>>& values,
                            std::uint64_t first_seed = 1) {
  ReportRuns r;
  r.points.push_back(point_of(values, first_seed));
  r.runs = r.points[0].seeds.size();
  return r;
}

}  // namespace ptplab::reports::compare::testing
