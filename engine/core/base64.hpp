// Base64 (RFC 4648 section 4: standard alphabet, '=' padding) for the spec's binary fields:
// certificates, wrapped keys, signed message envelopes and attachments.
// Decoding is strict so that one byte string has exactly one wire form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/core/expected.hpp"

namespace ptplab {

// Why a text is not canonical base64, and the offset of the first offending character.
struct Base64Error {
  std::size_t offset = 0;
  std::string_view reason;  // a static sentence fragment, e.g. "character outside the alphabet"
};

// Encodes bytes as padded standard base64.
[[nodiscard]] std::string base64_encode(std::string_view bytes);
// Appends the padded standard base64 of `bytes` (which must not alias `out`) to `out`.
void base64_encode_to(std::string& out, std::string_view bytes);
// The length of the base64 text of `byte_count` bytes.
[[nodiscard]] constexpr std::size_t base64_encoded_size(std::size_t byte_count) {
  return (byte_count + 2) / 3 * 4;
}

// Decodes padded standard base64. Rejects: a length that is not a multiple of 4, characters
// outside the alphabet (whitespace included), '=' anywhere but the last one or two places, and
// non-zero bits in the last character's unused low bits (a non-canonical encoding).
[[nodiscard]] Expected<std::string, Base64Error> base64_decode(std::string_view text);

}  // namespace ptplab
