// Plain-text rendering of a run summary for the terminal (`ptplab report`, and the table
// `ptplab run` prints at the end of a run).
#pragma once

#include <string>

#include "reports/reader.hpp"

namespace ptplab::reports {

// Sections: run, parameters, delivery and latency, per group (with two groups or more), metrics, statistics,
// traffic per verb, drops by reason, collisions, NAT matrix, expectations. Empty sections are left out.
[[nodiscard]] std::string format_summary(const RunSummary& summary);

// The per-group table (group, nodes, joined, intended, delivered, ratio, p50 ms, p99 ms), each
// line indented by two spaces; "" with fewer than two groups (the totals say it all).
[[nodiscard]] std::string format_group_table(const std::vector<GroupTotals>& groups);

// One line per run: id, scenario, seed, status, sweep point.
[[nodiscard]] std::string format_run_list(const std::vector<RunRow>& runs);

}  // namespace ptplab::reports
