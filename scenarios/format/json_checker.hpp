// Checked reading of a JSON document: each getter reads one member if present, validates its
// type and range, and records an error with the member's JSON pointer instead of throwing.
// Every section parser of the loader is written with it, so all errors are collected in one pass.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "engine/core/time.hpp"
#include "scenarios/format/loader.hpp"

namespace ptplab::scenarios {

// The longest duration any scenario field accepts (10,000 h, 3.6e16 ns): well past the longest
// run, and small enough that sums of a few durations and a simulated time never overflow int64
// (a latency of "2500000h" plus its jitter did).
inline constexpr TimeNs kDurationValueMax = 10'000 * kHour;

// The durations a field accepts: [0, max], or (0, max] when `positive`.
struct DurationRange {
  TimeNs max = kDurationValueMax;
  bool positive = false;
};

// A short description of a JSON value for "found ..." ("1.5", "\"ten\"", "an object").
[[nodiscard]] std::string describe(const nlohmann::json& value);

// nlohmann/json's exception text without its "[json.exception.parse_error.101] " tag: the
// sentence a user can act on ("parse error at line 3, column 5: ...").
[[nodiscard]] std::string without_library_tag(std::string_view what);

// "expected one of "a", "b" or "c", found X", and "; did you mean "b"?" when X is a string close
// to one of `names` (a likely typo).
[[nodiscard]] std::string one_of_found(std::span<const std::string_view> names, const nlohmann::json& found);

// `pointer` + "/" + key, escaped as RFC 6901 requires.
[[nodiscard]] std::string child_pointer(std::string_view pointer, std::string_view key);
[[nodiscard]] std::string child_pointer(std::string_view pointer, std::size_t index);

// The integer a JSON number stands for, the one reading of every integer field: an unsigned
// integer as written, a number written with an exponent or a fraction of zero ("1e3", "100.0")
// as that integer when it is whole and below 2^63; nullopt for a negative, fractional or
// non-number value. Range checks are the caller's (each with its own bounds and pointer).
[[nodiscard]] std::optional<std::uint64_t> integral_value(const nlohmann::json& v);

// Collects the errors of one document.
class JsonChecker {
 public:
  void error(std::string pointer, std::string message);
  [[nodiscard]] const ValidationErrors& errors() const { return errors_; }
  [[nodiscard]] ValidationErrors take_errors() { return std::move(errors_); }

  // True when `value` is an object; else an error "expected an object ...".
  bool require_object(const nlohmann::json& value, std::string_view pointer,
                      std::string_view what = "an object");
  // True when `value` is an array; else an error.
  bool require_array(const nlohmann::json& value, std::string_view pointer,
                     std::string_view what = "an array");
  // Reports each key of `object` not in `known` ("unknown key; did you mean ...?").
  void check_keys(const nlohmann::json& object, std::string_view pointer,
                  std::span<const std::string_view> known);
  void check_keys(const nlohmann::json& object, std::string_view pointer,
                  std::initializer_list<std::string_view> known) {
    check_keys(object, pointer, std::span<const std::string_view>(known.begin(), known.size()));
  }
  // Reports a missing required member; true when present.
  bool require_key(const nlohmann::json& object, std::string_view pointer, std::string_view key);

  // Each reads object[key] into out when present and valid (out is left as is otherwise).
  void number(const nlohmann::json& object, std::string_view pointer, std::string_view key, double& out,
              double lo, double hi);
  // A share of some nodes to pick: a number in (0, 1]; 0 would pick none, silently.
  void share(const nlohmann::json& object, std::string_view pointer, std::string_view key, double& out);
  void integer(const nlohmann::json& object, std::string_view pointer, std::string_view key,
               std::uint64_t& out, std::uint64_t lo, std::uint64_t hi);
  void integer(const nlohmann::json& object, std::string_view pointer, std::string_view key,
               std::uint32_t& out, std::uint32_t lo, std::uint32_t hi);
  void boolean(const nlohmann::json& object, std::string_view pointer, std::string_view key, bool& out);
  void string(const nlohmann::json& object, std::string_view pointer, std::string_view key, std::string& out);
  // A name others refer to: a non-empty string ("" would read as "every group" where one is named).
  void name(const nlohmann::json& object, std::string_view pointer, std::string_view key, std::string& out);
  // A list of group names (a string or a list of strings) that is not empty: [] would pick no node.
  void group_list(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                  std::vector<std::string>& out);
  void duration(const nlohmann::json& object, std::string_view pointer, std::string_view key, TimeNs& out,
                const DurationRange& range = {});

  // Reads a value (not a member) as a duration in `range` (by default [0, kDurationValueMax]) and
  // a whole number of nanoseconds ("1.5ns" is refused, not rounded); false with an error when it
  // is not one. Every value outside the range gets the one sentence naming the range.
  bool duration_value(const nlohmann::json& value, std::string_view pointer, TimeNs& out,
                      const DurationRange& range = {});
  // Reads a value (not a member) that is a string or a list of strings.
  void string_list_value(const nlohmann::json& value, std::string_view pointer,
                         std::vector<std::string>& out);
  // Reads a string or a list of strings.
  void string_list(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                   std::vector<std::string>& out);

  // Reads a string member naming one of `names`; returns its index, or -1 (absent or invalid).
  int choice(const nlohmann::json& object, std::string_view pointer, std::string_view key,
             std::span<const std::string_view> names);
  int choice(const nlohmann::json& object, std::string_view pointer, std::string_view key,
             std::initializer_list<std::string_view> names) {
    return choice(object, pointer, key, std::span<const std::string_view>(names.begin(), names.size()));
  }

 private:
  ValidationErrors errors_;
};

// "\"a\", \"b\" or \"c\"".
[[nodiscard]] std::string quoted_list(std::span<const std::string_view> names);

}  // namespace ptplab::scenarios
