// JSON Pointer reference tokens (RFC 6901 section 3): how the decoder's error paths and the
// scenario checker's pointers name an object member.
#pragma once

#include <string>
#include <string_view>

namespace ptplab {

/// Appends `key` to `out` as one JSON Pointer reference token, escaped per RFC 6901 section 3
/// ("~" becomes "~0", "/" becomes "~1"); the caller adds the "/" before it.
inline void append_pointer_token(std::string& out, std::string_view key) {
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

}  // namespace ptplab
