// Formatting of the per-case wire log.
#include "conformance/wire_log.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

std::string printable(const std::string& bytes, std::size_t max) {
  std::string out;
  const std::size_t n = std::min(bytes.size(), max);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  if (bytes.size() > max) out += "... (" + std::to_string(bytes.size()) + " bytes)";
  return out;
}

std::string describe_datagram(const std::string& bytes) {
  const auto m = wire::decode(bytes);
  if (m) return std::string(wire::verb_name(wire::verb_of(*m)));
  std::string out = "<";
  out += wire::decode_error_code_name(m.error().code);
  out += '>';
  return out;
}

void WireLog::add(TimeNs at, std::string line) {
  if (lines_.size() >= kLinesMax) {
    ++dropped_lines_;
    return;
  }
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "+%8.3fs  ", static_cast<double>(at - start_) / kSecond);
  lines_.push_back(stamp + line);
}

std::string WireLog::datagram_line(int peer, std::string_view arrow, const Address& other,
                                   const std::string& bytes) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "literal" + string&&.
  std::string line = "p";
  line += std::to_string(peer);
  line += arrow;
  line += other.to_string();
  line += "  ";
  line += describe_datagram(bytes);
  line += "  ";
  line += printable(bytes, kBytesShownMax);
  return line;
}

void WireLog::sent(TimeNs at, int peer, const Address& to, const std::string& bytes) {
  ++datagrams_;
  add(at, datagram_line(peer, " -> ", to, bytes));
}

void WireLog::received(TimeNs at, int peer, const Address& from, const std::string& bytes) {
  ++datagrams_;
  add(at, datagram_line(peer, " <- ", from, bytes));
}

void WireLog::note(TimeNs at, const std::string& text) { add(at, "   " + text); }

std::string WireLog::text() const {
  std::string out;
  for (const auto& l : lines_) out += l + "\n";
  if (dropped_lines_ > 0) out += "... " + std::to_string(dropped_lines_) + " more lines not shown\n";
  return out;
}

}  // namespace ptplab::conformance
