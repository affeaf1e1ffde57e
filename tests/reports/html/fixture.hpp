// A small report file written with ReportWriter for the HTML report tests: a two-point sweep
// over gossip_fanout with two seeds each, 16-bit node ids, an attack with mitigations off in
// one configuration, and a conformance suite with one failure.
#pragma once

#include <string>

namespace ptplab::reports::html::testing {

// Writes the fixture to `path` (replacing it); returns false when writing failed.
[[nodiscard]] bool write_fixture_report(const std::string& path);

// A path in the test's temporary directory.
[[nodiscard]] std::string temp_path(const std::string& name);

// Whether `needle` occurs in `haystack` (the checks on generated HTML).
[[nodiscard]] inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace ptplab::reports::html::testing
