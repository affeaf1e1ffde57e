// See allocator.hpp.
#include "tools/ptplab/allocator.hpp"

#include <cstdlib>
#include <string>

#ifdef PTPLAB_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace ptplab::cli {

std::string allocator_description() {
#ifdef PTPLAB_WITH_MIMALLOC
  const int v = mi_version();  // e.g. 209 for 2.0.9
  std::string text = "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." +
                     std::to_string(v % 10);
  void* probe = std::malloc(64);
  const bool serves = mi_is_in_heap_region(probe);
  std::free(probe);
  text.append(serves ? " (serves malloc)" : " (linked, but malloc is not mimalloc's)");
  return text;
#else
  return "the C library's malloc";
#endif
}

void configure_allocator() {
#ifdef PTPLAB_WITH_MIMALLOC
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") == nullptr && std::getenv("MIMALLOC_RESET_DELAY") == nullptr)
    mi_option_set(mi_option_decommit_delay, 0);
#endif
}

}  // namespace ptplab::cli
