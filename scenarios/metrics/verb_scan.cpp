// A msg_type scan that handles our encoder's compact form in one comparison and any other
// whitespace or key order with a bounded search.
#include "scenarios/metrics/verb_scan.hpp"

#include <optional>

namespace ptplab::scenarios {
namespace {

// How far into a datagram the scan looks for the msg_type key.
constexpr std::size_t kScanWindowBytes = 512;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t verb_at(std::string_view rest) {
  const auto end = rest.find('"');
  if (end == std::string_view::npos) return kVerbInvalid;
  const auto verb = wire::verb_from_name(rest.substr(0, end));
  return verb ? static_cast<std::size_t>(*verb) : kVerbInvalid;
}

}  // namespace

std::size_t scan_verb(std::string_view bytes) {
  static constexpr std::string_view kCompact = R"({"msg_type":")";
  if (bytes.starts_with(kCompact)) return verb_at(bytes.substr(kCompact.size()));
  static constexpr std::string_view kKey = R"("msg_type")";
  const auto window = bytes.substr(0, kScanWindowBytes);
  const auto key = window.find(kKey);
  if (key == std::string_view::npos) return kVerbInvalid;
  std::size_t i = key + kKey.size();
  while (i < window.size() && is_space(window[i])) ++i;
  if (i >= window.size() || window[i] != ':') return kVerbInvalid;
  ++i;
  while (i < window.size() && is_space(window[i])) ++i;
  if (i >= window.size() || window[i] != '"') return kVerbInvalid;
  return verb_at(window.substr(i + 1));
}

std::string_view verb_slot_name(std::size_t slot) {
  return slot < wire::kVerbCount ? wire::verb_name(static_cast<wire::Verb>(slot)) : "invalid";
}

}  // namespace ptplab::scenarios
