// The decoder's field access over a simdjson DOM object: looks up the keys a verb reads in one
// pass (rejecting a known key that appears twice), checks JSON types and values, and records the
// first error with its JSON pointer. Internal to engine/wire (decode.cpp, decode_verbs.cpp).
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "engine/wire/codec.hpp"

namespace ptplab::wire {

// A JSON pointer kept as a chain of stack frames, rendered to text only when an error needs it,
// so that a successful decode allocates nothing for paths.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;   // an object member name, or
  std::size_t index = 0;  // an array index when is_index
  bool is_index = false;

  [[nodiscard]] static Path member(const Path& parent, std::string_view key) {
    return {&parent, key, 0, false};
  }
  [[nodiscard]] static Path element(const Path& parent, std::size_t i) { return {&parent, {}, i, true}; }
  // RFC 6901 text, "" for the document root.
  [[nodiscard]] std::string str() const;
};

// The first error of one decode; later failures are ignored so the report names the first fault.
class DecodeStatus {
 public:
  [[nodiscard]] bool ok() const { return !error_; }
  void fail(DecodeErrorCode code, const Path& at, std::string detail);
  [[nodiscard]] DecodeError take() { return std::move(*error_); }

 private:
  std::optional<DecodeError> error_;
};

// "string", "number", "object", ... as used in "expected a string, found number".
[[nodiscard]] std::string_view json_type_name(simdjson::dom::element_type type);

// Typed access to the members of one JSON object that a verb reads; other members are ignored.
class FieldReader {
 public:
  static constexpr std::size_t kMaxFields = 10;  // the widest verb (MESSAGE) reads 9 keys

  FieldReader(DecodeStatus& status, simdjson::dom::object object, const Path& path,
              std::initializer_list<std::string_view> names);

  // A required non-empty string (identifiers, addresses, MIME types).
  [[nodiscard]] std::string id(std::string_view name);
  // A required string, possibly empty (channel names).
  [[nodiscard]] std::string text(std::string_view name);
  // An optional non-empty string; absent -> nullopt.
  [[nodiscard]] std::optional<std::string> optional_id(std::string_view name);
  // An optional value used only when it is a string (HELLO's lenient fields).
  [[nodiscard]] std::optional<std::string> string_if_string(std::string_view name);
  // A required string holding strict base64; returns the decoded bytes.
  [[nodiscard]] std::string base64(std::string_view name);
  // An optional boolean.
  [[nodiscard]] bool optional_bool(std::string_view name, bool fallback);
  // A required JSON integer within int64.
  [[nodiscard]] std::int64_t int64(std::string_view name);
  // An optional JSON integer within [0, 2^32).
  [[nodiscard]] std::optional<std::uint32_t> optional_uint32(std::string_view name);
  // A required (or optional) array; nullopt when absent or on error.
  [[nodiscard]] std::optional<simdjson::dom::array> array(std::string_view name, bool required);

  [[nodiscard]] Path path_of(std::string_view name) const { return Path::member(path_, name); }
  [[nodiscard]] DecodeStatus& status() { return status_; }

 private:
  // The member's value, or nullopt (recording a missing-field error when required).
  std::optional<simdjson::dom::element> find(std::string_view name, bool required);
  // The member as a string of the right type; nullopt when absent or on error.
  std::optional<std::string_view> string_view_of(std::string_view name, bool required);

  DecodeStatus& status_;
  const Path& path_;
  std::array<std::string_view, kMaxFields> names_{};
  std::array<simdjson::dom::element, kMaxFields> values_{};
  std::array<bool, kMaxFields> present_{};
  std::size_t count_ = 0;
};

}  // namespace ptplab::wire
