// libFuzzer target for conformance expected-failure files (`conform --expect-fail FILE`): one
// case id per line, '#' starts a comment. Any text must parse, never crash; no id is empty or
// holds a comment, a line break or surrounding blanks.
#include <cstddef>
#include <cstdint>
#include <string>

#include "conformance/runner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto& id : ptplab::conformance::parse_expect_fail(text)) {
    if (id.empty() || id.find_first_of("#\n") != std::string::npos) __builtin_trap();
    if (id.front() == ' ' || id.back() == ' ' || id.front() == '\t' || id.back() == '\t') __builtin_trap();
  }
  return 0;
}
