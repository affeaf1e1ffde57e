// json_error_place: a SAX pass that accepts every value and keeps the failing token's offset.
#include "scenarios/format/json_error_place.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ptplab::scenarios {
namespace {

using nlohmann::json;

// Accepts everything; on the error keeps the offset just past the failing token, and the token.
class ErrorPlace final : public nlohmann::json_sax<json> {
 public:
  std::size_t end = 0;
  std::string token;
  bool failed = false;
  bool overflow = false;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& e) override {
    failed = true;
    overflow = e.id == 406;
    end = position;
    token = last_token;
    return false;
  }
};

}  // namespace

std::string JsonErrorPlace::to_string() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::optional<JsonErrorPlace> json_error_place(std::string_view text) {
  ErrorPlace place;
  (void)json::sax_parse(text.begin(), text.end(), &place, json::input_format_t::json, /*strict=*/true,
                        /*ignore_comments=*/true);
  if (!place.failed) return std::nullopt;
  const std::size_t end = std::min(place.end, text.size());
  const std::size_t start = end - std::min(place.token.size(), end);
  const std::string_view before = text.substr(0, start);
  const std::size_t newline = before.rfind('\n');
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  return JsonErrorPlace{1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
                        start - line_start + 1, place.token, place.overflow};
}

}  // namespace ptplab::scenarios
