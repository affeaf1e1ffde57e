// The per-run values a comparison works on, read from one report file and grouped by sweep
// point: for every run, its seed and each scalar ("metrics" module by bare name, others as
// "module.name"), each statistic's mean and percentiles ("latency_ms.p50"), and expectation
// actuals not already among them. A report without swept parameters is one point.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/records.hpp"

namespace ptplab::reports::compare {

// One run's value of a metric, with the seed that produced it.
struct Observation {
  std::uint64_t seed = 0;
  double value = 0;
};

// The runs of one sweep point (every run of a report made without swept parameters).
struct PointRuns {
  std::string label;                // the sweep label without its seed ("/nodes/0/params/gossip_fanout=4")
  std::vector<std::string> swept;   // the JSON pointers swept at this point, in label order
  std::vector<ParamRecord> params;  // effective parameters of its first run (run_param rows)
  std::map<std::string, std::vector<Observation>> values;  // metric -> one per run that has it
  std::vector<std::uint64_t> seeds;                        // seeds of the runs read, in run order
  std::vector<std::uint64_t> repeated_seeds;  // runs left out: their seed already ran at this point
  // Parameters (other than /seed) whose value differs between the point's runs: then its runs
  // are not seeds of one configuration, and their spread is not seed noise alone.
  std::vector<std::string> differing_params;
};

// What one report file holds for a comparison.
struct ReportRuns {
  std::vector<PointRuns> points;  // in label order
  std::size_t runs = 0;           // runs read
  std::string scenario;           // scenario name of the first run
  bool only_complete = true;      // false when no run was complete and all runs were read instead
};

// Reads the complete runs of `path` (all runs when none is complete). A run whose seed already
// ran at the same point is left out (and listed): the simulator is deterministic, so a second
// run of a seed repeats the first and is not another sample of seed noise.
[[nodiscard]] Expected<ReportRuns, std::string> read_report_runs(const std::string& path);

}  // namespace ptplab::reports::compare
