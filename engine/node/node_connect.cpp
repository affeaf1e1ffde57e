// CONNECT: the spec's five-step rendezvous (####CONNECT). A asks S; S forwards to B with A's
// address; B answers through S and starts HELLOing A; S completes A's view of B; A starts
// HELLOing B. Both punch holes in their NATs and report success when a datagram from the other
// arrives. Over the rendezvous component, the peer table and the source guard.
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

// The port to claim as CONNECT `src` towards `rendezvous`: the one it sees us at, else 0 ("the
// port you see"). A port another peer reported would be wrong for this rendezvous behind a
// symmetric NAT: it then could not find us among its peers when B answers
// (connect_target_unknown).
std::string claimed_port(const NodeState& s, const Address& rendezvous) {
  const Peer* p = s.peers.find(rendezvous);
  return std::to_string(p && p->sees_us ? p->sees_us->port : 0);
}

void connect_failed(Output& out, Reason reason, std::string_view target) {
  Event e;
  e.kind = EventKind::kConnectFailed;
  e.reason = reason;
  e.node_id = target;
  out.event(e);
}

// The peer a step-1 or step-3 CONNECT asks S to reach: by full address (step 3), else by
// node_id, else by ip among the other peers (step 1).
const Peer* connect_target(NodeState& s, const Address& from, const wire::Connect& m, ConnectForm dst) {
  if (dst == ConnectForm::kFull) return s.peers.find(*Address::parse(m.dst));
  const Peer* other = m.dst_node_id ? s.peers.find_by_id(*m.dst_node_id) : nullptr;
  if (other) return other;
  const auto ip = *Address::parse_ip(m.dst);
  for (const auto& p : s.peers.all())
    if (p.address.ip == ip && p.address != from) other = &p;
  return other;
}

// We are S: step 1 (dst = B's ip) or step 3 (dst = A's full address).
void as_rendezvous(NodeState& s, TimeNs now, const Inbound& in, const wire::Connect& m, ConnectForm dst,
                   Output& out) {
  if (!s.rendezvous.may_forward(now, s.params->connect_rate_per_s, s.params->connect_burst)) {
    Event e;
    e.kind = EventKind::kRateLimited;
    e.verb = wire::Verb::kConnect;
    e.peer = in.from;
    e.size = in.size();
    return out.event(e);
  }
  const Peer* other = connect_target(s, in.from, m, dst);
  if (!other || (s.params->connect_live_peers_only && !s.live(*other, now)))
    return s.dropped(out, in.from, wire::Verb::kConnect, Reason::kConnectTargetUnknown, in.size());
  // An IPv6 peer's stand-in would reach the other side as an address that means nothing there.
  if (!in.from.announceable() || !other->address.announceable())
    return s.dropped(out, in.from, wire::Verb::kConnect, Reason::kUnannounceableAddress, in.size());
  // Step 2 goes to B as {dst: A full, src: B's ip}; step 4 to A as {dst: B full, src: A full}.
  wire::Connect fwd;
  fwd.dst = with_claimed_port(in.from, m.src).to_string();
  fwd.src = dst == ConnectForm::kFull ? m.dst : other->address.ip_string();
  fwd.dst_node_id = m.src_node_id;
  fwd.src_node_id = m.dst_node_id;
  s.send_message(other->address, fwd, out);
}

// Step 2 (we are B: src is our ip as S sees it) or step 5 (we are A: both full).
void as_endpoint(NodeState& s, TimeNs now, const Inbound& in, const wire::Connect& m, ConnectForm src,
                 Output& out) {
  const Address other = *Address::parse(m.dst);
  if (!other.announceable())  // another host's IPv6 stand-in: here it would alias one of ours
    return s.dropped(out, in.from, wire::Verb::kConnect, Reason::kUnannounceableAddress, in.size());
  const std::string other_id = m.dst_node_id.value_or("");
  if (src == ConnectForm::kIp) {
    if (s.rendezvous.full(s.bound(s.params->connect_attempts_max)))
      return s.dropped(out, in.from, wire::Verb::kConnect, Reason::kTooManyAttempts, in.size());
    wire::Connect back;
    back.dst = m.dst;
    back.src = claimed_port(s, in.from);
    back.dst_node_id = m.dst_node_id;
    back.src_node_id = s.node_id;
    s.send_message(in.from, back, out);
    s.rendezvous.begin(other_id, other, now + s.params->connect_timeout_ns);
  } else if (ConnectAttempt* attempt = s.rendezvous.find_for(other_id)) {
    attempt->target = other;
  } else {
    // B's hole punching often reaches us before S's step 4 does: the attempt is already done.
    // Behind a symmetric NAT B punches from another port than the one S sees (`other`), and its
    // HELLO completed the attempt by node_id: B is then a heard peer under that id.
    if (const Peer* p = s.peers.find(other); p && p->heard) return;
    if (const Peer* p = other_id.empty() ? nullptr : s.peers.find_by_id(other_id); p && p->heard) return;
    return s.dropped(out, in.from, wire::Verb::kConnect, Reason::kUnexpectedConnect, in.size());
  }
  // Hole punching: HELLO the other side's public address until a datagram comes back.
  if (!s.peers.find(other)) add_peer(s, now, other, true, 0, out);
}

}  // namespace

void connect(NodeState& s, TimeNs now, const Address& rendezvous, std::string_view target, Output& out) {
  if (s.rendezvous.full(s.bound(s.params->connect_attempts_max)))
    return connect_failed(out, Reason::kTooManyAttempts, target);
  const auto known = s.address_of(target);
  wire::Connect c;
  // Unknown, or an IPv6 stand-in of ours: "0.0.0.0", and S finds the target by dst_node_id.
  c.dst = known && known->announceable() ? known->ip_string() : "0.0.0.0";
  c.src = claimed_port(s, rendezvous);
  c.src_node_id = s.node_id;
  c.dst_node_id = std::string(target);
  s.rendezvous.begin(target, std::nullopt, now + s.params->connect_timeout_ns);
  s.note_contact(now, rendezvous);
  s.send_message(rendezvous, c, out);
}

void on_connect(NodeState& s, TimeNs now, const Inbound& in, const wire::Connect& m, Output& out) {
  const ConnectForm dst = connect_form(m.dst);
  const ConnectForm src = connect_form(m.src);
  const Peer* sender = s.peers.find(in.from);
  if (s.params->connect_live_peers_only && !(sender && s.live(*sender, now)))
    return s.dropped(out, in.from, wire::Verb::kConnect, Reason::kNotAPeer, in.size());
  if (src == ConnectForm::kPort && (dst == ConnectForm::kIp || dst == ConnectForm::kFull))
    return as_rendezvous(s, now, in, m, dst, out);
  if (dst == ConnectForm::kFull && (src == ConnectForm::kIp || src == ConnectForm::kFull))
    return as_endpoint(s, now, in, m, src, out);
  s.dropped(out, in.from, wire::Verb::kConnect, Reason::kBadConnect, in.size());
}

void connect_progress(NodeState& s, const Address& from, std::string_view hello_node_id, Output& out) {
  for (const auto& attempt : s.rendezvous.complete(from, hello_node_id)) {
    Event e;
    e.kind = EventKind::kConnectSucceeded;
    e.node_id = attempt.target_node_id;
    e.peer = from;
    out.event(e);
  }
}

}  // namespace ptplab::engine
