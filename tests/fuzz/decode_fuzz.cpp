// libFuzzer target for wire::decode: no input may crash or throw, and whatever decode accepts
// must re-encode to a datagram that decodes to the same message (a codec disagreement aborts).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/wire/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ptplab::wire;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto decoded = decode(bytes);
  if (!decoded) {
    if (decoded.error().detail.empty()) std::abort();
    return 0;
  }
  // A re-encoding may be longer than the input (escapes), so it is decoded without the size limit.
  const auto again = decode(encode(*decoded), DecodeLimits{.max_datagram_bytes = SIZE_MAX, .max_depth = 16});
  if (!again || !(*again == *decoded)) std::abort();
  return 0;
}
