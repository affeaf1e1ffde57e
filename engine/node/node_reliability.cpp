// Reliability: ACKs for GETCERTIFICATE, CERTIFICATE, GETKEY, KEY and MESSAGE, and
// retransmission of un-ACKed datagrams with exponential backoff up to retransmit_max.
#include <algorithm>
#include <cmath>

#include "engine/node/node_state.hpp"

namespace ptplab::engine {

void NodeState::ack(const Address& to, std::string_view msg_id, Output& out) {
  send_message(to, wire::Ack{std::string(msg_id)}, out);
}

void NodeState::send_reliable(TimeNs now, const Address& to, const SharedBytes& bytes,
                              std::string_view msg_id, wire::Verb verb, Output& out, AckProves proves) {
  send(to, bytes, verb, out);
  if (over(pending.size(), params.pending_retransmissions_max)) {
    dropped(out, to, wire::verb_name(verb), "retransmit_queue_full");
    return;
  }
  Pending p;
  p.serial = next_pending_serial++;
  p.to = to;
  p.bytes = bytes;
  p.msg_id.assign(msg_id);
  p.verb = verb;
  p.wait_ns = params.ack_timeout_ns;
  p.ack_proves_contact = proves == AckProves::kContact;
  timers.push(now + p.wait_ns, TimerKind::kRetransmit, p.serial);
  pending.push_back(std::move(p));
}

void NodeState::on_ack(TimeNs now, const Address& from, const wire::Ack& a, Output& out) {
  const auto it = std::find_if(pending.begin(), pending.end(),
                               [&](const Pending& p) { return p.to == from && p.msg_id == a.msg_id; });
  if (it == pending.end()) return;
  const bool proves = it->ack_proves_contact;
  pending.erase(it);
  // A node ACKs whatever reliable datagram reaches it, asked for or not: the ACK of a CERTIFICATE
  // we sent to answer a possibly spoofed GETCERTIFICATE proves nothing about who asked, and
  // must not lift that address's anti-amplification budget.
  if (!proves) return;
  // Echoing one of our msg_ids proves the source receives at this address.
  if (Peer* p = find_peer(from); p && !p->verified) peer_verified(now, *p, out);
  note_contact(now, from);
}

void NodeState::retransmit_timer(TimeNs now, std::uint32_t serial, Output& out) {
  const auto it =
      std::find_if(pending.begin(), pending.end(), [&](const Pending& p) { return p.serial == serial; });
  if (it == pending.end()) return;
  Event e;
  e.msg_id = it->msg_id;
  e.verb = wire::verb_name(it->verb);
  e.peer = it->to;
  if (it->attempts >= params.retransmit_max) {
    e.kind = EventKind::kGaveUp;
    out.event(e);
    pending.erase(it);
    return;
  }
  ++it->attempts;
  e.kind = EventKind::kRetransmitted;
  e.value = it->attempts;
  out.event(e);
  const Address to = it->to;
  const SharedBytes bytes = it->bytes;
  const wire::Verb verb = it->verb;
  it->wait_ns =
      static_cast<TimeNs>(std::llround(static_cast<double>(it->wait_ns) * params.retransmit_backoff));
  timers.push(now + it->wait_ns, TimerKind::kRetransmit, serial);
  send(to, bytes, verb, out);
}

}  // namespace ptplab::engine
