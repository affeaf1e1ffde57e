// The name-table helpers: the checks a vocabulary's static_assert relies on (a row for every
// enumerator, order, unique and non-empty names, the one unnamed first entry), lookups by value
// and name, and sorted tables.
#include "engine/core/name_table.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace ptplab {
namespace {

enum class Colour : std::uint8_t { kNone, kRed, kGreen };
// Colour with one enumerator appended (review-ae finding 7: the old check passed a table that
// had no row for it, and name_of(kNew) read past the array).
enum class Grown : std::uint8_t { kNone, kRed, kGreen, kNew };

constexpr std::array<NameEntry<Colour>, 3> kColours = {{
    {Colour::kNone, "none", ""},
    {Colour::kRed, "red", ""},
    {Colour::kGreen, "green", ""},
}};
constexpr std::array<NameEntry<Colour>, 3> kUnnamedNone = {{
    {Colour::kNone, "", ""},
    {Colour::kRed, "red", ""},
    {Colour::kGreen, "green", ""},
}};
constexpr std::array<NameEntry<Colour>, 3> kUnnamedRed = {{
    {Colour::kNone, "none", ""},
    {Colour::kRed, "", ""},
    {Colour::kGreen, "green", ""},
}};
constexpr std::array<NameEntry<Colour>, 3> kOutOfOrder = {
    {{Colour::kRed, "red", ""}, {Colour::kNone, "none", ""}, {Colour::kGreen, "green", ""}}};
constexpr std::array<NameEntry<Colour>, 3> kRepeated = {
    {{Colour::kNone, "x", ""}, {Colour::kRed, "x", ""}, {Colour::kGreen, "green", ""}}};
constexpr std::array<NameEntry<Colour>, 2> kShort = {
    {{Colour::kNone, "none", ""}, {Colour::kRed, "red", ""}}};
constexpr std::array<NameEntry<Grown>, 3> kGrownWithoutRow = {
    {{Grown::kNone, "none", ""}, {Grown::kRed, "red", ""}, {Grown::kGreen, "green", ""}}};
constexpr std::array<NameEntry<Grown>, 4> kGrownWithRow = {{{Grown::kNone, "none", ""},
                                                            {Grown::kRed, "red", ""},
                                                            {Grown::kGreen, "green", ""},
                                                            {Grown::kNew, "new", ""}}};

static_assert(indexed_by_value(kColours));
static_assert(!indexed_by_value(kUnnamedNone));                // empty names only when allowed...
static_assert(indexed_by_value(kUnnamedNone, kUnnamedFirst));  // ...and then only the first
static_assert(!indexed_by_value(kUnnamedRed, kUnnamedFirst));
static_assert(!indexed_by_value(kOutOfOrder));
static_assert(!indexed_by_value(kRepeated));
static_assert(!indexed_by_value(kShort));            // a row missing at the end
static_assert(!indexed_by_value(kGrownWithoutRow));  // an enumerator appended without its row
static_assert(indexed_by_value(kGrownWithRow));
static_assert(is_enumerator<Grown, 3>() && !is_enumerator<Grown, 4>());
static_assert(is_enumerator<Colour, 0>() && !is_enumerator<Colour, 3>());

TEST(NameTable, NamesAndParsesByValue) {
  EXPECT_EQ(name_of(kColours, Colour::kGreen), "green");
  EXPECT_EQ(parse_name(kColours, "red"), Colour::kRed);
  EXPECT_EQ(parse_name(kColours, "Red"), std::nullopt);  // case-sensitive
  EXPECT_EQ(parse_name(kUnnamedNone, ""), Colour::kNone);
  EXPECT_EQ(names_of(kColours)[2], "green");
  EXPECT_EQ(name_of(kGrownWithRow, Grown::kNew), "new");
}

struct Metric {
  std::string_view name;
  int id;
};
constexpr std::array<Metric, 4> kSorted = {{{"alpha", 1}, {"beta", 2}, {"delta", 3}, {"gamma", 4}}};
constexpr std::array<Metric, 2> kUnsorted = {{{"beta", 1}, {"alpha", 2}}};
constexpr std::array<Metric, 2> kTwice = {{{"beta", 1}, {"beta", 2}}};
static_assert(sorted_by_name(kSorted) && !sorted_by_name(kUnsorted) && !sorted_by_name(kTwice));

TEST(NameTable, FindsInASortedTable) {
  for (const auto& m : kSorted) {
    ASSERT_NE(find_sorted(kSorted, m.name), nullptr) << m.name;
    EXPECT_EQ(find_sorted(kSorted, m.name)->id, m.id);
  }
  EXPECT_EQ(find_sorted(kSorted, "charlie"), nullptr);  // between two names
  EXPECT_EQ(find_sorted(kSorted, "zeta"), nullptr);     // after the last
  EXPECT_EQ(find_sorted(kSorted, ""), nullptr);         // before the first
  static_assert(find_sorted(kSorted, "delta")->id == 3);
}

}  // namespace
}  // namespace ptplab
