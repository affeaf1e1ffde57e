// Duplicate keys in a scenario are an error naming both places, at any depth, comments allowed.
#include "scenarios/format/duplicate_keys.hpp"

#include <gtest/gtest.h>

#include "tests/scenarios/format/show_errors.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::show;

TEST(DuplicateKeys, UniqueKeysPass) {
  EXPECT_TRUE(find_duplicate_keys(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]})").empty());
}

TEST(DuplicateKeys, EachRepeatNamesBothPositionsAtItsPointer) {
  const auto errors = find_duplicate_keys(R"(// comment
    {"name": "x", "seed": 1, "nodes": [{"count": 2}, {"count": 3, "name": "g", "count": 4}], "seed": 2})");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].pointer, "/nodes/1/count");
  EXPECT_EQ(errors[0].message,
            "duplicate key \"count\": key 1 and key 3 of /nodes/1 (JSON leaves repeated keys undefined; give "
            "each once)");
  EXPECT_EQ(errors[1].pointer, "/seed");
  EXPECT_NE(errors[1].message.find("key 2 and key 4 of the document"), std::string::npos)
      << errors[1].message;
}

TEST(DuplicateKeys, ArraysOfScalarsKeepIndicesRight) {
  const auto errors = find_duplicate_keys(R"({"x": [1, "a", [2], {"k": 1, "k": 2}]})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].pointer, "/x/3/k");
}

TEST(DuplicateKeys, TheLoaderRefusesTheFile) {
  const auto loaded =
      load_scenario(R"({"name": "d", "duration": "5s", "nodes": [{"count": 2}], "duration": "9s"})");
  ASSERT_FALSE(loaded.has_value());
  ASSERT_EQ(loaded.error().size(), 1u);
  EXPECT_EQ(loaded.error()[0].pointer, "/duration");
}

TEST(DuplicateKeys, TheFilesOtherErrorsAreReportedToo) {
  // A repeated key used to hide every other error of the file: fixing it showed the next.
  const auto loaded = load_scenario(
      R"({"name": "d", "name": "e", "seed": 1, "duraton": "10s", "nodes": [{"count": 5, "role": "clent"}]})");
  ASSERT_FALSE(loaded.has_value());
  const auto& e = loaded.error();
  EXPECT_EQ(e[0].pointer, "/name") << show(e);
  EXPECT_ERROR(e, "/duraton", "unknown key; did you mean \"duration\"?");
  EXPECT_ERROR(e, "/nodes/0/role",
               "expected one of \"client\" or \"server\", found \"clent\"; did you mean \"client\"?");
}

// A --set value is checked as the file is: its repeated key is an error at its pointer under
// the path, not "the last one wins" (review M7).
TEST(DuplicateKeys, ASetValueWithARepeatedKeyIsRefused) {
  const auto loaded = load_scenario(R"({"name": "d", "duration": "5s", "nodes": [{"count": 2}]})",
                                    {R"(/nodes/0/params={"peers_max": 9, "peers_max": 12})"});
  ASSERT_FALSE(loaded.has_value());
  ASSERT_EQ(loaded.error().size(), 1u) << show(loaded.error());
  EXPECT_EQ(loaded.error()[0].pointer, "/nodes/0/params/peers_max");
  EXPECT_NE(loaded.error()[0].message.find("--set /nodes/0/params="), std::string::npos)
      << show(loaded.error());
  EXPECT_NE(loaded.error()[0].message.find("duplicate key \"peers_max\""), std::string::npos)
      << show(loaded.error());
}

TEST(DuplicateKeys, InvalidJsonIsLeftToTheParser) { EXPECT_TRUE(find_duplicate_keys(R"({"a": 1,)").empty()); }

}  // namespace
}  // namespace ptplab::scenarios
