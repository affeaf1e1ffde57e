// `ptplab report merge OUT SHARD...`: joins the shards of one sweep (`ptplab sweep --shard I/N`)
// into one report in sweep order, refusing anything else (reports/sweep_shards.hpp, order_shards).
// Dispatched to by `ptplab report`.
#pragma once

namespace ptplab::cli {

// argv[0] == "merge". Exit status: 0 merged, 2 a usage error (inputs that are not every shard of
// one sweep once, an existing OUT without --replace, several MPI ranks) or an unreadable or
// unwritable report.
[[nodiscard]] int report_merge(int argc, char** argv);

}  // namespace ptplab::cli
