// Which heap allocator the ptplab process runs on (README "Dependencies", mimalloc).
#pragma once

#include <string>

namespace ptplab::cli {

/// One line naming the allocator that serves this process's malloc and operator new, e.g.
/// "mimalloc 2.0.9 (serves malloc)" or "the C library's malloc". Built with
/// PTPLAB_ALLOCATOR=mimalloc, the line also says whether mimalloc really serves malloc (a pointer
/// from malloc lies in a mimalloc heap region), so a build whose linker dropped the library, or a
/// process whose malloc another library interposed, is told apart ("linked, but malloc is not
/// mimalloc's"). No errors.
std::string allocator_description();

/// Sets the allocator's options for a simulation's allocation pattern; called first in main.
/// With mimalloc: freed pages are returned to the system at once (option decommit_delay 0; its
/// default holds them 25 ms), which lowers the peak RSS of flood-1k at 8,000 nodes by ~3 MB
/// (P-idle-memory 8.02-8.06 -> 7.85-7.88 KiB per node) at no measured CPU cost (reports/BENCHMARKS.md,
/// "[P] session 15: the allocator"). An environment variable MIMALLOC_DECOMMIT_DELAY (or its old
/// name MIMALLOC_RESET_DELAY) wins. Does nothing with the C library's malloc. No errors.
void configure_allocator();

}  // namespace ptplab::cli
