// MESSAGE on arrival: checks against its envelope, de-dup (and msg_id collision evidence),
// replay by age, relaying, signature verification (fetching a missing certificate or channel
// key first, parking the message meanwhile), opening the body and delivery (spec ####MESSAGE;
// PROTOCOL.md wire::Verb::kMessage), over the de-dup window, the certificate store, the channel book and
// the verification queue.
#include <algorithm>

#include "engine/crypto/aead.hpp"
#include "engine/crypto/verify_cache.hpp"
#include "engine/node/encoding_cache.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

void message_event(Output& out, EventKind kind, Reason reason, const wire::ChatMessage& m,
                   const Address& from, std::size_t size) {
  Event e;
  e.kind = kind;
  e.verb = wire::Verb::kMessage;
  e.reason = reason;
  e.msg_id = m.msg_id;
  e.node_id = m.node_id;
  e.channel_id = m.channel_id;
  e.peer = from;
  e.size = size;
  out.event(e);
}

void message_event(Output& out, EventKind kind, Reason reason, const PendingVerification& pv) {
  message_event(out, kind, reason, pv.message, pv.from, pv.size);
}

// An opened body: the text, or why not (kNone with no text: the channel key is missing).
struct Opened {
  std::optional<std::string> text;
  Reason reason = Reason::kNone;
};

Opened open_with_channel_key(const ChannelState& c, const PendingVerification& pv) {
  const std::string_view body = pv.envelope.body;
  if (body.size() < kKeyIdBytes) return {std::nullopt, Reason::kBadBody};
  const ChannelKey* key = c.keys.find(get_key_id(body));
  if (!key) return {};
  auto text = crypto::aead_open(*key, body.substr(kKeyIdBytes),
                                body_binding(pv.message.channel_id, pv.message.msg_id));
  if (!text) return {std::nullopt, Reason::kDecryptFailed};
  return {std::move(*text)};
}

Opened open_multi_cert(const NodeState& s, const PendingVerification& pv) {
  const auto copies = parse_multi_cert_body(pv.envelope.body);
  if (!copies) return {std::nullopt, Reason::kBadBody};
  const auto mine =
      std::find_if(copies->begin(), copies->end(), [&](const auto& w) { return w.node_id == s.node_id; });
  if (mine == copies->end()) return {std::nullopt, Reason::kNotARecipient};
  auto text = s.key.unwrap(mine->wrapped, body_binding(pv.message.channel_id, pv.message.msg_id));
  if (!text) return {std::nullopt, Reason::kDecryptFailed};
  return {std::move(*text)};
}

// The body of `pv` opened as channel `c` requires.
Opened open_body(const NodeState& s, const ChannelState& c, const PendingVerification& pv) {
  if (!c.closed) {
    if (pv.envelope.kind != BodyKind::kPlain) return {std::nullopt, Reason::kBodyKind};
    return {pv.envelope.body};
  }
  if (pv.envelope.kind == BodyKind::kChannelKey) return open_with_channel_key(c, pv);
  if (pv.envelope.kind == BodyKind::kMultiCert) return open_multi_cert(s, pv);
  return {std::nullopt, Reason::kBodyKind};
}

void park(NodeState& s, PendingVerification& pv, Output& out) {
  if (!s.verifications.park(pv, s.bound(s.params->pending_verifications_max)))
    message_event(out, EventKind::kDropped, Reason::kVerificationQueueFull, pv);
}

// The certificate of the sender of `pv`: cached, else attached to the MESSAGE (as trustworthy
// as one fetched from the sender, and it may unblock parked messages), else null.
const crypto::PeerCertificate* sender_certificate(NodeState& s, TimeNs now, const PendingVerification& pv,
                                                  Output& out) {
  const std::string& id = pv.envelope.node_id;
  if (const auto* cert = s.certificates.find(now, id)) return cert;
  for (const auto& a : pv.message.attachment)
    if (a.attachment_type == kCertificateMime &&
        accept_certificate(s, now, id, a.attachment, pv.from, wire::Verb::kMessage, pv.size, out)) {
      const auto* cert = s.certificates.find(now, id);
      retry_verifications(s, now, id, "", out);
      return cert;
    }
  return nullptr;
}

void deliver(const NodeState& s, const PendingVerification& pv, std::string_view text, Output& out) {
  const wire::ChatMessage& m = pv.message;
  Event e;
  e.kind = EventKind::kDelivered;
  e.verb = wire::Verb::kMessage;
  e.msg_id = m.msg_id;
  e.node_id = m.node_id;
  e.channel_id = m.channel_id;
  e.peer = pv.from;
  e.hops = m.hops.value_or(0);
  e.origin_time = m.timestamp * kMillisecond - s.epoch_offset_ns();  // admitted: within the window of now
  e.value = text.size();
  e.text = text;
  out.event(e);
}

// Whether `m` goes on to verification: nullopt if so; else the reason to drop it, or kNone when
// it is a plain duplicate (reported here). A msg_id seen with other content is also reported
// as a collision. Records a new msg_id as seen.
std::optional<Reason> admission(NodeState& s, TimeNs now, const Inbound& in, const wire::ChatMessage& m,
                                const std::optional<Envelope>& e, Output& out) {
  if (!e) return Reason::kBadEnvelope;
  if (e->msg_id != m.msg_id || e->node_id != m.node_id || e->channel_id != m.channel_id ||
      e->timestamp_ms != m.timestamp)
    return Reason::kEnvelopeMismatch;
  const std::uint64_t digest = fnv1a64(m.message);
  if (const auto seen = s.dedup.find(m.msg_id)) {
    // Other content under a seen msg_id, or a msg_id first seen on another verb (digest 0: a
    // CHANNEL, JOIN, LEAVE, GETKEY or KEY): two messages share the id and this one is suppressed,
    // which is a collision, not a duplicate (PROTOCOL.md, the de-dup window covers every verb).
    if (*seen != digest) {
      message_event(out, EventKind::kCollision, Reason::kMsgId, m, in.from, in.size());
      return Reason::kMsgIdCollision;
    }
    message_event(out, EventKind::kDuplicate, Reason::kNone, m, in.from, in.size());
    return Reason::kNone;
  }
  // Past the de-dup window a replay would look new; its signed timestamp gives it away.
  // A timestamp as far ahead is refused too, or it would outlive the window the same way.
  if (outside_time_window(s.epoch_ms(now), e->timestamp_ms, s.params->dedup_window_ns / kMillisecond))
    return Reason::kStale;
  s.dedup.insert(m.msg_id, digest, now, s.bound(s.params->dedup_entries_max));
  return std::nullopt;
}

}  // namespace

void on_message(NodeState& s, TimeNs now, const Inbound& in, const wire::ChatMessage& m, Output& out) {
  ack(s, in.from, m.msg_id, out);
  auto e = parse_envelope(m.message);
  if (const auto refused = admission(s, now, in, m, e, out)) {
    if (*refused != Reason::kNone) message_event(out, EventKind::kDropped, *refused, m, in.from, in.size());
    return;
  }
  if (m.node_id == s.node_id)
    return message_event(out, EventKind::kCollision, Reason::kNodeId, m, in.from, in.size());
  PendingVerification pv{m, std::move(*e), in.from, now, false, in.size()};
  if (!s.params->verify_before_relay) {
    relay(s, now, m, in.from, out);
    pv.relayed = true;
  }
  const ChannelState* c = s.channels.find(m.channel_id);
  if ((c && c->member) || !pv.relayed) verify_and_deliver(s, now, std::move(pv), out);
}

void relay(NodeState& s, TimeNs now, const wire::ChatMessage& m, const Address& from, Output& out) {
  // Compared before adding: hops is a wire uint32, and UINT32_MAX + 1 would wrap to 0 and relay.
  const std::uint32_t hops = m.hops.value_or(0);
  if (hops >= s.params->hops_max) return;
  wire::ChatMessage copy = m;
  copy.hops = hops + 1;
  propagate(s, now, encode_shared(s.shared.relay_cache, copy), wire::Verb::kMessage, m.msg_id, m.recipient,
            from, out);
}

void verify_and_deliver(NodeState& s, TimeNs now, PendingVerification pv, Output& out) {
  const crypto::PeerCertificate* cert = sender_certificate(s, now, pv, out);
  if (!cert) {
    request_certificate(s, now, pv.envelope.node_id, std::nullopt, out);
    return park(s, pv, out);
  }
  if (!crypto::verify_cached(s.shared.verify_cache, *cert, envelope_signed_part(pv.envelope),
                             pv.envelope.signature)) {
    s.dedup.erase(pv.message.msg_id);
    return message_event(out, EventKind::kSignatureFailed, Reason::kBadSignature, pv);
  }
  if (!pv.relayed) {
    relay(s, now, pv.message, pv.from, out);
    pv.relayed = true;
  }
  ChannelState* c = s.channels.find(pv.message.channel_id);
  if (!c || !c->member) return;
  const Opened opened = open_body(s, *c, pv);
  if (opened.text) return deliver(s, pv, *opened.text, out);
  if (opened.reason != Reason::kNone) return message_event(out, EventKind::kDropped, opened.reason, pv);
  // The channel key is missing: ask for it (at most every key_request_interval_ns) and wait.
  if (!c->key_asked_at || now - *c->key_asked_at >= s.params->key_request_interval_ns)
    request_key(s, now, *c, out);
  park(s, pv, out);
}

void retry_verifications(NodeState& s, TimeNs now, std::string_view node_id, std::string_view channel_id,
                         Output& out) {
  for (auto& pv : s.verifications.take_ready(node_id, channel_id))
    verify_and_deliver(s, now, std::move(pv), out);
}

}  // namespace ptplab::engine
