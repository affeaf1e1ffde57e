// Text from the network made safe for a terminal line: what peers choose (MESSAGE text, node ids,
// channel names) must neither start a new line (forging "[room] someone: ..." lines) nor send
// escape sequences to the terminal.
#pragma once

#include <string>
#include <string_view>

namespace ptplab::cli {

// `text` with every control character written as a visible escape: C0 (U+0000..U+001F) as \n,
// \r, \t or \xHH, DEL as \x7f, C1 (U+0080..U+009F, UTF-8 C2 80..C2 9F) as \u0080..\u009f, and the
// backslash itself as \\ so an escape in the output is never ambiguous. Other bytes (printable
// ASCII, other UTF-8) are kept as they are.
[[nodiscard]] std::string terminal_text(std::string_view text);

}  // namespace ptplab::cli
