// Certificates: answering GETCERTIFICATE, fetching a sender's certificate on demand, the bounded
// certificate cache, and node_id collision evidence from two different certificates.
#include <algorithm>

#include "engine/crypto/parse_cache.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/node_state.hpp"

namespace ptplab::engine {

const crypto::PeerCertificate* NodeState::find_certificate(TimeNs now, std::string_view id) {
  for (auto& [cid, entry] : certificates)
    if (cid == id) {
      entry.last_used = now;
      return &entry.cert;
    }
  return nullptr;
}

std::optional<Address> NodeState::address_of(std::string_view id) const {
  if (id.empty() || id == node_id) return std::nullopt;
  for (const auto& p : peers)
    if (p.heard && p.node_id == id) return p.address;
  for (const auto& r : routes)
    if (r.node_id == id) return r.address;
  return std::nullopt;
}

void NodeState::request_certificate(TimeNs now, std::string_view id, std::optional<Address> hint,
                                    Output& out) {
  const auto to = address_of(id) ? address_of(id) : hint;
  if (!to) {
    dropped(out, Address{}, "GETCERTIFICATE", "no_route");
    return;
  }
  // One outstanding request per address is enough; retransmission covers loss.
  for (const auto& p : pending)
    if (p.to == *to && p.verb == wire::Verb::kGetCertificate) return;
  note_contact(now, *to);
  // Unless it already knows us, the holder gets our certificate first: that costs us what its
  // answer will cost it, so the answer fits its anti-amplification budget, and it can wrap keys for us.
  const Peer* peer = find_peer(*to);
  if (!peer || !peer->verified) send_certificate(now, *to, new_msg_id(), id, out);
  const std::string msg_id = new_msg_id();
  const auto bytes = make_bytes(wire::encode(wire::GetCertificate{msg_id, node_id}));
  send_reliable(now, *to, bytes, msg_id, wire::Verb::kGetCertificate, out);
}

void NodeState::send_certificate(TimeNs now, const Address& to, std::string_view msg_id,
                                 std::string_view recipient_id, Output& out, AckProves proves) {
  for (const auto& p : pending)
    if (p.to == to && p.msg_id == msg_id && p.verb == wire::Verb::kCertificate) return;
  wire::Certificate c{std::string(msg_id), node_id, std::string(recipient_id), own_certificate()};
  send_reliable(now, to, make_bytes(wire::encode(c)), msg_id, wire::Verb::kCertificate, out, proves);
}

void NodeState::on_get_certificate(TimeNs now, const Address& from, const wire::GetCertificate& m,
                                   Output& out) {
  ack(from, m.msg_id, out);
  // A certificate does not change: an address asking again and again is a reflection attack
  // spoofing it (verified peers escape the byte budget), not a peer that needs more copies.
  if (params.anti_amplification_enabled &&
      !source(now, from).certificate_answers.take(now, params.certificate_answers_per_s,
                                                  params.certificate_answers_burst, 1.0))
    return dropped(out, from, "GETCERTIFICATE", "answer_rate");
  const Peer* p = find_peer(from);
  send_certificate(now, from, m.msg_id, m.node_id, out,
                   p && p->verified ? AckProves::kContact : AckProves::kNothing);
}

void NodeState::on_certificate(TimeNs now, const Address& from, const wire::Certificate& m, Output& out) {
  ack(from, m.msg_id, out);
  // A CERTIFICATE answers our GETCERTIFICATE of the same msg_id as well as its ACK would.
  std::erase_if(pending, [&](const Pending& p) {
    return p.to == from && p.msg_id == m.msg_id && p.verb == wire::Verb::kGetCertificate;
  });
  if (accept_certificate(now, m.node_id, m.certificate, from, "CERTIFICATE", out)) {
    retry_verifications(now, m.node_id, "", out);
    serve_key_waiters(now, m.node_id, out);
  }
}

bool NodeState::accept_certificate(TimeNs now, std::string_view id, std::string_view der, const Address& from,
                                   std::string_view verb, Output& out) {
  if (der.size() > crypto::kCertificateBytesMax) return dropped(out, from, verb, "too_large"), false;
  auto cert = crypto::parse_cached(shared.parse_cache, der);
  if (!cert) return dropped(out, from, verb, "bad_certificate"), false;
  if (cert->node_id() != id) return dropped(out, from, verb, "certificate_mismatch"), false;
  if (params.id_scheme == "key_derived" &&
      make_key_derived_id(cert->public_key_der(), params.node_id_bits) != id)
    return dropped(out, from, verb, "not_key_derived"), false;
  for (auto& [cid, entry] : certificates) {
    if (cid != id) continue;
    if (entry.cert.der() == der) return true;
    // Two certificates for one node_id: keep the first, report the evidence.
    Event e;
    e.kind = EventKind::kCollision;
    e.reason = "node_id";
    e.node_id = id;
    e.peer = from;
    out.event(e);
    return false;
  }
  if (!cert->self_signature_valid()) return dropped(out, from, verb, "bad_certificate_signature"), false;
  if (over(certificates.size(), params.certificates_max)) {
    const auto lru = std::min_element(
        certificates.begin(), certificates.end(),
        [](const auto& a, const auto& b) { return a.second.last_used < b.second.last_used; });
    certificates.erase(lru);
  }
  certificates.emplace_back(std::string(id), CertEntry{std::move(*cert), now});
  Event e;
  e.kind = EventKind::kCertificateFetched;
  e.verb = verb;
  e.node_id = id;
  e.peer = from;
  out.event(e);
  return true;
}

}  // namespace ptplab::engine
