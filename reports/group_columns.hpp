// The columns of the per-group table (reports::GroupTotals) that `ptplab run`, `ptplab report`
// and the HTML report show: header and cell, declared once; each renderer formats the cells.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "reports/records/records.hpp"

namespace ptplab::reports {

// A cell: text, a count, or a number that may be absent (shown as "-").
using GroupCell = std::variant<std::string_view, std::uint64_t, std::optional<double>>;

// One column: its header, the cell of a group, and the unit of a number cell ("ratio": shown with
// 4 decimals in text, as `ptplab run` prints ratios; "ms"; "" for text and counts).
struct GroupColumn {
  std::string_view header;
  GroupCell (*cell)(const GroupTotals&);
  std::string_view unit = "";
};

inline constexpr std::array<GroupColumn, 8> kGroupColumns = {{
    {"group", [](const GroupTotals& g) -> GroupCell { return std::string_view(g.group_name); }},
    {"nodes", [](const GroupTotals& g) -> GroupCell { return g.nodes; }},
    {"joined", [](const GroupTotals& g) -> GroupCell { return g.nodes_joined; }},
    {"intended", [](const GroupTotals& g) -> GroupCell { return g.intended; }},
    {"delivered", [](const GroupTotals& g) -> GroupCell { return g.delivered; }},
    {"ratio", [](const GroupTotals& g) -> GroupCell { return g.delivery_ratio; }, "ratio"},
    {"p50 ms", [](const GroupTotals& g) -> GroupCell { return g.latency_p50_ms; }, "ms"},
    {"p99 ms", [](const GroupTotals& g) -> GroupCell { return g.latency_p99_ms; }, "ms"},
}};

}  // namespace ptplab::reports
