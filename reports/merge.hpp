// Merging report files: `ptplab sweep` and `ptplab suite` run each scenario in its own process
// and file, then append every run of those files into one report, renumbering run ids.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/sink.hpp"

namespace ptplab::reports {

// Appends every run of `source` (in run_id order, with all its rows) and its run-less
// conformance rows to `destination`, created when missing, in one transaction. Returns the
// run ids the copied runs got in `destination`, in source run_id order.
[[nodiscard]] Expected<std::vector<RunId>, std::string> merge_report(const std::string& destination,
                                                                     const std::string& source);

// One run of a report file: the file and the run's id in it.
struct RunOf {
  std::string report;
  RunId run = 0;
};

// Appends the runs `runs`, in the order given, each with all its rows, to `destination`, created
// when missing (run-less conformance rows are not copied: merge_report copies those). The runs
// of one source given in a row are copied in one transaction. Returns the ids the runs got in
// `destination`; on an error (a missing file or run) the runs copied before it stay.
// With `join_continued`, a part of a run whose other part `destination` holds is joined to it
// instead (a writer that lost the lock part-way left the run's first rows in its report, status
// `running`, and went on in a pending report; both parts have the same scenario, scenario_text,
// seed, version, started and sweep_point; of several candidates, the one with the same id, else
// none): its rows are added to that run, the finished part's end columns (status, finished,
// wall_seconds, ...) replace the `running` row's, and its id in the result is that run's. The
// parts may come in either order. A candidate that holds rows of the same run parameters, nodes or
// messages as the part is another run (two processes of one scenario and seed started in the same
// second): the part is appended as a run of its own, and a sentence saying so is added to `notes`
// (when given). Also with `join_continued`, a finished run `destination` holds already (the same
// run columns, end included: appended or joined before) is an error, "... is already in DEST as
// run N": checked inside the write transaction, so of two identical appends at once the second
// fails as it would after the first.
// Both functions write to the file at `destination`'s path when they hold its lock: one that
// another process renamed over the file they had opened (`report merge --replace`) is opened anew.
[[nodiscard]] Expected<std::vector<RunId>, std::string> copy_runs(const std::string& destination,
                                                                  const std::vector<RunOf>& runs,
                                                                  bool join_continued = false,
                                                                  std::vector<std::string>* notes = nullptr);

}  // namespace ptplab::reports
