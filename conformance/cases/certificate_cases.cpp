// Cases of GETCERTIFICATE and CERTIFICATE: the answer, its msg_id and recipient_id, a decodable
// self-signed certificate naming the node, caching of ours, and fetching an unknown signer's.
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "conformance/cases/signed_message.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

// Asks for the certificate and returns the first CERTIFICATE (whatever its msg_id).
std::optional<wire::Certificate> ask(Context& c, const Peer& p, const std::string& id) {
  c.send(p, wire::GetCertificate{id, p.node_id});
  const auto r = c.expect(p, is_verb(wire::Verb::kCertificate));
  if (!r) return std::nullopt;
  return std::get<wire::Certificate>(*r->message);
}

Outcome answered(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  if (ask(c, p, c.new_id())) return Outcome::pass();
  return Outcome::fail({"CERTIFICATE"}, c.seen(p));
}

Outcome same_msg_id(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  const auto cert = ask(c, p, id);
  if (!cert) return Outcome::blocked("cert/1", "no CERTIFICATE came back");
  if (cert->msg_id == id) return Outcome::pass();
  return Outcome::fail({"msg_id=" + id}, "msg_id=" + cert->msg_id);
}

Outcome recipient_id(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto cert = ask(c, p, c.new_id());
  if (!cert) return Outcome::blocked("cert/1", "no CERTIFICATE came back");
  if (cert->recipient_id == p.node_id) return Outcome::pass();
  return Outcome::fail({"recipient_id=" + p.node_id}, "recipient_id=" + cert->recipient_id);
}

Outcome decodable(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto cert = ask(c, p, c.new_id());
  if (!cert) return Outcome::blocked("cert/1", "no CERTIFICATE came back");
  if (crypto::PeerCertificate::parse(cert->certificate)) return Outcome::pass();
  return Outcome::fail({"base64 DER of an X.509 certificate with a P-256 key"},
                       std::to_string(cert->certificate.size()) + " bytes that do not parse as one");
}

Outcome names_node(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto cert = ask(c, p, c.new_id());
  if (!cert) return Outcome::blocked("cert/1", "no CERTIFICATE came back");
  const auto parsed = crypto::PeerCertificate::parse(cert->certificate);
  if (!parsed) return Outcome::blocked("cert/4", "the certificate does not parse");
  if (parsed->node_id() == cert->node_id) return Outcome::pass();
  return Outcome::fail({"subject CN=" + cert->node_id}, "CN=" + parsed->node_id());
}

Outcome self_signed(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto cert = ask(c, p, c.new_id());
  if (!cert) return Outcome::blocked("cert/1", "no CERTIFICATE came back");
  const auto parsed = crypto::PeerCertificate::parse(cert->certificate);
  if (!parsed) return Outcome::blocked("cert/4", "the certificate does not parse");
  if (parsed->self_signature_valid()) return Outcome::pass();
  return Outcome::fail({"a certificate signed by its own key"}, "a signature that does not verify");
}

Outcome node_id_matches_hello(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  if (c.target_node_id().empty()) return Outcome::blocked("hello/7", "the target's HELLO carries no node_id");
  const auto cert = ask(c, p, c.new_id());
  if (!cert) return Outcome::blocked("cert/1", "no CERTIFICATE came back");
  if (cert->node_id == c.target_node_id()) return Outcome::pass();
  return Outcome::fail({"node_id=" + c.target_node_id() + " (as in its HELLO)"}, "node_id=" + cert->node_id);
}

Outcome stable(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto first = ask(c, p, c.new_id());
  if (!first) return Outcome::blocked("cert/1", "no CERTIFICATE came back");
  const auto second = ask(c, p, c.new_id());
  if (!second) return Outcome::fail({"a second CERTIFICATE"}, c.seen(p));
  if (second->certificate == first->certificate) return Outcome::pass();
  return Outcome::fail({"the same certificate twice"}, "two different certificates");
}

// Our certificate, sent in advance, is kept: our MESSAGE then needs no GETCERTIFICATE.
Outcome keeps_certificates(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  const std::string cid = c.new_id();
  c.send(p, wire::Certificate{cid, p.node_id, c.target_node_id(), me.certificate_der});
  if (!c.expect(p, ack_for(cid))) return Outcome::blocked("ack/2", "our CERTIFICATE was not acknowledged");
  // A GETCERTIFICATE that came before our MESSAGE (a validating target's address probe, which p
  // ACKed: PROTOCOL.md R31) is not about the MESSAGE.
  (void)c.watch(p, is_verb(wire::Verb::kGetCertificate), 0);
  c.send(p, signed_message(c, me, c.new_id(), {c.target_node_id()}, "cached?"));
  const auto asks = c.watch(p, is_verb(wire::Verb::kGetCertificate), c.timeout());
  if (!asks.empty())
    return Outcome::fail({"no GETCERTIFICATE (our certificate is on record)"}, show(asks.front()));
  // No GETCERTIFICATE means something only from a target that asks for unknown certificates.
  const Peer q = c.open_peer();
  if (!greet(c, q)) return no_hello_answer(c, q);
  const Identity stranger = make_identity(q.node_id, c.rng());
  c.send(q, signed_message(c, stranger, c.new_id(), {c.target_node_id()}, "who am I?"));
  if (!c.expect(q, is_verb(wire::Verb::kGetCertificate)))
    return Outcome::blocked("cert/10", "the target asks for no certificate, not even an unknown signer's");
  return Outcome::pass();
}

// A MESSAGE from a signer whose certificate is unknown makes the target ask for it.
Outcome fetches_unknown(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  c.send(p, signed_message(c, me, c.new_id(), {c.target_node_id()}, "who am I?"));
  if (c.expect(p, is_verb(wire::Verb::kGetCertificate))) return Outcome::pass();
  return Outcome::fail({"GETCERTIFICATE"}, c.seen(p));
}

// The GETCERTIFICATE the target sends carries its own (the sending) node_id.
Outcome getcertificate_sender_id(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  c.send(p, signed_message(c, me, c.new_id(), {c.target_node_id()}, "who am I?"));
  const auto r = c.expect(p, is_verb(wire::Verb::kGetCertificate));
  if (!r) return Outcome::blocked("cert/10", "the target sent no GETCERTIFICATE");
  const auto& g = std::get<wire::GetCertificate>(*r->message);
  if (c.target_node_id().empty() || g.node_id == c.target_node_id()) return Outcome::pass();
  return Outcome::fail({"node_id=" + c.target_node_id() + " (the sender's)"}, "node_id=" + g.node_id);
}

// After the fetched certificate arrives, verification completes: the MESSAGE is ACKed.
Outcome completes_after_fetch(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  const auto m = signed_message(c, me, c.new_id(), {c.target_node_id()}, "late certificate");
  c.send(p, m);
  const auto r = c.expect(p, is_verb(wire::Verb::kGetCertificate));
  if (!r) return Outcome::blocked("cert/10", "the target sent no GETCERTIFICATE");
  const auto& g = std::get<wire::GetCertificate>(*r->message);
  const std::string cid = g.msg_id;
  c.send(p, wire::Certificate{cid, p.node_id, g.node_id, me.certificate_der});
  if (c.expect(p, ack_for(cid))) return Outcome::pass();
  const std::string seen = c.seen(p);
  const std::string unasked = c.new_id();
  c.send(p, wire::Certificate{unasked, p.node_id, g.node_id, me.certificate_der});
  if (!c.expect(p, ack_for(unasked)))
    return Outcome::blocked("ack/2", "the target acknowledges no CERTIFICATE, asked for or not");
  return Outcome::fail({"ACK{msg_id=" + cid + "} for the requested CERTIFICATE"}, seen);
}

// Our CERTIFICATE with the msg_id of the target's GETCERTIFICATE settles it: no retransmission.
Outcome answer_settles_request(Context& c) {
  const Peer p = c.open_peer(false);
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  const auto m = signed_message(c, me, c.new_id(), {c.target_node_id()}, "settle");
  c.send(p, m);
  c.send(p, wire::Ack{m.msg_id});
  const auto r = c.expect(p, is_verb(wire::Verb::kGetCertificate));
  if (!r) return Outcome::blocked("cert/10", "the target sent no GETCERTIFICATE");
  const auto& g = std::get<wire::GetCertificate>(*r->message);
  const auto same_request = message_where<wire::GetCertificate>(
      "GETCERTIFICATE{msg_id=" + g.msg_id + "} again",
      [id = g.msg_id](const wire::GetCertificate& x) { return x.msg_id == id; });
  // Only a target seen to retransmit its request can be seen to stop.
  if (!c.expect(p, same_request, c.timeout() + c.settings().hello_interval_max_ns))
    return Outcome::blocked("ack/7", "the unanswered GETCERTIFICATE was not retransmitted");
  c.send(p, wire::Certificate{g.msg_id, p.node_id, g.node_id, me.certificate_der});
  const auto again = c.watch(p,
                             message_where<wire::GetCertificate>(
                                 "GETCERTIFICATE{msg_id=" + g.msg_id + "} again",
                                 [id = g.msg_id](const wire::GetCertificate& x) { return x.msg_id == id; }),
                             c.timeout());
  if (again.size() <= 1) return Outcome::pass();  // one may have crossed our answer
  return Outcome::fail({"no GETCERTIFICATE{msg_id=" + g.msg_id + "} after our CERTIFICATE"},
                       std::to_string(again.size()) + " more copies");
}

}  // namespace

void add_certificate_cases(std::vector<Case>& cases) {
  cases.push_back(
      {"cert/1", "CERT-1", Level::kMust, "a GETCERTIFICATE is answered with a CERTIFICATE", answered});
  cases.push_back({"cert/2", "CERT-2", Level::kMust,
                   "the CERTIFICATE's msg_id is the msg_id of the GETCERTIFICATE it answers", same_msg_id});
  cases.push_back({"cert/3", "CERT-3", Level::kMust,
                   "the CERTIFICATE's recipient_id is the node_id of the GETCERTIFICATE it answers",
                   recipient_id});
  cases.push_back({"cert/4", "CERT-4", Level::kMust,
                   "`certificate` is base64 of a DER X.509 certificate with a P-256 key", decodable});
  cases.push_back({"cert/5", "N-CERT", Level::kMust,
                   "the certificate's subject CN is the CERTIFICATE's node_id", names_node});
  cases.push_back({"cert/6", "N-CERT", Level::kMust,
                   "the certificate is self-signed (its signature verifies)", self_signed});
  cases.push_back({"cert/7", "GETCERT-1", Level::kShould,
                   "the CERTIFICATE's node_id is the node_id the target announces in its HELLO",
                   node_id_matches_hello});
  cases.push_back(
      {"cert/8", "N-CERT", Level::kShould, "two GETCERTIFICATEs get the same certificate", stable});
  cases.push_back(
      {"cert/9", "GETCERT-2", Level::kShould,
       "a certificate received in advance is kept: a MESSAGE signed with it triggers no GETCERTIFICATE",
       keeps_certificates});
  cases.push_back(
      {"cert/10", "MSG-2", Level::kShould,
       "a MESSAGE from a signer whose certificate is unknown triggers a GETCERTIFICATE to the sender",
       fetches_unknown});
  cases.push_back({"cert/11", "GETCERT-3", Level::kMust,
                   "the target's GETCERTIFICATE carries its own (the sending) node_id",
                   getcertificate_sender_id});
  cases.push_back({"cert/12", "N-FETCH", Level::kShould,
                   "the requested CERTIFICATE, once sent, is acknowledged", completes_after_fetch});
  cases.push_back(
      {"cert/13", "N-RETRANSMIT", Level::kShould,
       "a CERTIFICATE with the msg_id of the target's GETCERTIFICATE settles it (no retransmission)",
       answer_settles_request});
}

}  // namespace ptplab::conformance
