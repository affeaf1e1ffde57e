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
#include "reports/records/sink.hpp"

namespace ptplab::reports::compare {

// One run's value of a metric, with the seed that produced it.
struct Observation {
  std::uint64_t seed = 0;
  double value = 0;
};

// A run left out of its point: it repeats `first`, an earlier run of the same seed with the same
// scenario and parameters (the simulator is deterministic, so it is not another sample).
struct RepeatedRun {
  RunId run = 0;    // run_id left out
  RunId first = 0;  // run_id it repeats
  std::uint64_t seed = 0;
};

// The runs of one sweep point (every run of a report made without swept parameters).
struct PointRuns {
  std::string label;               // the sweep label without its seed ("/nodes/0/params/gossip_fanout=4")
  std::vector<std::string> swept;  // the JSON pointers swept at this point, in label order
  std::vector<std::string> swept_values;  // their values at this point, same order
  std::vector<ParamRecord> params;        // effective parameters of its first run (run_param rows)
  std::map<std::string, std::vector<Observation>> values;  // metric -> one per run that has it
  std::vector<std::uint64_t> seeds;                        // seeds of the runs read, in run order
  std::vector<RepeatedRun> repeated;  // runs left out: their seed already ran here, identically
  // Parameters (other than /seed) whose value differs between the point's runs, and "the
  // scenario" when their scenario names differ: then its runs are not seeds of one
  // configuration, and their spread is not seed noise alone.
  std::vector<std::string> differing_params;
  bool complete = true;  // its runs are complete ones (ReportRuns::only_complete)
};

// The values of `p`, plus a 0 for each of its runs that lacks a name of `names` the run value
// table calls absent when none (sim.messages_unsent: a complete run without it had none), so a
// mean covers every run and not only those that had some. Only for complete runs: one that
// stopped early may not have written it. Other names are left as they are.
[[nodiscard]] std::map<std::string, std::vector<Observation>> values_with_absent_as_zero(
    const PointRuns& p, const std::vector<std::string>& names);

// What one report file holds for a comparison.
struct ReportRuns {
  std::vector<PointRuns> points;  // in label order
  std::size_t runs = 0;           // runs read
  std::string scenario;           // the runs' scenario names, distinct, in run order, ", " between
  bool only_complete = true;      // false when no run was complete and all runs were read instead
  // The runs left out for not being complete (only_complete), by run.status ("interrupted": 2).
  std::map<std::string, std::size_t> left_out;
};

// Reads the complete runs of `path` (all runs when none is complete), points in the order of
// their swept values (value_less). A run whose seed already ran at the same point with the same
// scenario and parameters is left out (and listed): the simulator is deterministic, so it
// repeats the first and is not another sample of seed noise. Errors: runs of one seed at one
// point that differ in scenario or parameters (different configurations written into one file,
// e.g. `ptplab run --set ...` appending to one report): the message names the runs and what
// differs, since no one of them stands for the file.
[[nodiscard]] Expected<ReportRuns, std::string> read_report_runs(const std::string& path);

// Orders parameter values as a reader expects: numerically when both start with a number
// ("4" < "10", "20ms" < "100ms", "0.05" < "0.1"), the rest of the text breaking ties; else as text.
[[nodiscard]] bool value_less(const std::string& a, const std::string& b);

}  // namespace ptplab::reports::compare
