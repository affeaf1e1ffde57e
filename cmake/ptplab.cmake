# One wrapper per kind of target so every target gets the same flags
# (in the manner of abseil's absl_cc_library / absl_cc_test).

set(PTPLAB_WARNINGS -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor)
set(PTPLAB_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)

if(PTPLAB_SANITIZE)
  add_compile_options(${PTPLAB_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

# ptplab_apply_flags(target): the project's warning flags.
function(ptplab_apply_flags target)
  target_compile_options(${target} PRIVATE ${PTPLAB_WARNINGS})
endfunction()

# ptplab_library(NAME DIR dir [EXCLUDE subdir...] DEPS ...): a static library made of every
# .cpp below DIR (recursively), except the EXCLUDEd subfolders, which are targets of their own.
function(ptplab_library name)
  cmake_parse_arguments(ARG "" "DIR" "EXCLUDE;DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${ARG_DIR}/*.cpp")
  foreach(ex IN LISTS ARG_EXCLUDE)
    list(FILTER sources EXCLUDE REGEX "^${ARG_DIR}/${ex}/")
  endforeach()
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
  if(sources)
    ptplab_apply_flags(${name})
  endif()
endfunction()
