// A vocabulary declared once: a constexpr array whose entry i describes the enum value i (its
// stable name as files and reports write it, what it means, and any per-value data). Parsers,
// printers, "expected one of" lists and catalogues are derived from the array, and a
// static_assert(indexed_by_value(table)) next to it ties the enum to the table.
//
// indexed_by_value also checks that the enum has no value past the table's last row: an
// enumerator appended without its row (or a row deleted at the end) fails the static_assert,
// where name_of would otherwise read past the array. The enum needs no sentinel and no count
// written anywhere: the compiler says whether E(N) is a named enumerator (is_enumerator below).
//
//   enum class Colour : std::uint8_t { kRed, kGreen };
//   inline constexpr std::array<NameEntry<Colour>, 2> kColours = {{{Colour::kRed, "red", "..."}, ...}};
//   static_assert(indexed_by_value(kColours));
//
// Entries are any struct with `value` (the enum) and `name` (std::string_view) members.
//
// A table searched by name rather than indexed by an enum (the metric table) is kept sorted by
// name instead: static_assert(sorted_by_name(table)) next to it, find_sorted to look names up.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ptplab {

// The plain entry: a value, its name, and one line of meaning for catalogues and documents.
template <class E>
struct NameEntry {
  E value;
  std::string_view name;
  std::string_view meaning;
};

// Whether a table's first entry may have an empty name: a "none" value that prints as nothing
// (Reason::kNone). Every other name must be non-empty.
enum class FirstName : bool { kNamed, kMayBeEmpty };
inline constexpr FirstName kUnnamedFirst = FirstName::kMayBeEmpty;

namespace name_table_detail {
// The signature of this function as the compiler prints it names V: "... V = ns::E::kRed ..."
// for an enumerator, "... V = (ns::E)3 ..." (a cast of a number) for a value no enumerator has,
// with GCC and Clang alike. "(anonymous namespace)::E::kRed" is an enumerator: after the
// parenthesis comes "::", not a digit.
template <auto V>
constexpr std::string_view signature() {
  return __PRETTY_FUNCTION__;
}
template <auto V>
constexpr bool names_an_enumerator() {
  const std::string_view s = signature<V>();
  const auto at = s.find("V = ");
  if (at == std::string_view::npos || at + 4 >= s.size()) return false;
  if (s[at + 4] != '(') return true;
  std::size_t i = at + 4, depth = 0;  // to the parenthesis that closes the first one
  for (; i < s.size(); ++i) {
    depth += s[i] == '(' ? 1 : 0;
    depth -= s[i] == ')' ? 1 : 0;
    if (depth == 0) break;
  }
  return i + 1 >= s.size() || s[i + 1] < '0' || s[i + 1] > '9';
}
enum class Probe : unsigned char { kOne };
// The compiler prints what names_an_enumerator reads: a build on one that does not fails here.
static_assert(names_an_enumerator<Probe::kOne>() && !names_an_enumerator<static_cast<Probe>(1)>(),
              "this compiler prints template arguments differently: adapt names_an_enumerator");
}  // namespace name_table_detail

// True when some enumerator of E has the value `value` (an enum with a fixed underlying type).
template <class E, std::size_t value>
constexpr bool is_enumerator() {
  return name_table_detail::names_an_enumerator<static_cast<E>(value)>();
}

// True when table[i].value == E(i) for every i, E(N) is no enumerator (the table has a row for
// every value: none was appended without one), and no name repeats or is empty (but see
// FirstName): the enum's values 0..N-1 appear in declaration order, each once, so name_of can
// index and parse_name can scan.
template <class Entry, std::size_t N>
constexpr bool indexed_by_value(const std::array<Entry, N>& table, FirstName first = FirstName::kNamed) {
  if (is_enumerator<decltype(Entry::value), N>()) return false;
  for (std::size_t i = 0; i < N; ++i) {
    const bool may_be_empty = i == 0 && first == FirstName::kMayBeEmpty;
    if (static_cast<std::size_t>(table[i].value) != i || (table[i].name.empty() && !may_be_empty))
      return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (table[j].name == table[i].name) return false;
    }
  }
  return true;
}

// The entry of `value` (the table must be indexed_by_value).
template <class Entry, std::size_t N>
constexpr const Entry& entry_of(const std::array<Entry, N>& table, decltype(Entry::value) value) {
  return table[static_cast<std::size_t>(value)];
}

// The name of `value` (the table must be indexed_by_value).
template <class Entry, std::size_t N>
constexpr std::string_view name_of(const std::array<Entry, N>& table, decltype(Entry::value) value) {
  return entry_of(table, value).name;
}

// The value named `name` (exact, case-sensitive), or nullopt.
template <class Entry, std::size_t N>
constexpr std::optional<decltype(Entry::value)> parse_name(const std::array<Entry, N>& table,
                                                           std::string_view name) {
  for (const auto& e : table) {
    if (e.name == name) return e.value;
  }
  return std::nullopt;
}

// Every name, in table order (for "expected one of" messages and JSON choice readers).
template <class Entry, std::size_t N>
constexpr std::array<std::string_view, N> names_of(const std::array<Entry, N>& table) {
  std::array<std::string_view, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = table[i].name;
  return out;
}

// True when the names strictly increase (so find_sorted may bisect the table).
template <class Entry, std::size_t N>
constexpr bool sorted_by_name(const std::array<Entry, N>& table) {
  for (std::size_t i = 1; i < N; ++i) {
    if (!(table[i - 1].name < table[i].name)) return false;
  }
  return true;
}

// The entry named `name` (exact, case-sensitive) of a table that is sorted_by_name, or null;
// O(log N).
template <class Entry, std::size_t N>
constexpr const Entry* find_sorted(const std::array<Entry, N>& table, std::string_view name) {
  const auto it = std::lower_bound(table.begin(), table.end(), name,
                                   [](const Entry& e, std::string_view n) { return e.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

}  // namespace ptplab
