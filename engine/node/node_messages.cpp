// MESSAGE at its origin: sealing the body for the channel (plain, channel key or one copy per
// member's certificate), signing the envelope, and handing it to propagation (spec ####MESSAGE;
// body formats in PROTOCOL.md "MESSAGE bodies").
#include "engine/crypto/aead.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

// The text wrapped for every member but us whose certificate we hold; the others' certificates
// are requested (they miss this message).
std::string multi_cert_body(NodeState& s, TimeNs now, const ChannelState& c, std::string_view text,
                            const std::string& binding, Output& out) {
  std::vector<WrappedCopy> copies;
  for (const auto& member : c.members) {
    if (member == s.node_id) continue;
    const crypto::PeerCertificate* cert = s.certificates.find(now, member);
    if (!cert) {
      request_certificate(s, now, member, std::nullopt, out);
      continue;
    }
    std::array<std::uint8_t, 32> seed{};
    for (auto& b : seed) b = static_cast<std::uint8_t>(s.rng());
    if (auto wrapped = cert->wrap(text, binding, seed)) copies.push_back({member, std::move(*wrapped)});
  }
  return encode_multi_cert_body(copies);
}

// Seals `text` into `e` as channel `c` requires; false (with a dropped event) when a closed
// channel's key is missing.
bool seal_body(NodeState& s, TimeNs now, const ChannelState& c, std::string_view text, Envelope& e,
               Output& out) {
  const std::string binding = body_binding(c.id, e.msg_id);
  if (!c.closed) {
    e.kind = BodyKind::kPlain;
    e.body.assign(text);
  } else if (s.params->channel_crypto == ChannelCrypto::kMultiCert) {
    e.kind = BodyKind::kMultiCert;
    e.body = multi_cert_body(s, now, c, text, binding, out);
  } else {
    if (c.keys.empty()) {
      s.dropped(out, Address{}, wire::Verb::kMessage, Reason::kNoKey, 0);
      return false;
    }
    e.kind = BodyKind::kChannelKey;
    const auto& [key_id, key] = c.keys.newest();
    std::array<std::uint8_t, crypto::kAeadNonceBytes> nonce{};
    for (auto& b : nonce) b = static_cast<std::uint8_t>(s.rng());
    put_key_id(e.body, key_id);
    e.body += crypto::aead_seal(key, nonce, text, binding);
  }
  return true;
}

// The MESSAGE carrying the signed envelope `e` to the members of `c`.
wire::ChatMessage chat_message(const NodeState& s, const ChannelState& c, const Envelope& e,
                               std::vector<wire::Attachment> attachments) {
  wire::ChatMessage m;
  m.msg_id = e.msg_id;
  m.node_id = s.node_id;
  for (const auto& member : c.members)
    if (member != s.node_id) m.recipient.push_back(member);
  m.timestamp = e.timestamp_ms;
  m.channel = c.name;
  m.channel_id = c.id;
  m.message = encode_envelope(e);
  m.attachment = std::move(attachments);
  if (s.params->certificate_in_message)
    m.attachment.push_back({s.own_certificate(), std::string(kCertificateMime)});
  m.hops = 0;
  return m;
}

}  // namespace

std::optional<std::string> send_chat(NodeState& s, TimeNs now, std::string_view channel_id,
                                     std::string_view text, std::vector<wire::Attachment> attachments,
                                     Output& out) {
  ChannelState* c = s.channels.find(channel_id);
  if (!c || !c->member) return std::nullopt;
  Envelope e;
  e.msg_id = s.new_msg_id();
  e.node_id = s.node_id;
  e.channel_id.assign(channel_id);
  e.timestamp_ms = s.epoch_ms(now);
  if (!seal_body(s, now, *c, text, e, out)) return std::nullopt;
  e.signature = s.key.sign(envelope_signed_part(e));
  const wire::ChatMessage m = chat_message(s, *c, e, std::move(attachments));
  const auto bytes = make_bytes(wire::encode(m));
  if (bytes->size() > s.params->max_datagram_bytes) {
    s.dropped(out, Address{}, wire::Verb::kMessage, Reason::kTooLarge, bytes->size());
    return std::nullopt;
  }
  s.dedup.insert(m.msg_id, fnv1a64(m.message), now, s.bound(s.params->dedup_entries_max));
  Event ev;
  ev.kind = EventKind::kMessageOriginated;
  ev.msg_id = m.msg_id;
  ev.node_id = s.node_id;
  ev.channel_id = m.channel_id;
  ev.origin_time = now;
  ev.value = bytes->size();
  out.event(ev);
  propagate(s, now, bytes, wire::Verb::kMessage, m.msg_id, m.recipient, std::nullopt, out);
  return m.msg_id;
}

}  // namespace ptplab::engine
