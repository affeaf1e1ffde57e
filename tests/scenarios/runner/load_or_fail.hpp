// Test helper shared by the runner tests: a scenario document loaded (with optional --set
// overrides), every validation error reported as a test failure.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios::test_support {

// The loaded scenario; on validation errors, one ADD_FAILURE per error and a default Scenario.
inline Scenario load_or_fail(const std::string& text, const std::vector<std::string>& overrides = {}) {
  auto s = load_scenario(text, overrides);
  if (!s) {
    for (const auto& e : s.error()) ADD_FAILURE() << e.to_string();
    return Scenario{};
  }
  return *s;
}

}  // namespace ptplab::scenarios::test_support
