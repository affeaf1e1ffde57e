// A minimal compact-JSON builder for the encoder's hot path: appends to one string, escapes
// strings per RFC 8259 (quote, backslash, control characters; UTF-8 passes through unchanged).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ptplab::wire {

// Builds one JSON text left to right in a caller-owned buffer (cleared first, its capacity kept,
// so a buffer reused across texts stops allocating); commas are placed automatically.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& buffer) : out_(buffer) { out_.clear(); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // Writes `"k":`; the next call writes its value.
  void key(std::string_view k);
  void string(std::string_view s);
  // Writes `bytes` as a base64 string (which never needs escaping).
  void base64(std::string_view bytes);
  void integer(std::int64_t v);
  void boolean(bool v);
  // A copy of the text with capacity for exactly its bytes: one allocation, no slack (datagrams
  // are held in flight and for retransmission, so slack costs memory per datagram).
  [[nodiscard]] std::string take() const { return out_; }

  // Appends `s` as a quoted, escaped JSON string.
  static void append_escaped(std::string& out, std::string_view s);

 private:
  void separate() {
    if (need_comma_) out_ += ',';
  }
  void open(char c) {
    separate();
    out_ += c;
    need_comma_ = false;
  }
  void close(char c) {
    out_ += c;
    need_comma_ = true;
  }

  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace ptplab::wire
