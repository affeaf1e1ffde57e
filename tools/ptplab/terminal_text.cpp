// Escaping control characters for the node's text console.
#include "tools/ptplab/terminal_text.hpp"

#include <cstdio>

namespace ptplab::cli {

std::string terminal_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
    char buf[8];
    if (byte == '\\') {
      out += "\\\\";
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\r') {
      out += "\\r";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", byte);
      out += buf;
    } else if (byte == 0xc2 && next >= 0x80 && next <= 0x9f) {  // a C1 control in UTF-8
      std::snprintf(buf, sizeof buf, "\\u%04x", next);
      out += buf;
      ++i;
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

}  // namespace ptplab::cli
