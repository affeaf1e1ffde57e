// Every JSON example of the spec (tests/e2e/data/spec_examples.jsonl, in the readings of
// engine/PROTOCOL.md) decodes, and re-encodes to an equivalent JSON document.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/wire/codec.hpp"

namespace ptplab::wire {
namespace {

std::vector<std::string> spec_examples() {
  std::ifstream in(std::string(PTPLAB_SOURCE_DIR) + "/tests/e2e/data/spec_examples.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

TEST(SpecExamples, EveryExampleDecodesAndReencodesEquivalently) {
  const auto examples = spec_examples();
  ASSERT_EQ(examples.size(), 16u);
  for (const auto& line : examples) {
    SCOPED_TRACE(line);
    const auto decoded = decode(line);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().pointer << ": " << decoded.error().detail;
    EXPECT_EQ(nlohmann::json::parse(encode(*decoded)), nlohmann::json::parse(line));
  }
}

TEST(SpecExamples, EveryVerbIsCovered) {
  std::vector<bool> seen(kVerbCount, false);
  for (const auto& line : spec_examples()) {
    const auto decoded = decode(line);
    ASSERT_TRUE(decoded.has_value());
    seen[static_cast<std::size_t>(verb_of(*decoded))] = true;
  }
  for (int v = 0; v < kVerbCount; ++v) EXPECT_TRUE(seen[v]) << verb_name(static_cast<Verb>(v));
}

}  // namespace
}  // namespace ptplab::wire
