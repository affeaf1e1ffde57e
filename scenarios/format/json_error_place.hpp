// Where in a JSON text the parser stopped: nlohmann/json says "at line L, column C" in its
// parse errors but not for a number beyond a double (out_of_range 406, "number overflow
// parsing '1e999'"), whose place only its SAX interface gives (as a byte offset).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ptplab::scenarios {

// Where parsing a JSON text failed: the token at which it stopped, and its line and column (both
// from 1, columns in bytes).
struct JsonErrorPlace {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string token;             // e.g. "1e999"
  bool number_overflow = false;  // the token is a number beyond a double (out_of_range 406)

  // "line L, column C"
  [[nodiscard]] std::string to_string() const;
};

// The place at which parsing `text` (comments allowed, as the loader parses) fails, or nullopt
// when it parses. E.g. for `{"seed": 1e999}`: line 1, column 10, token "1e999", number_overflow.
[[nodiscard]] std::optional<JsonErrorPlace> json_error_place(std::string_view text);

}  // namespace ptplab::scenarios
