// libFuzzer target for the MESSAGE envelope (engine/PROTOCOL.md "the MESSAGE envelope") and
// the multi-cert body inside it: any bytes must parse or be refused, never crash; whatever
// parses re-encodes to the same bytes (the signature covers the encoding, so two encodings of
// one envelope would let a relay alter what was signed).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/node/envelope.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ptplab::engine;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (const auto e = parse_envelope(bytes)) {
    if (encode_envelope(*e) != bytes) __builtin_trap();
    if (e->kind == BodyKind::kChannelKey && e->body.size() >= kKeyIdBytes) (void)get_key_id(e->body);
  }
  if (const auto copies = parse_multi_cert_body(bytes))
    if (encode_multi_cert_body(*copies) != bytes) __builtin_trap();
  return 0;
}
