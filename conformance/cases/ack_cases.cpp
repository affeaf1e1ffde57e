// Cases of ACK: one for each of the five acknowledged verbs carrying the received msg_id,
// duplicates acknowledged again, and the target's own retransmission of what we leave un-ACKed.
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "conformance/cases/signed_message.hpp"
#include "conformance/identity.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

constexpr int kBackoffCopies = 3;  // the first CERTIFICATE and two retransmissions

Outcome expect_ack(Context& c, const Peer& p, const std::string& id) {
  if (c.expect(p, ack_for(id))) return Outcome::pass();
  return Outcome::fail({"ACK{msg_id=" + id + "}"}, c.seen(p));
}

Outcome ack_getcertificate(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  c.send(p, wire::GetCertificate{id, p.node_id});
  return expect_ack(c, p, id);
}

Outcome ack_certificate(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  const std::string id = c.new_id();
  c.send(p, wire::Certificate{id, p.node_id, c.target_node_id(), me.certificate_der});
  return expect_ack(c, p, id);
}

Outcome ack_getkey(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  c.send(p, wire::GetKey{id, p.node_id, "conformance", c.new_id()});
  return expect_ack(c, p, id);
}

Outcome ack_key(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const auto cert = fetch_target_certificate(c, p);
  if (!cert) return Outcome::blocked("cert/1", "the target's certificate could not be fetched");
  const std::string channel_id = c.new_id();
  const std::string key(32, '\x5a');
  const auto wrapped = cert->wrap(key, "ptplab-key:" + channel_id, ephemeral_seed(c));
  if (!wrapped) return Outcome::harness_error("could not wrap a key for the target's certificate");
  const std::string id = c.new_id();
  c.send(p, wire::Key{id, p.node_id, c.target_node_id(), "conformance", channel_id, "AES-256-GCM", *wrapped});
  return expect_ack(c, p, id);
}

Outcome ack_message(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const Identity me = make_identity(p.node_id, c.rng());
  c.send(p, wire::Certificate{c.new_id(), p.node_id, c.target_node_id(), me.certificate_der});
  const auto m = signed_message(c, me, c.new_id(), {c.target_node_id()}, "ack me");
  c.send(p, m);
  return expect_ack(c, p, m.msg_id);
}

// A duplicate is acknowledged again (the first ACK may have been lost).
Outcome ack_duplicate(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  const wire::GetKey g{id, p.node_id, "conformance", c.new_id()};
  c.send(p, g);
  if (!c.expect(p, ack_for(id)))
    return Outcome::blocked("ack/3", "the first GETKEY was not acknowledged, so no duplicate was sent");
  c.send(p, g);
  return expect_ack(c, p, id);
}

// ACK-1: the ACK tells the sender that the immediate recipient got the message. A MESSAGE
// addressed to another node (B, a peer of the target that never ACKs anything) is
// acknowledged by the target itself, from its own socket, without waiting for B.
Outcome ack_from_immediate_recipient(Context& c) {
  const Peer a = c.open_peer();
  const Peer b = c.open_peer(false);
  if (!greet(c, a)) return no_hello_answer(c, a);
  if (!greet(c, b)) return no_hello_answer(c, b);
  const Identity me = make_identity(a.node_id, c.rng());
  c.send(a, wire::Certificate{c.new_id(), a.node_id, c.target_node_id(), me.certificate_der});
  const auto m = signed_message(c, me, c.new_id(), {b.node_id}, "for B, acknowledged by the relay");
  c.send(a, m);
  const auto ack = c.expect(a, ack_for(m.msg_id));
  if (!ack) return Outcome::fail({"ACK{msg_id=" + m.msg_id + "} from the target (B never ACKs)"}, c.seen(a));
  if (ack->from == c.target()) return Outcome::pass();
  return Outcome::fail({"the ACK from the target's socket " + c.target().to_string()},
                       "from " + ack->from.to_string());
}

// The target's CERTIFICATE, left un-ACKed, comes again with the same msg_id.
Outcome retransmits_unacked(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  const auto same = message_where<wire::Certificate>(
      "CERTIFICATE{msg_id=" + id + "} again", [id](const wire::Certificate& m) { return m.msg_id == id; });
  c.withhold_acks(p, same);  // that CERTIFICATE alone: the target's other requests are ACKed
  c.send(p, wire::GetCertificate{id, p.node_id});
  if (!c.expect(p, same)) return Outcome::blocked("cert/1", "the target sent no CERTIFICATE");
  if (c.expect(p, same, c.timeout() + c.settings().hello_interval_max_ns)) return Outcome::pass();
  return Outcome::fail({"the CERTIFICATE retransmitted while un-ACKed"}, c.seen(p));
}

// Once ACKed, the target stops retransmitting.
Outcome stops_when_acked(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  const auto same = message_where<wire::Certificate>(
      "CERTIFICATE{msg_id=" + id + "}", [id](const wire::Certificate& m) { return m.msg_id == id; });
  c.withhold_acks(p, same);  // until the case ACKs it itself
  c.send(p, wire::GetCertificate{id, p.node_id});
  if (!c.expect(p, same)) return Outcome::blocked("cert/1", "the target sent no CERTIFICATE");
  // Only a target seen to retransmit can be seen to stop.
  if (!c.expect(p, same, c.timeout() + c.settings().hello_interval_max_ns))
    return Outcome::blocked("ack/7", "the un-ACKed CERTIFICATE was not retransmitted");
  c.send(p, wire::Ack{id});
  // Something already in flight when our ACK left may still arrive: allow one.
  const auto more = c.watch(p, same, c.timeout() + c.settings().hello_interval_max_ns);
  if (more.size() <= 1) return Outcome::pass();
  return Outcome::fail({"no CERTIFICATE{msg_id=" + id + "} after our ACK"},
                       std::to_string(more.size()) + " more copies");
}

// Retransmissions back off: each wait is longer than the one before.
Outcome backs_off(Context& c) {
  const Peer p = c.open_peer();
  if (!greet(c, p)) return no_hello_answer(c, p);
  const std::string id = c.new_id();
  const auto same = message_where<wire::Certificate>(
      "CERTIFICATE{msg_id=" + id + "}", [id](const wire::Certificate& m) { return m.msg_id == id; });
  c.withhold_acks(p, same);
  c.send(p, wire::GetCertificate{id, p.node_id});
  std::vector<TimeNs> at;
  for (int i = 0; i < kBackoffCopies; ++i) {
    const auto r = c.expect(p, same, c.timeout() + (TimeNs{1} << i) * kSecond);
    if (!r) break;
    at.push_back(r->at);
  }
  if (at.size() < static_cast<std::size_t>(kBackoffCopies))
    return Outcome::blocked("ack/7", "fewer than " + std::to_string(kBackoffCopies) + " copies");
  const TimeNs first = at[1] - at[0];
  const TimeNs second = at[2] - at[1];
  if (second > first) return Outcome::pass();
  return Outcome::fail({"a longer wait before each retransmission"},
                       "waits " + format_duration(first) + " then " + format_duration(second));
}

}  // namespace

void add_ack_cases(std::vector<Case>& cases) {
  cases.push_back({"ack/1", "ACK-2", Level::kMust, "a GETCERTIFICATE is acknowledged with its msg_id",
                   ack_getcertificate});
  cases.push_back(
      {"ack/2", "ACK-2", Level::kMust, "a CERTIFICATE is acknowledged with its msg_id", ack_certificate});
  cases.push_back({"ack/3", "ACK-2", Level::kMust, "a GETKEY is acknowledged with its msg_id", ack_getkey});
  cases.push_back({"ack/4", "ACK-2", Level::kMust,
                   "a KEY (wrapped for the target's certificate) is acknowledged with its msg_id", ack_key});
  cases.push_back(
      {"ack/5", "ACK-2", Level::kMust, "a signed MESSAGE is acknowledged with its msg_id", ack_message});
  cases.push_back(
      {"ack/6", "N-ACK", Level::kMust, "a duplicate GETKEY is acknowledged again", ack_duplicate});
  cases.push_back({"ack/7", "N-RETRANSMIT", Level::kShould,
                   "a CERTIFICATE the harness leaves un-ACKed is retransmitted with the same msg_id",
                   retransmits_unacked});
  cases.push_back({"ack/8", "N-RETRANSMIT", Level::kShould,
                   "once ACKed, the CERTIFICATE is not retransmitted any more", stops_when_acked});
  cases.push_back(
      {"ack/9", "N-RETRANSMIT", Level::kShould,
       "retransmissions back off: the wait before the second copy is longer than before the first",
       backs_off});
  cases.push_back({"ack/10", "ACK-1", Level::kMust,
                   "a MESSAGE for another node is ACKed by the target (the immediate recipient) from its "
                   "socket, although the final recipient never ACKs",
                   ack_from_immediate_recipient});
}

}  // namespace ptplab::conformance
