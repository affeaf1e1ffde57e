// Literal times, addresses and node_ids shared by the Node-level tests of this folder (its files
// are compiled together in unity builds, so each name is declared once, here).
#pragma once

#include <cstdio>
#include <string>

#include "engine/core/time.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {

inline constexpr TimeNs kT0 = 1 * kSecond;  // when the tests start talking to a Node
inline const Address kA = addr(50);         // a neighbour, 10.0.0.50:4000
inline const Address kB = addr(51);         // another neighbour, 10.0.0.51:4000
inline const std::string kIdA = "6f1c2a3b-0000-4000-8000-000000000001";
inline const std::string kIdB = "6f1c2a3b-0000-4000-8000-000000000002";
// The node_id numbered i in kIdA's family ("6f1c2a3b-0000-4000-8000-" + i as 12 digits), for
// tests that need many distinct peers; kIdA is numbered_id(1).
inline std::string numbered_id(int i) {
  char text[40];
  std::snprintf(text, sizeof text, "6f1c2a3b-0000-4000-8000-%012d", i);
  return text;
}

}  // namespace ptplab::engine::test
