// Certificates: answering GETCERTIFICATE, fetching a sender's certificate on demand, and
// reporting what the certificate store made of each one offered (spec ####GETCERTIFICATE,
// ####CERTIFICATE).
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {

void request_certificate(NodeState& s, TimeNs now, std::string_view id, std::optional<Address> hint,
                         Output& out) {
  const auto to = s.address_of(id) ? s.address_of(id) : hint;
  if (!to) return s.dropped(out, Address{}, wire::Verb::kGetCertificate, Reason::kNoRoute, 0);
  // One outstanding request per address is enough; retransmission covers loss.
  if (s.sender.holds(*to, wire::Verb::kGetCertificate)) return;
  s.note_contact(now, *to);
  // Unless it already knows us, the holder gets our certificate first: that costs us what its
  // answer will cost it, so the answer fits its anti-amplification budget, and it can wrap keys for us.
  const Peer* peer = s.peers.find(*to);
  if (!peer || !peer->verified) send_certificate(s, now, *to, s.new_msg_id(), id, out);
  const std::string msg_id = s.new_msg_id();
  const auto bytes = make_bytes(wire::encode(wire::GetCertificate{msg_id, s.node_id}));
  s.send_reliable(now, *to, bytes, msg_id, wire::Verb::kGetCertificate, out);
}

void send_certificate(NodeState& s, TimeNs now, const Address& to, std::string_view msg_id,
                      std::string_view recipient_id, Output& out, AckProves proves) {
  if (s.sender.holds(to, wire::Verb::kCertificate, msg_id)) return;
  s.send_certificate_reliably(now, to, s.certificate_bytes(msg_id, recipient_id), msg_id, recipient_id, out,
                              proves);
}

void on_get_certificate(NodeState& s, TimeNs now, const Inbound& in, const wire::GetCertificate& m,
                        Output& out) {
  ack(s, in.from, m.msg_id, out);
  // A certificate does not change: an address asking again and again is a reflection attack
  // spoofing it (validated peers escape the byte budget), not a peer that needs more copies.
  const auto& p = *s.params;
  if (p.anti_amplification_enabled &&
      !s.sources.source(now, in.from, p, s.bound(p.rate_sources_max))
           .certificate_answers.take(now, p.certificate_answers_per_s, p.certificate_answers_burst, 1.0))
    return s.dropped(out, in.from, wire::Verb::kGetCertificate, Reason::kAnswerRate, in.size());
  const Peer* peer = s.peers.find(in.from);
  // Its ACK proves the asker only when the asker had already proved itself (under "ack", a peer
  // "verified" by two spoofed datagrams would otherwise be made a contact by the victim's automatic ACK).
  send_certificate(s, now, in.from, m.msg_id, m.node_id, out,
                   peer && s.address_proved(*peer) ? AckProves::kContact : AckProves::kNothing);
}

void on_certificate(NodeState& s, TimeNs now, const Inbound& in, const wire::Certificate& m, Output& out) {
  ack(s, in.from, m.msg_id, out);
  // A CERTIFICATE answers our GETCERTIFICATE of the same msg_id as well as its ACK would.
  s.sender.cancel(in.from, m.msg_id, wire::Verb::kGetCertificate);
  if (accept_certificate(s, now, m.node_id, m.certificate, in.from, wire::Verb::kCertificate, in.size(),
                         out)) {
    retry_verifications(s, now, m.node_id, "", out);
    serve_key_waiters(s, now, m.node_id, out);
  }
}

bool accept_certificate(NodeState& s, TimeNs now, std::string_view id, std::string_view der,
                        const Address& from, wire::Verb verb, std::size_t size, Output& out) {
  const auto verdict =
      s.certificates.offer(now, id, der, s.certificate_rules(), s.bound(s.params->certificates_max));
  using Kind = CertificateVerdict::Kind;
  if (verdict.kind == Kind::kRejected) s.dropped(out, from, verb, verdict.reason, size);
  if (verdict.kind != Kind::kAdded && verdict.kind != Kind::kCollision) return verdict.cached();
  Event e;
  // Two certificates for one node_id: the store keeps the first; we report the evidence.
  e.kind = verdict.kind == Kind::kAdded ? EventKind::kCertificateFetched : EventKind::kCollision;
  if (verdict.kind == Kind::kAdded)
    e.verb = verb;
  else
    e.reason = Reason::kNodeId;
  e.node_id = id;
  e.peer = from;
  out.event(e);
  return verdict.cached();
}

}  // namespace ptplab::engine
