// The signed envelope carried (base64) in a MESSAGE's `message` field, and the layouts of its
// body for open and closed channels. Byte format: engine/PROTOCOL.md "Node: the MESSAGE envelope".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptplab::engine {

inline constexpr std::uint8_t kEnvelopeVersion = 1;
inline constexpr std::size_t kSignatureBytes = 64;
inline constexpr std::size_t kKeyIdBytes = 8;

// How the body of an envelope is protected.
enum class BodyKind : std::uint8_t {
  kPlain = 0,       // open channel: the UTF-8 text
  kChannelKey = 1,  // closed channel: key_id (8) || AES-256-GCM sealed text under the channel key
  kMultiCert = 2,   // closed channel, "multi_cert": one ECIES-wrapped copy of the text per member
};

// Why: the unit the sender signs; a relay can neither alter nor splice its fields.
struct Envelope {
  std::string msg_id;
  std::string node_id;
  std::string channel_id;
  std::int64_t timestamp_ms = 0;
  BodyKind kind = BodyKind::kPlain;
  std::string body;
  std::string signature;  // 64 bytes, r || s, over signed_part()
};

// The bytes the signature covers: every field but the signature, in wire order.
[[nodiscard]] std::string envelope_signed_part(const Envelope& e);
// signed_part || signature.
[[nodiscard]] std::string encode_envelope(const Envelope& e);
// nullopt on any malformation (truncation, trailing bytes, unknown version or kind).
[[nodiscard]] std::optional<Envelope> parse_envelope(std::string_view bytes);

// One recipient's copy in a kMultiCert body.
struct WrappedCopy {
  std::string node_id;
  std::string wrapped;
};
[[nodiscard]] std::string encode_multi_cert_body(const std::vector<WrappedCopy>& copies);
[[nodiscard]] std::optional<std::vector<WrappedCopy>> parse_multi_cert_body(std::string_view body);

// The AEAD associated data and ECIES info that bind a closed-channel body to its message.
[[nodiscard]] std::string body_binding(std::string_view channel_id, std::string_view msg_id);

// Appends the kKeyIdBytes big-endian key id that opens a kChannelKey body.
void put_key_id(std::string& out, std::uint64_t key_id);
// The key id at the start of a kChannelKey body; precondition: body.size() >= kKeyIdBytes.
[[nodiscard]] std::uint64_t get_key_id(std::string_view body);

// The MIME type of a sender's certificate attached to its MESSAGE.
inline constexpr std::string_view kCertificateMime = "application/pkix-cert";

}  // namespace ptplab::engine
