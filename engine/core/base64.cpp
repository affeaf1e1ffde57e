// Strict base64 encoding and decoding (see base64.hpp).
#include "engine/core/base64.hpp"

#include <array>
#include <cstdint>

namespace ptplab {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  for (auto& v : table) v = kInvalid;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}
constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

Unexpected<Base64Error> fail(std::size_t offset, std::string_view reason) {
  return Unexpected{Base64Error{offset, reason}};
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  base64_encode_to(out, bytes);
  return out;
}

void base64_encode_to(std::string& text, std::string_view bytes) {
  const std::size_t start = text.size();
  text.resize(start + base64_encoded_size(bytes.size()), '=');
  char* out = text.data() + start;
  const auto byte = [&](std::size_t i) -> std::uint32_t { return static_cast<unsigned char>(bytes[i]); };
  std::size_t i = 0;
  std::size_t o = 0;
  for (; i + 3 <= bytes.size(); i += 3, o += 4) {
    const std::uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out[o] = kAlphabet[(n >> 18) & 63];
    out[o + 1] = kAlphabet[(n >> 12) & 63];
    out[o + 2] = kAlphabet[(n >> 6) & 63];
    out[o + 3] = kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;  // 0, 1 or 2 bytes left; the '=' are already in place
  if (rest > 0) {
    const std::uint32_t n = (byte(i) << 16) | (rest == 2 ? byte(i + 1) << 8 : 0);
    out[o] = kAlphabet[(n >> 18) & 63];
    out[o + 1] = kAlphabet[(n >> 12) & 63];
    if (rest == 2) out[o + 2] = kAlphabet[(n >> 6) & 63];
  }
}

Expected<std::string, Base64Error> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return fail(text.size(), "length is not a multiple of 4");
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  const std::size_t data_chars = text.size() - padding;
  std::string out(text.size() / 4 * 3 - padding, '\0');
  const auto sextet = [&](std::size_t i) { return kDecode[static_cast<unsigned char>(text[i])]; };
  const auto invalid_at = [&](std::size_t i) {
    return fail(i, text[i] == '=' ? "padding '=' before the end" : "character outside the base64 alphabet");
  };
  std::size_t i = 0;
  std::size_t o = 0;
  for (; i + 4 <= data_chars; i += 4, o += 3) {
    const std::uint32_t a = sextet(i), b = sextet(i + 1), c = sextet(i + 2), d = sextet(i + 3);
    if (((a | b | c | d) & 0x80) != 0) {  // kInvalid is the only value with the high bit set
      const std::size_t bad = sextet(i) == kInvalid       ? i
                              : sextet(i + 1) == kInvalid ? i + 1
                              : sextet(i + 2) == kInvalid ? i + 2
                                                          : i + 3;
      return invalid_at(bad);
    }
    const std::uint32_t n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o] = static_cast<char>(n >> 16);
    out[o + 1] = static_cast<char>(n >> 8);
    out[o + 2] = static_cast<char>(n);
  }
  // The last group: 2 or 3 characters before the padding carry 1 or 2 bytes.
  const std::size_t tail = data_chars - i;
  if (tail > 0) {
    std::uint32_t n = 0;
    for (std::size_t k = 0; k < tail; ++k) {
      const std::uint8_t v = sextet(i + k);
      if (v == kInvalid) return invalid_at(i + k);
      n |= static_cast<std::uint32_t>(v) << (18 - 6 * k);
    }
    // A canonical encoder zeroes the unused low bits of the last character.
    const std::uint32_t unused_mask = tail == 2 ? 0xffffu : 0xffu;
    if ((n & unused_mask) != 0) return fail(data_chars - 1, "non-zero unused bits in the last character");
    out[o] = static_cast<char>(n >> 16);
    if (tail == 3) out[o + 1] = static_cast<char>(n >> 8);
  }
  return out;
}

}  // namespace ptplab
