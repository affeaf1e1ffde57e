// The scenario format's network defaults, and the expectation comparison rule.
#include "scenarios/format/scenario.hpp"

#include <cmath>

namespace ptplab::scenarios {

sim::NetworkConfig scenario_network_defaults() {
  sim::NetworkConfig c;
  c.latency.uniform_max_ns = 30 * kMillisecond;
  c.link.uplink_loss.p_bad_to_good = 0.3;
  c.link.uplink_queue_bytes_max = 64 * 1024;
  c.link.downlink_queue_bytes_max = 64 * 1024;
  return c;
}

bool expectation_holds(const Expectation& e, double actual) {
  if (std::isnan(actual)) return false;
  const double tol = e.tolerance;
  switch (e.op) {
    case CompareOp::kLess: return actual < e.value + tol;
    case CompareOp::kLessEqual: return actual <= e.value + tol;
    case CompareOp::kGreater: return actual > e.value - tol;
    case CompareOp::kGreaterEqual: return actual >= e.value - tol;
    case CompareOp::kEqual: return std::fabs(actual - e.value) <= tol;
    case CompareOp::kNotEqual: return std::fabs(actual - e.value) > tol;
  }
  return false;
}

std::uint64_t node_count(const Scenario& s) {
  std::uint64_t n = 0;
  for (const auto& g : s.nodes) n += g.count;
  return n;
}

}  // namespace ptplab::scenarios
