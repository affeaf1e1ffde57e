// The evidence of one case: every datagram both ways, timestamped from the case's start and
// decoded, plus what an in-process target reported. Printed with failures and written to JUnit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/time.hpp"

namespace ptplab::conformance {

// A bounded, append-only log of the datagrams exchanged during one case.
class WireLog {
 public:
  explicit WireLog(TimeNs start) : start_(start) {}

  // A datagram the harness peer `peer` sent to `to`.
  void sent(TimeNs at, int peer, const Address& to, const std::string& bytes);
  // A datagram peer `peer` received from `from`.
  void received(TimeNs at, int peer, const Address& from, const std::string& bytes);
  // A free-form line (target events, harness notes).
  void note(TimeNs at, const std::string& text);

  [[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }
  [[nodiscard]] std::string text() const;
  // Number of datagrams logged, including those beyond the printed bound.
  [[nodiscard]] std::size_t datagrams() const { return datagrams_; }

  static constexpr std::size_t kLinesMax = 200;       // a flood logs its first datagrams only
  static constexpr std::size_t kBytesShownMax = 300;  // longer datagrams are cut in the log

 private:
  void add(TimeNs at, std::string line);
  // "p<peer><arrow><other>  <verb summary>  <bytes shown>".
  [[nodiscard]] static std::string datagram_line(int peer, std::string_view arrow, const Address& other,
                                                 const std::string& bytes);

  TimeNs start_;
  std::vector<std::string> lines_;
  std::size_t datagrams_ = 0;
  std::size_t dropped_lines_ = 0;
};

// A datagram made printable: control and non-ASCII bytes escaped, cut at `max` bytes.
[[nodiscard]] std::string printable(const std::string& bytes, std::size_t max);

// "HELLO", "ACK" ... or "<not_json>" (the decode error) for a datagram.
[[nodiscard]] std::string describe_datagram(const std::string& bytes);

}  // namespace ptplab::conformance
