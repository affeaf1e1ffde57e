// Test helpers shared by the scenario-format tests: validation errors as text (one per line,
// for failure messages) and EXPECT_ERROR (exactly this pointer and sentence among the errors).
#pragma once

#include <gmock/gmock.h>

#include <string>

#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios::test_support {

// Every error's to_string(), one per line.
inline std::string show(const ValidationErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

}  // namespace ptplab::scenarios::test_support

// Exactly this error (pointer and whole sentence) is among the errors.
#define EXPECT_ERROR(errors, ptr, msg)                                                     \
  EXPECT_THAT(errors, ::testing::Contains(::ptplab::scenarios::ValidationError{ptr, msg})) \
      << ::ptplab::scenarios::test_support::show(errors)
