// The sections of the HTML report, each rendering its part of a report file to HTML (charts,
// tables, or a "no data" note that says what is missing).
#pragma once

#include <string>
#include <string_view>

#include "engine/core/expected.hpp"
#include "reports/html/report_data.hpp"

namespace ptplab::reports::html {

// Runs in the file, then the chosen run (named, with `why` it is the one the per-run charts
// show: "the newest complete run; ..."), its metrics, delivery per group (two groups or more),
// expectations and parameters.
[[nodiscard]] std::string summary_section(const ReportSource& src, const RunData& run, std::string_view why);
// Delivery ratio by send time, and the table-size time series of the chosen run.
[[nodiscard]] Expected<std::string, std::string> delivery_section(ReportSource& src, const RunData& run);
// Latency CDF per propagation policy, pooling the runs of each policy.
[[nodiscard]] Expected<std::string, std::string> latency_section(ReportSource& src);
// Datagrams per second per verb, stacked, for the chosen run.
[[nodiscard]] Expected<std::string, std::string> traffic_section(ReportSource& src, const RunData& run);
// Network drops by reason and engine drops by reason for the chosen run.
[[nodiscard]] std::string drops_section(const RunData& run);
// CONNECT success ratio per (initiator NAT, target NAT) pair for the chosen run.
[[nodiscard]] std::string nat_section(const RunData& run);
// Share of runs with an id collision against the birthday bound, per id kind and width.
[[nodiscard]] std::string collisions_section(const ReportSource& src);
// Honest delivery per attack with mitigations on and off (and the no-attack baseline).
[[nodiscard]] std::string abuse_section(const ReportSource& src);
// A node-count sweep's scaling law (scaling_law.hpp: log-log charts of the law's metrics against
// n, a series per reading, missing points flagged, and a table of every point); for other
// sweeps, each metric against the swept parameter, mean and min-max over seeds (line or bars).
// `log_n`: the law's x axis logarithmic whatever the span of n.
[[nodiscard]] std::string sweep_section(const ReportSource& src, bool log_n = false);
// Conformance results as a tree of spec sections with verdicts and failure evidence.
[[nodiscard]] std::string conformance_section(const ReportSource& src);

}  // namespace ptplab::reports::html
