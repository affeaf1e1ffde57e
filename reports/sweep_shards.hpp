// Which sweep and shard a report's runs belong to (run.sweep_plan, sweep_index, sweep_runs,
// sweep_shard: reports/SCHEMA.md), and putting the shards of one sweep (`ptplab sweep --shard
// I/N`) back together: `ptplab report merge` orders them by those columns, whatever order the
// files are given in, and refuses a set that is not exactly the shards of one sweep.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/merge.hpp"
#include "reports/records/records.hpp"

namespace ptplab::reports {

// The sweep plan's digest (SHA-256, 64 hex digits): `runs` are every run of the whole sweep in
// sweep order, each its label (run.sweep_point) and effective scenario document (run.scenario_text),
// so another scenario, --set, sweep matrix or seed count gives another digest.
[[nodiscard]] std::string sweep_plan_digest(const std::vector<std::pair<std::string, std::string>>& runs);

// Writes the sweep columns (RunWrite::kSweep: sweep_plan, sweep_index, sweep_runs, sweep_shard)
// of `stamp` into run `run` of `report` (nullopt: into every run). Errors: the file cannot be opened or
// written.
[[nodiscard]] Expected<std::monostate, std::string> stamp_sweep_run(const std::string& report,
                                                                    std::optional<RunId> run,
                                                                    const RunRow& stamp);

// One input of a merge: its file name and its runs (ReportReader::list_runs).
struct ShardInput {
  std::string file;
  std::vector<RunRow> runs;
};

// The runs of `inputs` in sweep order (by sweep_index) when the inputs are exactly the shards
// 0/N .. N-1/N of one sweep, in any order, each holding every run of its shard once. Otherwise
// the error, a sentence naming the file and what was expected: an input with no runs or a run
// that is not a sweep's (no sweep_plan), an input holding several shards or sweeps, inputs of
// different sweeps (plans) or shard counts, a shard given twice or missing, a run missing from
// its shard or held twice.
[[nodiscard]] Expected<std::vector<RunOf>, std::string> order_shards(const std::vector<ShardInput>& inputs);

}  // namespace ptplab::reports
