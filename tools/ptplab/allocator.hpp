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

}  // namespace ptplab::cli
