// Runs whose process died before it finished them (SIGKILL, a crash): their `run` row still says
// `running` although nothing runs them any more. `ptplab suite` and `sweep` mark them when the
// child run that wrote them has ended, so that a report never shows a dead run as running.
#pragma once

#include <cstddef>
#include <string>

#include "engine/core/expected.hpp"
#include "reports/records/records.hpp"

namespace ptplab::reports {

// Sets run.status to `status` (kFailed, kInterrupted) for every run of `report` still `running`;
// how many it changed. Errors: the file cannot be opened or written.
[[nodiscard]] Expected<std::size_t, std::string> mark_unfinished_runs(const std::string& report,
                                                                      RunStatus status);

}  // namespace ptplab::reports
