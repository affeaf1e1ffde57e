// Peers: the HELLO exchange and keep-alive, address latching, peer timeouts and eviction
// (spec ####HELLO; PROTOCOL.md "peers"), over the peer table and the source guard.
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

// Sends our HELLO to `a`. When the anti-amplification budget of an unverified source refuses our
// full HELLO ({node_id, version}, ~100 bytes) — as it does for the spec's own 20-byte bare HELLO —
// we answer with a bare HELLO instead, so the peer still hears from us within the 3x rule.
bool send_hello(NodeState& s, const Address& a, Output& out) {
  static const SharedBytes bare_hello = make_bytes(wire::encode(wire::Hello{}));
  const SharedBytes& hello = s.own_hello();
  if (s.may_answer(a, hello->size())) {
    out.send(a, hello);
    return true;
  }
  if (s.may_answer(a, bare_hello->size())) {
    out.send(a, bare_hello);
    return true;
  }
  s.dropped(out, a, wire::Verb::kHello, Reason::kAmplificationLimit, bare_hello->size());
  return false;
}

TimeNs hello_interval(NodeState& s) {
  const auto span =
      static_cast<std::uint64_t>(s.params->hello_interval_max_ns - s.params->hello_interval_min_ns);
  return s.params->hello_interval_min_ns + static_cast<TimeNs>(span == 0 ? 0 : s.rng.below(span + 1));
}

// When our next HELLO to a peer goes: a peer that has not answered yet (`answering` false: a
// bootstrap, graft or CONNECT target we greeted first) at hello_retry_interval_ns when that is set,
// as ICE paces its connectivity checks apart from the keep-alives of working pairs (RFC 8445 §14
// and §11); a live peer, and every peer when it is 0 (the spec), at the HELLO period.
TimeNs next_hello_in(NodeState& s, bool answering) {
  if (!answering && s.params->hello_retry_interval_ns > 0) return s.params->hello_retry_interval_ns;
  return hello_interval(s);
}

void collision(Output& out, std::string_view id, const Address& from, std::size_t size) {
  Event e;
  e.kind = EventKind::kCollision;
  e.reason = Reason::kNodeId;
  e.node_id = id;
  e.peer = from;
  e.size = size;
  out.event(e);
}

// The peer a HELLO naming `id` from the unknown address `from` comes from: one that fell silent
// and moved there (NAT rebinding, hole punching), latched to `from`. One still talking from
// its old address while this one talks is a second node with the id: a collision.
Peer* moved_peer(NodeState& s, TimeNs now, const Inbound& in, std::string_view id, Output& out) {
  Peer* known = s.peers.find_by_id(id);
  if (!known) return nullptr;
  if (!known->heard || now - known->last_heard > 2 * s.params->hello_interval_max_ns) {
    PeerTable::move(*known, in.from, now);
    return known;
  }
  collision(out, id, in.from, in.size());
  return nullptr;
}

}  // namespace

Peer* add_peer(NodeState& s, TimeNs now, const Address& a, bool initiated, std::size_t cause_size,
               Output& out) {
  // One IP address holds at most peers_per_ip_max of the table (review S4: 1,100 ports of one
  // host took every slot): its newcomer replaces its quietest peer, never another IP's.
  const std::size_t per_ip = s.bound(s.params->peers_per_ip_max);
  std::optional<std::size_t> evict;
  if (!initiated && at_bound(s.peers.count_ip(a.ip), per_ip)) evict = s.peers.quietest_of_ip(a.ip);
  if (!evict && at_bound(s.peers.size(), s.bound(s.params->peers_max))) {
    // Make room by forgetting a peer that has gone silent, else the newest peer of an IP holding
    // more than this newcomer's would after it joins.
    evict = s.peers.first_stale(now, s.params->peer_timeout_ns);
    if (!evict) evict = s.peers.newest_of_most_crowded(s.peers.count_ip(a.ip) + 1);
    if (!evict) {
      s.dropped(out, a, wire::Verb::kHello, Reason::kPeersFull, cause_size);
      return nullptr;
    }
  }
  if (evict) remove_peer(s, *evict, Reason::kEvicted, out);
  Peer& added = s.peers.add(now, a, initiated);
  Event e;
  e.kind = EventKind::kPeerAdded;
  e.peer = a;
  out.event(e);
  added.hello_sent = send_hello(s, a, out);
  // A peer that greeted us first is answering; one we greet first is not yet.
  s.timers.push(now + next_hello_in(s, !initiated), TimerKind::kHello, added.serial);
  return &added;
}

void remove_peer(NodeState& s, std::size_t index, Reason reason, Output& out) {
  const Peer& p = s.peers.all()[index];
  Event e;
  e.kind = EventKind::kPeerRemoved;
  e.peer = p.address;
  e.node_id = p.node_id;
  e.reason = reason;
  out.event(e);
  drop_held_relays(s, p.address, out);
  s.peers.remove(index);
}

void hello_timer(NodeState& s, TimeNs now, std::uint32_t serial, Output& out) {
  Peer* p = s.peers.find_by_serial(serial);
  if (!p) return;
  if (now - p->last_heard >= s.params->peer_timeout_ns)
    return remove_peer(s, s.peers.index_of(*p), Reason::kTimeout, out);
  if (p->probe_wanted && !p->validated && !p->initiated) probe_peer(s, now, *p, out);
  if (send_hello(s, p->address, out)) p->hello_sent = true;
  s.timers.push(now + next_hello_in(s, p->heard), TimerKind::kHello, serial);
}

void probe_peer(NodeState& s, TimeNs now, Peer& p, Output& out) {
  if (s.sender.holds(p.address, wire::Verb::kGetCertificate)) return;
  p.probe_wanted = false;
  const std::string msg_id = s.new_msg_id();
  const auto bytes = make_bytes(wire::encode(wire::GetCertificate{msg_id, s.node_id}));
  s.send_reliable(now, p.address, bytes, msg_id, wire::Verb::kGetCertificate, out);
}

void announce_channels(NodeState& s, TimeNs now, Peer& p, Output& out) {
  p.listings_owed = false;
  for (auto& c : s.channels.all())
    if (c.member)
      for (const auto& page : channel_listings(s, now, c))
        if (!s.send(p.address, page.bytes, wire::Verb::kChannel, out)) p.listings_owed = true;
}

void peer_verified(NodeState& s, TimeNs now, Peer& p, Output& out) {
  p.verified = true;
  if (s.address_proved(p)) release_held_relays(s, p, out);
  // Under address_validation "ack" a neighbour whose address is not proved is asked for proof at
  // once (QUIC validates a new path the same way, RFC 9000 §8.1): the probe's ACK, one round trip
  // later, lifts its 3x budget (on_ack), and our listings go then. Sent now they would spend the
  // budget that the probe's retransmissions need (a listing of a busy channel fills a datagram),
  // and a victim of forged HELLOs, which never ACKs, gets none.
  if (s.params->anti_amplification_enabled && s.params->address_validation == AddressValidation::kAck &&
      !s.address_proved(p)) {
    probe_peer(s, now, p, out);
    p.listings_owed = true;
    tell_peer_its_address(s, p, out);  // after the probe, which the budget must carry first
    return;
  }
  tell_peer_its_address(s, p, out);
  // Tell a newly verified neighbour about our channels (the spec's optional CHANNEL to new
  // nodes). Only those we are subscribed to: the spec sends CHANNEL for those alone, and a
  // listing must name its sender (conformance channel/5).
  announce_channels(s, now, p, out);
}

void on_hello(NodeState& s, TimeNs now, const Inbound& in, const wire::Hello& h, Output& out) {
  Peer* p = s.peers.find(in.from);
  const std::string_view id = h.node_id ? std::string_view(*h.node_id) : std::string_view();
  if (!p && !id.empty() && id != s.node_id) p = moved_peer(s, now, in, id, out);
  if (id == s.node_id && !id.empty()) collision(out, id, in.from, in.size());
  if (!p) {
    p = add_peer(s, now, in.from, false, in.size(), out);
    if (!p) return;
    p->heard = true;
  }
  if (id.empty()) return;
  const bool unnamed = p->node_id.empty();
  s.peers.name(*p, id);
  // A peer we greeted first is verified by its first HELLO, before that HELLO names it.
  if (unnamed && p->verified) tell_peer_its_address(s, *p, out);
}

}  // namespace ptplab::engine
