// Every requirement of the spec (PROTOCOL.md of github.com/MUzzell/ptpchat, cited by heading;
// engine/PROTOCOL.md "Sources") and every outside-observable reading of our protocol notes
// (engine/PROTOCOL.md), each with a stable key that cases name, so that
// `ptplab conform --list --markdown` can map requirements to cases and name the gaps.
#pragma once

#include <string_view>
#include <vector>

#include "conformance/case.hpp"

namespace ptplab::conformance {

// One requirement sentence, where it comes from, and why it has no case if it has none.
struct Requirement {
  std::string_view key;      // "ACK-2"
  std::string_view section;  // "ACK" (the spec's heading) or "notes: MESSAGE"
  Level level;
  std::string_view sentence;  // quoted from the spec or the notes
  std::string_view untested;  // empty when cases exist; else why no case can check it from outside
};

// All requirements, in the order of the spec, then the notes.
[[nodiscard]] const std::vector<Requirement>& requirements();
// The requirement with this key, or nullptr.
[[nodiscard]] const Requirement* find_requirement(std::string_view key);
// The section of the requirement a case checks ("?" for an unknown key).
[[nodiscard]] std::string_view section_of(const Case& c);

}  // namespace ptplab::conformance
