// The JsonChecker getters and the wording of their errors ("expected ..., found ...").
#include "scenarios/format/json_checker.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/did_you_mean.hpp"
#include "engine/core/json_pointer.hpp"

namespace ptplab::scenarios {
namespace {

constexpr std::size_t kFoundTextMax = 60;  // longer values are cut in error messages

std::string format_number(double v) {
  nlohmann::json j = v;
  if (v == std::floor(v) && std::fabs(v) < 1e15) j = static_cast<std::int64_t>(v);
  return j.dump();
}

}  // namespace

std::string describe(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: return value.empty() ? "{}" : "an object";
    case nlohmann::json::value_t::array: return value.empty() ? "[]" : "an array";
    case nlohmann::json::value_t::null: return "null";
    default: break;
  }
  // Replacing invalid UTF-8 (U+FFFD) instead of throwing: a description never fails.
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kFoundTextMax) text = text.substr(0, kFoundTextMax) + "...";
  return text;
}

std::string without_library_tag(std::string_view what) {
  if (what.starts_with("[json.exception.")) {
    if (const auto close = what.find("] "); close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return std::string(what);
}

std::string child_pointer(std::string_view pointer, std::string_view key) {
  std::string out(pointer);
  out += '/';
  append_pointer_token(out, key);
  return out;
}

std::string child_pointer(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
}

std::string quoted_list(std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += '"';
    out += names[i];
    out += '"';
  }
  return out;
}

void JsonChecker::error(std::string pointer, std::string message) {
  errors_.push_back({std::move(pointer), std::move(message)});
}

bool JsonChecker::require_object(const nlohmann::json& value, std::string_view pointer,
                                 std::string_view what) {
  if (value.is_object()) return true;
  error(std::string(pointer), "expected " + std::string(what) + ", found " + describe(value));
  return false;
}

bool JsonChecker::require_array(const nlohmann::json& value, std::string_view pointer,
                                std::string_view what) {
  if (value.is_array()) return true;
  error(std::string(pointer), "expected " + std::string(what) + ", found " + describe(value));
  return false;
}

void JsonChecker::check_keys(const nlohmann::json& object, std::string_view pointer,
                             std::span<const std::string_view> known) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    bool found = false;
    for (const auto k : known) found = found || k == key;
    if (found) continue;
    const std::string suggestion = closest_name(key, known);
    if (!suggestion.empty()) {
      error(child_pointer(pointer, key), "unknown key; did you mean \"" + suggestion + "\"?");
    } else {
      error(child_pointer(pointer, key), "unknown key; expected " + quoted_list(known));
    }
  }
}

bool JsonChecker::require_key(const nlohmann::json& object, std::string_view pointer, std::string_view key) {
  if (object.is_object() && object.contains(key)) return true;
  error(child_pointer(pointer, key), "required key is missing");
  return false;
}

void JsonChecker::number(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                         double& out, double lo, double hi) {
  if (!object.is_object() || !object.contains(key)) return;
  const auto& v = object.at(key);
  if (v.is_number() && v.get<double>() >= lo && v.get<double>() <= hi) {
    out = v.get<double>();
    return;
  }
  error(child_pointer(pointer, key),
        "expected a number in [" + format_number(lo) + ", " + format_number(hi) + "], found " + describe(v));
}

void JsonChecker::share(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                        double& out) {
  if (!object.is_object() || !object.contains(key)) return;
  const auto& v = object.at(key);
  if (v.is_number() && v.get<double>() > 0 && v.get<double>() <= 1) {
    out = v.get<double>();
    return;
  }
  const bool zero = v.is_number() && v.get<double>() == 0;
  error(child_pointer(pointer, key),
        "expected a share in (0, 1], found " + describe(v) + (zero ? " (a share of 0 picks no node)" : ""));
}

std::optional<std::uint64_t> integral_value(const nlohmann::json& v) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (!v.is_number_float()) return std::nullopt;
  const double x = v.get<double>();
  if (!(x >= 0) || x != std::floor(x) || x >= 0x1p63) return std::nullopt;
  return static_cast<std::uint64_t>(x);
}

void JsonChecker::integer(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                          std::uint64_t& out, std::uint64_t lo, std::uint64_t hi) {
  if (!object.is_object() || !object.contains(key)) return;
  const auto& v = object.at(key);
  if (const auto n = integral_value(v); n && *n >= lo && *n <= hi) {
    out = *n;
    return;
  }
  error(child_pointer(pointer, key), "expected an integer in [" + std::to_string(lo) + ", " +
                                         std::to_string(hi) + "], found " + describe(v));
}

void JsonChecker::integer(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                          std::uint32_t& out, std::uint32_t lo, std::uint32_t hi) {
  std::uint64_t wide = out;
  integer(object, pointer, key, wide, lo, hi);
  out = static_cast<std::uint32_t>(wide);
}

void JsonChecker::boolean(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                          bool& out) {
  if (!object.is_object() || !object.contains(key)) return;
  const auto& v = object.at(key);
  if (v.is_boolean()) {
    out = v.get<bool>();
    return;
  }
  error(child_pointer(pointer, key), "expected true or false, found " + describe(v));
}

void JsonChecker::string(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                         std::string& out) {
  if (!object.is_object() || !object.contains(key)) return;
  const auto& v = object.at(key);
  if (v.is_string()) {
    out = v.get<std::string>();
    return;
  }
  error(child_pointer(pointer, key), "expected a string, found " + describe(v));
}

void JsonChecker::name(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                       std::string& out) {
  if (!object.is_object() || !object.contains(key)) return;
  const auto& v = object.at(key);
  if (v.is_string() && !v.get<std::string>().empty()) {
    out = v.get<std::string>();
    return;
  }
  error(child_pointer(pointer, key), "expected a non-empty string, found " + describe(v));
}

void JsonChecker::group_list(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                             std::vector<std::string>& out) {
  if (!object.is_object() || !object.contains(key)) return;
  const auto& v = object.at(key);
  const std::string p = child_pointer(pointer, key);
  if (v.is_array() && v.empty()) {
    error(p,
          "expected a group name or a non-empty list of them (leave the key out for the default), found []");
    return;
  }
  string_list_value(v, p, out);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].empty()) error(v.is_string() ? p : child_pointer(p, i), "expected a group name, found \"\"");
  }
}

bool JsonChecker::duration_value(const nlohmann::json& value, std::string_view pointer, TimeNs& out,
                                 const DurationRange& range) {
  // One sentence for every value outside the range, whatever bound it passes (review: /duration
  // said "in (0, 720h]" of 10000h and "at most 10000h" of 10001h).
  const auto out_of_range = [&](std::string_view why) {
    const std::string bound = format_duration(range.max);
    error(std::string(pointer), (range.positive ? "expected a duration in (0, " + bound + "]"
                                                : "expected a duration of at most " + bound) +
                                    ", found " + describe(value) + std::string(why));
    return false;
  };
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (const auto d = parse_duration(text); d && *d >= 0) {
      if (duration_below_a_nanosecond(text)) {
        error(std::string(pointer), "expected a whole number of nanoseconds, found " + describe(value) +
                                        " (durations are kept in ns; it would be rounded to " +
                                        std::to_string(*d) + "ns)");
        return false;
      }
      if (*d > range.max || (range.positive && *d == 0)) return out_of_range("");
      out = *d;
      return true;
    }
    if (duration_shaped(text)) return out_of_range(" (out of range)");  // review M6: "2562047h"
    if (text.starts_with('-') && parse_duration(std::string_view(text).substr(1))) {
      if (range.positive) return out_of_range("");
      error(std::string(pointer), "expected a non-negative duration, found " + describe(value));
      return false;
    }
  } else if (value.is_number_integer() && value.get<std::int64_t>() == 0) {
    if (range.positive) return out_of_range("");
    out = 0;
    return true;
  }
  error(std::string(pointer), "expected a duration such as \"250ms\" or \"10s\", found " + describe(value) +
                                  (value.is_number() ? " (a number needs a unit)" : ""));
  return false;
}

void JsonChecker::duration(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                           TimeNs& out, const DurationRange& range) {
  if (!object.is_object() || !object.contains(key)) return;
  duration_value(object.at(key), child_pointer(pointer, key), out, range);
}

void JsonChecker::string_list_value(const nlohmann::json& v, std::string_view pointer,
                                    std::vector<std::string>& out) {
  if (v.is_string()) {
    out = {v.get<std::string>()};
    return;
  }
  if (!require_array(v, pointer, "a string or a list of strings")) return;
  std::vector<std::string> items;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i].is_string()) {
      items.push_back(v[i].get<std::string>());
    } else {
      error(child_pointer(pointer, i), "expected a string, found " + describe(v[i]));
    }
  }
  out = std::move(items);
}

void JsonChecker::string_list(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                              std::vector<std::string>& out) {
  if (!object.is_object() || !object.contains(key)) return;
  string_list_value(object.at(key), child_pointer(pointer, key), out);
}

std::string one_of_found(std::span<const std::string_view> names, const nlohmann::json& found) {
  std::string text = "expected one of " + quoted_list(names) + ", found " + describe(found);
  // Only for names of four characters or more: one edit away from "=>" is "==", not a likely typo.
  if (found.is_string() && found.get<std::string>().size() >= 4) {
    if (const auto close = closest_name(found.get<std::string>(), names); !close.empty())
      text += "; did you mean \"" + close + "\"?";
  }
  return text;
}

int JsonChecker::choice(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                        std::span<const std::string_view> names) {
  if (!object.is_object() || !object.contains(key)) return -1;
  const auto& v = object.at(key);
  if (v.is_string()) {
    const auto text = v.get<std::string>();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == text) return static_cast<int>(i);
    }
  }
  error(child_pointer(pointer, key), one_of_found(names, v));
  return -1;
}

}  // namespace ptplab::scenarios
