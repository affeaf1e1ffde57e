// Reliability: ACKs for GETCERTIFICATE, CERTIFICATE, GETKEY, KEY and MESSAGE, and
// retransmission of un-ACKed datagrams with exponential backoff up to retransmit_max (spec
// ####ACK), over the reliable sender.
#include "engine/node/encoding_cache.hpp"
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {

void ack(NodeState& s, const Address& to, std::string_view msg_id, Output& out) {
  s.send(to, encode_shared(s.shared.ack_cache, wire::Ack{std::string(msg_id)}), wire::Verb::kAck, out);
}

void on_ack(NodeState& s, TimeNs now, const Inbound& in, const wire::Ack& a, Output& out) {
  const auto proves = s.sender.acknowledge(in.from, a.msg_id);
  // A node ACKs whatever reliable datagram reaches it, asked for or not: the ACK of a CERTIFICATE
  // we sent to answer a possibly spoofed GETCERTIFICATE proves nothing about who asked, and
  // must not lift that address's anti-amplification budget.
  if (!proves || !*proves) return;
  // Echoing one of our msg_ids proves the source receives at this address.
  if (Peer* p = s.peers.find(in.from)) {
    p->validated = true;
    release_held_relays(s, *p, out);
    if (!p->verified)
      peer_verified(s, now, *p, out);
    else if (p->listings_owed)
      announce_channels(s, now, *p, out);
  }
  s.note_contact(now, in.from);
}

void retransmit_timer(NodeState& s, TimeNs now, std::uint32_t serial, Output& out) {
  const auto step = s.sender.step(serial, s.params->retransmit_max, s.params->retransmit_backoff);
  if (step.kind == RetransmitStep::Kind::kNothing) return;
  const Pending& p = step.entry;
  Event e;
  e.msg_id = p.msg_id.view();
  e.verb = p.verb;
  e.peer = p.to;
  if (step.kind == RetransmitStep::Kind::kGiveUp) {
    e.kind = EventKind::kGaveUp;
    return out.event(e);
  }
  e.kind = EventKind::kRetransmitted;
  e.value = p.attempts;
  out.event(e);
  s.timers.push(now + p.wait_ns, TimerKind::kRetransmit, serial);
  s.send(p.to, s.reencoded(p), p.verb, out);
}

}  // namespace ptplab::engine
