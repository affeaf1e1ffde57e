// Field lookup, type checks and error sentences of the decoder (see field_reader.hpp).
#include "engine/wire/field_reader.hpp"

#include <limits>
#include <vector>

#include "engine/core/base64.hpp"
#include "engine/core/json_pointer.hpp"

namespace ptplab::wire {
namespace {

using simdjson::dom::element_type;

std::string expected_found(std::string_view expected, element_type found) {
  std::string s = "expected ";
  s += expected;
  s += ", found ";
  s += json_type_name(found);
  return s;
}

}  // namespace

std::string Path::str() const {
  std::vector<const Path*> chain;
  for (const Path* p = this; p != nullptr; p = p->parent) chain.push_back(p);
  std::string out;
  // The root frame (no parent) stands for the document itself and adds nothing.
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Path& p = **it;
    if (p.parent == nullptr) continue;
    out += '/';
    if (p.is_index) {
      out += std::to_string(p.index);
      continue;
    }
    append_pointer_token(out, p.key);
  }
  return out;
}

void DecodeStatus::fail(DecodeErrorCode code, const Path& at, std::string detail) {
  if (error_) return;
  error_ = DecodeError{code, at.str(), std::move(detail)};
}

std::string_view json_type_name(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "array";
    case element_type::OBJECT: return "object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "number";
    case element_type::STRING: return "string";
    case element_type::BOOL: return "boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "unknown";
}

FieldReader::FieldReader(DecodeStatus& status, simdjson::dom::object object, const Path& path,
                         std::initializer_list<std::string_view> names)
    : status_(status), path_(path) {
  for (const auto n : names) {
    if (count_ < kMaxFields) names_[count_++] = n;
  }
  // Senders usually write keys in the spec's order, so the search starts after the last match.
  std::size_t hint = 0;
  for (const auto member : object) {
    for (std::size_t tried = 0; tried < count_; ++tried) {
      const std::size_t i = (hint + tried) % count_;
      if (member.key != names_[i]) continue;
      hint = i + 1;
      if (present_[i]) {
        status_.fail(DecodeErrorCode::kBadValue, path_of(names_[i]),
                     "field " + std::string(names_[i]) + " appears more than once");
      }
      present_[i] = true;
      values_[i] = member.value;
      break;
    }
  }
}

std::optional<simdjson::dom::element> FieldReader::find(std::string_view name, bool required) {
  for (std::size_t i = 0; i < count_; ++i) {
    if (names_[i] != name) continue;
    if (present_[i]) return values_[i];
    break;
  }
  if (required) {
    status_.fail(DecodeErrorCode::kMissingField, path_of(name),
                 "required field " + std::string(name) + " is missing");
  }
  return std::nullopt;
}

std::optional<std::string_view> FieldReader::string_view_of(std::string_view name, bool required) {
  const auto value = find(name, required);
  if (!value) return std::nullopt;
  std::string_view s;
  if (value->get_string().get(s) != simdjson::SUCCESS) {
    status_.fail(DecodeErrorCode::kWrongType, path_of(name), expected_found("a string", value->type()));
    return std::nullopt;
  }
  return s;
}

std::string FieldReader::id(std::string_view name) {
  const auto s = string_view_of(name, true);
  if (!s) return {};
  if (s->empty()) {
    status_.fail(DecodeErrorCode::kBadValue, path_of(name), std::string(name) + " must not be empty");
  }
  return std::string(*s);
}

std::string FieldReader::text(std::string_view name) {
  const auto s = string_view_of(name, true);
  return s ? std::string(*s) : std::string();
}

std::optional<std::string> FieldReader::optional_id(std::string_view name) {
  const auto s = string_view_of(name, false);
  if (!s) return std::nullopt;
  if (s->empty()) {
    status_.fail(DecodeErrorCode::kBadValue, path_of(name), std::string(name) + " must not be empty");
  }
  return std::string(*s);
}

std::optional<std::string> FieldReader::string_if_string(std::string_view name) {
  const auto value = find(name, false);
  std::string_view s;
  if (!value || value->get_string().get(s) != simdjson::SUCCESS) return std::nullopt;
  return std::string(s);
}

std::string FieldReader::base64(std::string_view name) {
  const auto s = string_view_of(name, true);
  if (!s) return {};
  auto bytes = base64_decode(*s);
  if (!bytes) {
    status_.fail(DecodeErrorCode::kBadBase64, path_of(name),
                 "not valid base64: " + std::string(bytes.error().reason) + " at offset " +
                     std::to_string(bytes.error().offset));
    return {};
  }
  return std::move(bytes).value();
}

bool FieldReader::optional_bool(std::string_view name, bool fallback) {
  const auto value = find(name, false);
  if (!value) return fallback;
  bool b = fallback;
  if (value->get_bool().get(b) != simdjson::SUCCESS) {
    status_.fail(DecodeErrorCode::kWrongType, path_of(name), expected_found("a boolean", value->type()));
    return fallback;
  }
  return b;
}

std::int64_t FieldReader::int64(std::string_view name) {
  const auto value = find(name, true);
  if (!value) return 0;
  switch (value->type()) {
    case element_type::INT64: return value->get_int64().value_unsafe();
    case element_type::UINT64:
      status_.fail(DecodeErrorCode::kBadValue, path_of(name),
                   "integer " + std::to_string(value->get_uint64().value_unsafe()) +
                       " is out of range (signed 64-bit)");
      return 0;
    case element_type::DOUBLE:
      status_.fail(DecodeErrorCode::kWrongType, path_of(name),
                   "expected an integer, found a number with a fraction or exponent");
      return 0;
    default:
      status_.fail(DecodeErrorCode::kWrongType, path_of(name), expected_found("an integer", value->type()));
      return 0;
  }
}

std::optional<std::uint32_t> FieldReader::optional_uint32(std::string_view name) {
  const auto value = find(name, false);
  if (!value) return std::nullopt;
  constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
  switch (value->type()) {
    case element_type::INT64: {
      const std::int64_t v = value->get_int64().value_unsafe();
      if (v >= 0 && static_cast<std::uint64_t>(v) <= kMax) return static_cast<std::uint32_t>(v);
      status_.fail(DecodeErrorCode::kBadValue, path_of(name),
                   std::string(name) + " must be between 0 and " + std::to_string(kMax) + ", found " +
                       std::to_string(v));
      return std::nullopt;
    }
    case element_type::UINT64:
      status_.fail(DecodeErrorCode::kBadValue, path_of(name),
                   std::string(name) + " must be between 0 and " + std::to_string(kMax) + ", found " +
                       std::to_string(value->get_uint64().value_unsafe()));
      return std::nullopt;
    case element_type::DOUBLE:
      status_.fail(DecodeErrorCode::kWrongType, path_of(name),
                   "expected an integer, found a number with a fraction or exponent");
      return std::nullopt;
    default:
      status_.fail(DecodeErrorCode::kWrongType, path_of(name), expected_found("an integer", value->type()));
      return std::nullopt;
  }
}

std::optional<simdjson::dom::array> FieldReader::array(std::string_view name, bool required) {
  const auto value = find(name, required);
  if (!value) return std::nullopt;
  simdjson::dom::array a;
  if (value->get_array().get(a) != simdjson::SUCCESS) {
    status_.fail(DecodeErrorCode::kWrongType, path_of(name), expected_found("an array", value->type()));
    return std::nullopt;
  }
  return a;
}

}  // namespace ptplab::wire
