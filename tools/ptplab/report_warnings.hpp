// The `warning:` lines of a stored run, recomputed from its report rows, so `ptplab report`
// repeats what `ptplab run` printed (review-tr finding 12).
#pragma once

#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/sink.hpp"
#include "reports/sqlite_db.hpp"

namespace ptplab::cli {

// The run's warning lines (scenarios::run_warnings) from its rows: drop reasons and too_large
// drops by verb from `traffic`, given-up retransmissions and skipped workload actions from the
// `sim` scalars, members up at the end that had not joined from `membership`. The lines about
// MESSAGEs an origin could not send (run only) are not repeated: the report does not tell an
// origin's refusal from a relay's; the too_large line and the `messages_unsent` scalar cover it.
// Errors: the SQLite message.
[[nodiscard]] Expected<std::vector<std::string>, std::string> stored_run_warnings(reports::Database& db,
                                                                                  reports::RunId run);

}  // namespace ptplab::cli
