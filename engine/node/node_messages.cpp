// MESSAGE: sealing and signing at the origin, de-dup, verification (fetching a missing
// certificate or channel key first), delivery, relaying, and the propagation policies shared
// with CHANNEL/JOIN/LEAVE.
#include <algorithm>

#include "engine/crypto/aead.hpp"
#include "engine/crypto/verify_cache.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/node_state.hpp"

namespace ptplab::engine {
namespace {

// The MIME type of a sender's certificate attached to its MESSAGE.
constexpr std::string_view kCertificateMime = "application/pkix-cert";

void put_key_id(std::string& out, std::uint64_t id) {
  for (int s = 56; s >= 0; s -= 8) out.push_back(static_cast<char>((id >> s) & 0xff));
}

std::uint64_t get_key_id(std::string_view body) {
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < kKeyIdBytes; ++i) id = (id << 8) | static_cast<std::uint8_t>(body[i]);
  return id;
}

void message_event(Output& out, EventKind kind, std::string_view reason, const wire::ChatMessage& m,
                   const Address& from) {
  Event e;
  e.kind = kind;
  e.verb = "MESSAGE";
  e.reason = reason;
  e.msg_id = m.msg_id;
  e.node_id = m.node_id;
  e.channel_id = m.channel_id;
  e.peer = from;
  out.event(e);
}

}  // namespace

std::optional<std::string> NodeState::send_chat(TimeNs now, std::string_view channel_id,
                                                std::string_view text,
                                                std::vector<wire::Attachment> attachments, Output& out) {
  ChannelState* c = find_channel(channel_id);
  if (!c || !c->member) return std::nullopt;
  Envelope e;
  e.msg_id = new_msg_id();
  e.node_id = node_id;
  e.channel_id.assign(channel_id);
  e.timestamp_ms = now / kMillisecond;
  const std::string binding = body_binding(channel_id, e.msg_id);
  if (!c->closed) {
    e.kind = BodyKind::kPlain;
    e.body.assign(text);
  } else if (params.channel_crypto == "multi_cert") {
    e.kind = BodyKind::kMultiCert;
    std::vector<WrappedCopy> copies;
    for (const auto& member : c->members) {
      if (member == node_id) continue;
      const crypto::PeerCertificate* cert = find_certificate(now, member);
      if (!cert) {
        request_certificate(now, member, std::nullopt, out);
        continue;
      }
      std::array<std::uint8_t, 32> seed{};
      for (auto& b : seed) b = static_cast<std::uint8_t>(rng());
      if (auto wrapped = cert->wrap(text, binding, seed)) copies.push_back({member, std::move(*wrapped)});
    }
    e.body = encode_multi_cert_body(copies);
  } else {
    if (c->keys.empty()) {
      dropped(out, Address{}, "MESSAGE", "no_key");
      return std::nullopt;
    }
    e.kind = BodyKind::kChannelKey;
    const auto& [key_id, key] = c->keys.back();
    std::array<std::uint8_t, crypto::kAeadNonceBytes> nonce{};
    for (auto& b : nonce) b = static_cast<std::uint8_t>(rng());
    put_key_id(e.body, key_id);
    e.body += crypto::aead_seal(key, nonce, text, binding);
  }
  e.signature = key.sign(envelope_signed_part(e));
  wire::ChatMessage m;
  m.msg_id = e.msg_id;
  m.node_id = node_id;
  for (const auto& member : c->members)
    if (member != node_id) m.recipient.push_back(member);
  m.timestamp = e.timestamp_ms;
  m.channel = c->name;
  m.channel_id = c->id;
  m.message = encode_envelope(e);
  m.attachment = std::move(attachments);
  if (params.certificate_in_message)
    m.attachment.push_back({own_certificate(), std::string(kCertificateMime)});
  m.hops = 0;
  const auto bytes = make_bytes(wire::encode(m));
  if (bytes->size() > params.max_datagram_bytes) {
    dropped(out, Address{}, "MESSAGE", "too_large");
    return std::nullopt;
  }
  dedup.insert(m.msg_id, fnv1a64(m.message), now, bound(params.dedup_entries_max));
  Event ev;
  ev.kind = EventKind::kMessageOriginated;
  ev.msg_id = m.msg_id;
  ev.node_id = node_id;
  ev.channel_id = m.channel_id;
  ev.origin_time = now;
  ev.value = bytes->size();
  out.event(ev);
  propagate(now, bytes, wire::Verb::kMessage, m.msg_id, m.recipient, std::nullopt, out);
  return m.msg_id;
}

void NodeState::on_message(TimeNs now, const Address& from, const wire::ChatMessage& m, Output& out) {
  ack(from, m.msg_id, out);
  auto e = parse_envelope(m.message);
  if (!e) return message_event(out, EventKind::kDropped, "bad_envelope", m, from);
  if (e->msg_id != m.msg_id || e->node_id != m.node_id || e->channel_id != m.channel_id ||
      e->timestamp_ms != m.timestamp)
    return message_event(out, EventKind::kDropped, "envelope_mismatch", m, from);
  const std::uint64_t digest = fnv1a64(m.message);
  if (const auto seen = dedup.find(m.msg_id)) {
    if (*seen != digest && *seen != 0) {
      message_event(out, EventKind::kCollision, "msg_id", m, from);
      return message_event(out, EventKind::kDropped, "msg_id_collision", m, from);
    }
    return message_event(out, EventKind::kDuplicate, "", m, from);
  }
  // Past the de-dup window a replay would look new; its signed timestamp gives it away.
  if (now / kMillisecond - e->timestamp_ms > params.dedup_window_ns / kMillisecond)
    return message_event(out, EventKind::kDropped, "stale", m, from);
  dedup.insert(m.msg_id, digest, now, bound(params.dedup_entries_max));
  if (m.node_id == node_id) return message_event(out, EventKind::kCollision, "node_id", m, from);
  PendingVerification pv{m, std::move(*e), from, now, false};
  if (!params.verify_before_relay) {
    relay(now, m, from, out);
    pv.relayed = true;
  }
  const ChannelState* c = find_channel(m.channel_id);
  if ((c && c->member) || !pv.relayed) verify_and_deliver(now, std::move(pv), out);
}

void NodeState::relay(TimeNs now, const wire::ChatMessage& m, const Address& from, Output& out) {
  const std::uint32_t hops = m.hops.value_or(0) + 1;
  if (hops > params.hops_max) return;
  wire::ChatMessage copy = m;
  copy.hops = hops;
  propagate(now, make_bytes(wire::encode(copy)), wire::Verb::kMessage, m.msg_id, m.recipient, from, out);
}

void NodeState::verify_and_deliver(TimeNs now, PendingVerification pv, Output& out) {
  const wire::ChatMessage& m = pv.message;
  auto park = [&](std::string_view reason) {
    if (over(verifications.size(), params.pending_verifications_max))
      return message_event(out, EventKind::kDropped, "verification_queue_full", m, pv.from);
    (void)reason;
    verifications.push_back(std::move(pv));
  };
  const crypto::PeerCertificate* cert = find_certificate(now, pv.envelope.node_id);
  if (!cert) {
    // The sender may have attached its certificate: as trustworthy as one fetched from it.
    for (const auto& a : m.attachment)
      if (a.attachment_type == kCertificateMime &&
          accept_certificate(now, pv.envelope.node_id, a.attachment, pv.from, "MESSAGE", out)) {
        cert = find_certificate(now, pv.envelope.node_id);
        retry_verifications(now, pv.envelope.node_id, "", out);
        break;
      }
  }
  if (!cert) {
    request_certificate(now, pv.envelope.node_id, std::nullopt, out);
    return park("certificate");
  }
  if (!crypto::verify_cached(shared.verify_cache, *cert, envelope_signed_part(pv.envelope),
                             pv.envelope.signature)) {
    dedup.erase(m.msg_id);
    return message_event(out, EventKind::kSignatureFailed, "bad_signature", m, pv.from);
  }
  if (!pv.relayed) {
    relay(now, m, pv.from, out);
    pv.relayed = true;
  }
  ChannelState* c = find_channel(m.channel_id);
  if (!c || !c->member) return;
  std::string text;
  if (!c->closed) {
    if (pv.envelope.kind != BodyKind::kPlain)
      return message_event(out, EventKind::kDropped, "body_kind", m, pv.from);
    text = pv.envelope.body;
  } else if (pv.envelope.kind == BodyKind::kChannelKey) {
    const std::string_view body = pv.envelope.body;
    if (body.size() < kKeyIdBytes) return message_event(out, EventKind::kDropped, "bad_body", m, pv.from);
    const std::uint64_t key_id = get_key_id(body);
    const auto k =
        std::find_if(c->keys.begin(), c->keys.end(), [&](const auto& e) { return e.first == key_id; });
    if (k == c->keys.end()) {
      if (!c->key_asked_at || now - *c->key_asked_at >= params.key_request_interval_ns)
        request_key(now, *c, out);
      return park("key");
    }
    auto opened =
        crypto::aead_open(k->second, body.substr(kKeyIdBytes), body_binding(m.channel_id, m.msg_id));
    if (!opened) return message_event(out, EventKind::kDropped, "decrypt_failed", m, pv.from);
    text = std::move(*opened);
  } else if (pv.envelope.kind == BodyKind::kMultiCert) {
    const auto copies = parse_multi_cert_body(pv.envelope.body);
    if (!copies) return message_event(out, EventKind::kDropped, "bad_body", m, pv.from);
    const auto mine =
        std::find_if(copies->begin(), copies->end(), [&](const auto& w) { return w.node_id == node_id; });
    if (mine == copies->end()) return message_event(out, EventKind::kDropped, "not_a_recipient", m, pv.from);
    auto opened = key.unwrap(mine->wrapped, body_binding(m.channel_id, m.msg_id));
    if (!opened) return message_event(out, EventKind::kDropped, "decrypt_failed", m, pv.from);
    text = std::move(*opened);
  } else {
    return message_event(out, EventKind::kDropped, "body_kind", m, pv.from);
  }
  Event e;
  e.kind = EventKind::kDelivered;
  e.verb = "MESSAGE";
  e.msg_id = m.msg_id;
  e.node_id = m.node_id;
  e.channel_id = m.channel_id;
  e.peer = pv.from;
  e.hops = m.hops.value_or(0);
  e.origin_time = m.timestamp * kMillisecond;
  e.value = text.size();
  out.event(e);
}

void NodeState::retry_verifications(TimeNs now, std::string_view id, std::string_view channel_id,
                                    Output& out) {
  std::vector<PendingVerification> ready;
  for (auto it = verifications.begin(); it != verifications.end();) {
    if ((!id.empty() && it->envelope.node_id == id) ||
        (!channel_id.empty() && it->envelope.channel_id == channel_id)) {
      ready.push_back(std::move(*it));
      it = verifications.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& pv : ready) verify_and_deliver(now, std::move(pv), out);
}

std::vector<Address> NodeState::live_peer_addresses(TimeNs now, std::optional<Address> except) const {
  std::vector<Address> out;
  for (const auto& p : peers)
    if (live(p, now) && (!except || p.address != *except)) out.push_back(p.address);
  return out;
}

void NodeState::propagate(TimeNs now, const SharedBytes& bytes, wire::Verb verb, std::string_view msg_id,
                          const std::vector<std::string>& recipients, std::optional<Address> from,
                          Output& out) {
  std::vector<Address> targets;
  const bool origin = !from.has_value();
  const std::string& policy = params.propagation;
  // CHANNEL/JOIN/LEAVE flood under "direct" and "routed" too: without them a node outside the
  // member list could never discover a channel, and member lists would not converge.
  if (policy == "flood" || (verb != wire::Verb::kMessage && policy != "gossip")) {
    targets = live_peer_addresses(now, from);
  } else if (policy == "gossip") {
    targets = live_peer_addresses(now, from);
    const std::size_t fanout = std::min<std::size_t>(params.gossip_fanout, targets.size());
    for (std::size_t i = 0; i < fanout; ++i)
      std::swap(targets[i], targets[i + rng.below(targets.size() - i)]);
    targets.resize(fanout);
  } else {
    const bool direct = policy == "direct";
    if (!direct || origin) {
      for (const auto& r : recipients) {
        const auto to = direct ? address_of(r) : next_hop(r, now);
        if (!to || (from && *to == *from)) continue;
        if (direct) note_contact(now, *to);
        targets.push_back(*to);
      }
    }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  }
  for (const auto& to : targets) {
    if (verb == wire::Verb::kMessage)
      send_reliable(now, to, bytes, msg_id, verb, out);
    else
      send(to, bytes, verb, out);
  }
}

}  // namespace ptplab::engine
