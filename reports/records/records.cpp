// Names of run statuses as stored in run.status.
#include "reports/records/records.hpp"

namespace ptplab::reports {

std::string_view run_status_name(RunStatus status) {
  switch (status) {
    case RunStatus::kRunning: return "running";
    case RunStatus::kComplete: return "complete";
    case RunStatus::kInterrupted: return "interrupted";
    case RunStatus::kFailed: return "failed";
    case RunStatus::kTimedOut: return "timed_out";
  }
  return "failed";
}

std::optional<RunStatus> parse_run_status(std::string_view name) {
  for (const auto s : {RunStatus::kRunning, RunStatus::kComplete, RunStatus::kInterrupted, RunStatus::kFailed,
                       RunStatus::kTimedOut}) {
    if (run_status_name(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace ptplab::reports
