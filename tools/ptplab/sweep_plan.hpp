// Which runs of a sweep one `ptplab sweep` does, and the report they end in: --shard I/N (for
// batch schedulers' job arrays, without MPI: the runs whose index in sweep order, counted from
// 0, is I mod N) and --resume (the runs the report already holds complete are kept, not run
// again; the report ends with one run per sweep run, in sweep order, so that its digest is the
// uninterrupted sweep's). Sweep order: scenarios/format/sweep.hpp, expand_sweep.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/reader.hpp"

namespace ptplab::cli {

// --shard I/N: this command does the runs whose sweep index is I mod N.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
};

// "I/N" with 0 <= I < N (decimal integers), or the error naming what is wrong.
[[nodiscard]] Expected<Shard, std::string> parse_shard(std::string_view text);

// One run of the sweep this command does: its sweep index, its label (run.sweep_point) and
// its effective scenario document as the run will store it (run.scenario_text).
struct SweepRunSpec {
  std::size_t index = 0;
  std::string label;
  std::string document;
};

// The runs `report` holds for each of `runs` (by position, in run_id order): those with the
// same label and document. The error (a usage error) when the report holds a run of another
// scenario than `scenario`, one of another sweep (its sweep_plan is not `plan`: another --set,
// matrix or seed count, even one whose runs are all runs of this sweep), or one that is none of
// `runs` (another --set, matrix, or another shard's run).
[[nodiscard]] Expected<std::vector<std::vector<reports::RunRow>>, std::string> match_sweep_runs(
    const std::string& report, std::string_view scenario, const std::string& plan,
    const std::vector<SweepRunSpec>& runs);

// The run --resume keeps of one sweep run's runs: the first complete one.
[[nodiscard]] std::optional<reports::RunId> complete_run(const std::vector<reports::RunRow>& runs);

// After a resumed sweep: rewrites `report` (through a file beside it, renamed over it) to hold
// one run per sweep run that has any, in sweep order: its first complete run, else its newest
// (an interrupted one, say); the runs that one replaces are dropped. Each run kept gets the sweep
// columns of `sweep` (sweep_plan, sweep_runs, sweep_shard) with its own sweep_index. Returns a
// sentence per run dropped ("dropped run 7 (complete) of 'LABEL': it keeps run 2 (complete)").
[[nodiscard]] Expected<std::vector<std::string>, std::string> put_in_sweep_order(
    const std::string& report, std::string_view scenario, const std::vector<SweepRunSpec>& runs,
    const reports::RunRow& sweep);

// The sweep columns (reports/sweep_shards.hpp) of the runs of a sweep whose runs are
// `all_runs` (every run of the whole sweep: label and effective document, in sweep order), done
// as shard `shard`: sweep_plan, sweep_runs and sweep_shard set, sweep_index 0 (set per run).
[[nodiscard]] reports::RunRow sweep_stamp(const std::vector<std::pair<std::string, std::string>>& all_runs,
                                          const Shard& shard);

}  // namespace ptplab::cli
