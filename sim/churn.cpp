// Session-length draws.
#include "sim/churn.hpp"

#include <cmath>

namespace ptplab::sim {
namespace {

constexpr double kSessionMaxNs = 365.0 * 24 * 3600 * 1e9;

}  // namespace

TimeNs draw_session_length(const SessionLengthConfig& c, Rng& rng) {
  const double u = 1.0 - rng.uniform();  // (0, 1]
  const auto mean = static_cast<double>(c.mean_ns);
  double ns = 0;
  if (c.kind == SessionKind::kExponential || c.pareto_shape <= 1.0) {
    ns = -std::log(u) * mean;
  } else {
    const double scale = mean * (c.pareto_shape - 1.0) / c.pareto_shape;
    ns = scale / std::pow(u, 1.0 / c.pareto_shape);
  }
  if (!(ns < kSessionMaxNs)) ns = kSessionMaxNs;
  return ns < 1.0 ? 1 : static_cast<TimeNs>(ns);
}

}  // namespace ptplab::sim
