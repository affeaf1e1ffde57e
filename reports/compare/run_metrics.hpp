// The per-run values a comparison works on, read from one report file: for every run, each
// scalar ("metrics" module by bare name, others as "module.name"), each statistic's mean and
// percentiles ("latency_ms.p50"), and expectation actuals not already among them. When the file
// holds several sweep points, each value is kept per point: "latency_p50_ms @ gossip_fanout=4".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"

namespace ptplab::reports::compare {

// metric name -> one value per run that has it (runs are the seeds of one configuration).
struct RunMetrics {
  std::map<std::string, std::vector<double>> values;
  std::size_t runs = 0;       // runs read
  std::string scenario;       // scenario name of the first run
  bool only_complete = true;  // false when no run was complete and all runs were read instead
};

// The metric a per-point name refers to ("latency_p50_ms @ gossip_fanout=4" -> latency_p50_ms).
[[nodiscard]] std::string base_metric(const std::string& name);

// Reads the complete runs of `path` (all runs when none is complete).
[[nodiscard]] Expected<RunMetrics, std::string> read_run_metrics(const std::string& path);

}  // namespace ptplab::reports::compare
