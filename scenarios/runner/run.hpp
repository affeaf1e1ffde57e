// One scenario run end to end: the report's run row and parameters, the simulation, the
// metrics, the expectations, and the run's final status. `ptplab run`, `suite` and `sweep` all
// go through run_scenario.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/sink.hpp"
#include "scenarios/format/scenario.hpp"
#include "scenarios/metrics/collector.hpp"
#include "scenarios/runner/capture_tap.hpp"
#include "scenarios/runner/simulation.hpp"

namespace ptplab::scenarios {

// How to run.
struct RunRequest {
  reports::RecordSink* sink = nullptr;      // where the run's rows go; null: no report, metrics only
  std::string version;                      // ptplab version for the run row
  std::string sweep_point;                  // label of a sweep point, "" if none
  const std::atomic<bool>* stop = nullptr;  // raised (e.g. by SIGINT) to stop within a few hundred events
  // Raised before `stop` when the stop is the run's wall-time limit: the run then ends
  // `timed_out` instead of `interrupted` (may be null).
  const std::atomic<bool>* timed_out = nullptr;
  ProgressFn progress;     // called between slices (may be empty)
  SetupFn setup;           // called after each set-up phase, before simulating (may be empty)
  CaptureRequest capture;  // datagrams to capture (capture.sink null: none)
  // The caller exits right after a run that `stop` interrupted: its simulation is then left
  // allocated instead of torn down (up to a second for 10,000 nodes), so the exit is prompt.
  bool exit_follows_stop = false;
  // After `stop` interrupted the run, asked between chunks of its per-node rows whether to go on
  // writing them: false leaves the rest unwritten (counted as sim.node_rows_unwritten, which
  // `ptplab report` warns of), so that a stop takes effect within a second even with a million
  // nodes (issue [R] item 1). The CLI bounds it by wall time; empty: every row is written.
  std::function<bool()> keep_writing_after_stop;
  // This rank's place in a partitioned run (simulation_parts.cpp; null: not partitioned). Only
  // rank 0 gives a sink; every rank gets the same outcome status, rank 0 alone its metrics.
  PartComm* parts = nullptr;
  // Told the partitioned run's plan once it is built, then what its windows cost once it ran
  // (Simulation::partition_summary, partition_costs; may be empty).
  std::function<void(const std::string&)> on_partitioned;
};

// What a run produced.
struct RunOutcome {
  reports::RunId run_id = 0;
  reports::RunStatus status = reports::RunStatus::kComplete;
  MetricValues metrics;
  RunDiagnostics diagnostics;                // what the summary's drop list and warning lines come from
  std::vector<reports::GroupTotals> groups;  // delivery and latency per group of honest nodes
  std::vector<reports::ExpectationRecord> expectations;
  bool passed = false;  // complete and every expectation passed
  TimeNs simulated_ns = 0;
  std::uint64_t events = 0;
  double wall_seconds = 0;
};

// The partition plans `mpirun -np K ptplab run` would use for `scenario`, one line for each K of
// `parts` (>= 1): "K parts of H0/H1/... hosts, E of M overlay edges cut, lookahead L". Builds
// the hosts and the overlay only (no node starts, nothing runs), so that the cut of many ranks
// can be read on one process (BENCHMARKS.md's projection). Errors: a latency with no positive
// minimum, a scenario that cannot be built.
[[nodiscard]] Expected<std::vector<std::string>, std::string> preview_partitions(
    const Scenario& scenario, const std::vector<std::uint32_t>& parts);

// Runs the scenario. Errors: the report cannot be written, or the scenario cannot be built.
[[nodiscard]] Expected<RunOutcome, std::string> run_scenario(const Scenario& scenario,
                                                             const RunRequest& request);

// Every leaf of a JSON document as (JSON pointer, JSON text), in document order: run_param rows.
// A raised `stop` (may be null) ends the listing early with the leaves listed so far: a run
// stopped meanwhile keeps its whole scenario text in the run row all the same.
[[nodiscard]] std::vector<reports::ParamRecord> flatten_parameters(const std::string& document,
                                                                   const std::atomic<bool>* stop = nullptr);

// The current wall-clock time as ISO 8601 UTC ("2026-11-25T17:20:04Z"); for run rows only.
[[nodiscard]] std::string wall_clock_iso();

}  // namespace ptplab::scenarios
