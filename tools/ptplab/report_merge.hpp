// `ptplab report merge OUT IN...`: joins report files into one, the shards of a sweep
// (`ptplab sweep --shard I/N`) back in sweep order. Dispatched to by `ptplab report`.
#pragma once

namespace ptplab::cli {

// argv[0] == "merge". Exit status: 0 merged, 2 a usage error or an unreadable or unwritable report.
[[nodiscard]] int report_merge(int argc, char** argv);

}  // namespace ptplab::cli
