// Escaping of untrusted text (scenario names, parameter values, conformance evidence) before it
// goes into HTML or SVG, so that no recorded string can break the page or inject markup.
#pragma once

#include <string>
#include <string_view>

namespace ptplab::reports::html {

// Text safe in element content and in double- or single-quoted attribute values:
// & < > " ' are replaced by entities; control characters other than tab/newline become U+FFFD.
[[nodiscard]] std::string escape(std::string_view text);

}  // namespace ptplab::reports::html
