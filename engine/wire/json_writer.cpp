// JSON string escaping and scalar output for JsonWriter.
#include "engine/wire/json_writer.hpp"

#include <charconv>

#include "engine/core/base64.hpp"

namespace ptplab::wire {

void JsonWriter::key(std::string_view k) {
  separate();
  append_escaped(out_, k);
  out_ += ':';
  need_comma_ = false;
}

void JsonWriter::string(std::string_view s) {
  separate();
  append_escaped(out_, s);
  need_comma_ = true;
}

void JsonWriter::base64(std::string_view bytes) {
  separate();
  out_ += '"';
  base64_encode_to(out_, bytes);
  out_ += '"';
  need_comma_ = true;
}

void JsonWriter::integer(std::int64_t v) {
  separate();
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, res.ptr);
  need_comma_ = true;
}

void JsonWriter::boolean(bool v) {
  separate();
  out_ += v ? "true" : "false";
  need_comma_ = true;
}

void JsonWriter::append_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run_start = 0;  // start of the pending run of bytes copied verbatim
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out += '"';
}

}  // namespace ptplab::wire
