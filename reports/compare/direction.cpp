// Metric directions (see direction.hpp).
#include "reports/compare/direction.hpp"

namespace ptplab::reports::compare {

Better better_direction(std::string_view metric) {
  if (const auto* m = find_metric(metric)) return m->better;
  if (const auto* v = find_run_value(metric)) return v->better;
  return Better::kNeither;
}

}  // namespace ptplab::reports::compare
