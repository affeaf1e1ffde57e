# One wrapper per kind of target so every target gets the same flags
# (in the manner of abseil's absl_cc_library / absl_cc_test).

# The same warnings with gcc and clang. gcc's -Wshadow=local (a local shadowing a local or a
# parameter, lambda parameters included) is spelled in clang as -Wshadow (which also covers a
# local shadowing a field or a namespace-scope variable) plus -Wshadow-uncaptured-local (a
# lambda's parameter or local shadowing an enclosing local it does not capture).
set(PTPLAB_WARNINGS -Wall -Wextra -Wpedantic -Wnon-virtual-dtor)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  list(APPEND PTPLAB_WARNINGS -Wshadow -Wshadow-uncaptured-local)
else()
  list(APPEND PTPLAB_WARNINGS -Wshadow=local)
endif()
set(PTPLAB_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)

if(PTPLAB_SANITIZE)
  add_compile_options(${PTPLAB_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

# ptplab_apply_flags(target): the project's warning flags.
function(ptplab_apply_flags target)
  target_compile_options(${target} PRIVATE ${PTPLAB_WARNINGS})
endfunction()

# One precompiled header for the libraries and the binaries: the standard headers most of their
# files include, parsed once instead of once per file (about half the CPU of a small unit such as
# engine/node/peer_table.cpp under the sanitizers; reports/BENCHMARKS.md, "Build and test loop",
# session 8). Standard headers only, so the PCH makes nothing visible that the DESIGN.md arrows
# forbid (nlohmann/json, Boost and OpenSSL stay behind each file's own #include); every target
# built with the project's flags reuses the one PCH (REUSE_FROM). The test executables have their
# own (tests/CMakeLists.txt): they are compiled with other flags (PTPLAB_TEST_CXX_FLAGS).
set(PTPLAB_PCH_HEADERS <algorithm> <array> <chrono> <cmath> <cstddef> <cstdint> <cstdio>
  <functional> <map> <memory> <optional> <span> <string> <string_view> <utility> <variant> <vector>)
if(PTPLAB_PCH)
  file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/ptplab_pch.cpp
    CONTENT "// Compiles cmake/ptplab.cmake's precompiled header (PTPLAB_PCH_HEADERS).\n")
  add_library(ptplab_pch OBJECT ${CMAKE_BINARY_DIR}/ptplab_pch.cpp)
  target_compile_options(ptplab_pch PRIVATE ${PTPLAB_WARNINGS})
  target_precompile_headers(ptplab_pch PRIVATE ${PTPLAB_PCH_HEADERS})
endif()

# ptplab_use_pch(target): TARGET's files are compiled with the PCH above (when PTPLAB_PCH is on).
function(ptplab_use_pch target)
  if(PTPLAB_PCH)
    target_precompile_headers(${target} REUSE_FROM ptplab_pch)
  endif()
endfunction()

# Unity builds of the libraries whose files include heavy headers (nlohmann/json, Boost, SQLite)
# and of the binary (PTPLAB_UNITY_LIBS; off by default, so an edit recompiles one file, and on in
# tools/test, whose clean sanitized build is CI's): a target's files are compiled
# PTPLAB_UNITY_LIBS_BATCH at a time as one translation unit, so the headers they share are parsed,
# and their inline functions and templates instantiated and code-generated under the sanitizers,
# once per batch instead of once per file (reports/BENCHMARKS.md, "Build and test loop", session 9:
# 8 files of scenarios/adversaries took 8.8 CPU s as one unit, 48.1 s one by one). Used by
# reports, scenarios, conformance and tools; not by engine and sim, whose files are small, include
# little but the standard PCH, and are the ones most edited. The files of a batch share one
# translation unit, so two files of one such target must not define the same file-local name
# (anonymous namespace or static): a clash fails only the unity build (tools/test); rename one.
set(PTPLAB_UNITY_LIBS_BATCH 8)

# ptplab_unity(target): TARGET's files in unity batches (when PTPLAB_UNITY_LIBS is on).
function(ptplab_unity target)
  if(PTPLAB_UNITY_LIBS)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${PTPLAB_UNITY_LIBS_BATCH})
  endif()
endfunction()

# ptplab_publish(TARGET SCOPE DIR dir [EXCLUDE subdir...]): makes DIR (minus the EXCLUDEd
# subfolders) reachable from TARGET, and from what links it when SCOPE is PUBLIC/INTERFACE, by its
# root-relative path ("engine/core/time.hpp") and nothing else of the source tree: a per-target
# folder of the build tree holds symlinks to just DIR (or to each entry of DIR but the excluded
# ones), so an include of a module the target does not link fails to compile (DESIGN.md arrows).
function(ptplab_publish target scope)
  cmake_parse_arguments(ARG "" "DIR" "EXCLUDE" ${ARGN})
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${ARG_DIR})
  set(root ${CMAKE_BINARY_DIR}/include/${target})
  file(REMOVE_RECURSE ${root})
  if(ARG_EXCLUDE)
    file(MAKE_DIRECTORY ${root}/${rel})
    file(GLOB entries CONFIGURE_DEPENDS LIST_DIRECTORIES true RELATIVE ${ARG_DIR} ${ARG_DIR}/*)
    list(REMOVE_ITEM entries ${ARG_EXCLUDE})
    foreach(e IN LISTS entries)
      file(CREATE_LINK ${ARG_DIR}/${e} ${root}/${rel}/${e} SYMBOLIC)
    endforeach()
  else()
    get_filename_component(parent ${root}/${rel} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${ARG_DIR} ${root}/${rel} SYMBOLIC)
  endif()
  target_include_directories(${target} ${scope} ${root})
endfunction()

# ptplab_library(NAME DIR dir [EXCLUDE subdir...] DEPS ...): a static library made of every
# .cpp below DIR (recursively), except the EXCLUDEd subfolders, which are targets of their own.
# It publishes only DIR's headers; everything else comes from its DEPS.
function(ptplab_library name)
  cmake_parse_arguments(ARG "" "DIR" "EXCLUDE;DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${ARG_DIR}/*.cpp")
  foreach(ex IN LISTS ARG_EXCLUDE)
    list(FILTER sources EXCLUDE REGEX "^${ARG_DIR}/${ex}/")
  endforeach()
  if(sources)
    add_library(${name} STATIC ${sources})
    ptplab_publish(${name} PUBLIC DIR ${ARG_DIR} EXCLUDE ${ARG_EXCLUDE})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(${name} INTERFACE)
    ptplab_publish(${name} INTERFACE DIR ${ARG_DIR} EXCLUDE ${ARG_EXCLUDE})
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
  if(sources)
    ptplab_apply_flags(${name})
    ptplab_use_pch(${name})
  endif()
endfunction()
