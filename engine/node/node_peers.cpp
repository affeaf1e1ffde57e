// Peers and sources: the HELLO exchange and keep-alive, address latching, peer timeouts,
// per-source token buckets and the anti-amplification budget.
#include <algorithm>

#include "engine/node/node_state.hpp"

namespace ptplab::engine {

namespace {

// Sends our HELLO to `a`. When the anti-amplification budget of an unverified source refuses our
// full HELLO ({node_id, version}, ~100 bytes) — as it does for the spec's own 19-byte bare HELLO —
// we answer with a bare HELLO instead, so the peer still hears from us within the 3x rule.
bool send_hello(NodeState& s, const Address& a, Output& out) {
  static const SharedBytes bare_hello = make_bytes(wire::encode(wire::Hello{}));
  if (s.may_answer(a, s.hello_bytes->size())) {
    out.send(a, s.hello_bytes);
    return true;
  }
  if (s.may_answer(a, bare_hello->size())) {
    out.send(a, bare_hello);
    return true;
  }
  s.dropped(out, a, "HELLO", "amplification_limit");
  return false;
}

TimeNs hello_interval(NodeState& s) {
  const auto span =
      static_cast<std::uint64_t>(s.params.hello_interval_max_ns - s.params.hello_interval_min_ns);
  return s.params.hello_interval_min_ns + static_cast<TimeNs>(span == 0 ? 0 : s.rng.below(span + 1));
}

}  // namespace

Peer* NodeState::find_peer(const Address& a) {
  for (auto& p : peers)
    if (p.address == a) return &p;
  return nullptr;
}

const Peer* NodeState::find_peer(const Address& a) const {
  for (const auto& p : peers)
    if (p.address == a) return &p;
  return nullptr;
}

Peer* NodeState::find_peer_by_id(std::string_view id) {
  for (auto& p : peers)
    if (!id.empty() && p.node_id == id) return &p;
  return nullptr;
}

Peer* NodeState::add_peer(TimeNs now, const Address& a, bool initiated, Output& out) {
  if (over(peers.size(), params.peers_max)) {
    // Make room by forgetting a peer that has gone silent, if there is one.
    const auto stale = std::find_if(peers.begin(), peers.end(), [&](const Peer& p) { return !live(p, now); });
    if (stale == peers.end()) {
      dropped(out, a, "HELLO", "peers_full");
      return nullptr;
    }
    remove_peer(static_cast<std::size_t>(stale - peers.begin()), "evicted", out);
  }
  Peer p;
  p.address = a;
  p.serial = next_peer_serial++;
  p.last_heard = now;
  p.initiated = initiated;
  peers.push_back(p);
  Event e;
  e.kind = EventKind::kPeerAdded;
  e.peer = a;
  out.event(e);
  Peer& added = peers.back();
  added.hello_sent = send_hello(*this, a, out);
  timers.push(now + hello_interval(*this), TimerKind::kHello, added.serial);
  return &peers.back();
}

void NodeState::remove_peer(std::size_t index, std::string_view reason, Output& out) {
  Event e;
  e.kind = EventKind::kPeerRemoved;
  e.peer = peers[index].address;
  e.node_id = peers[index].node_id;
  e.reason = reason;
  out.event(e);
  peers.erase(peers.begin() + static_cast<std::ptrdiff_t>(index));
}

void NodeState::hello_timer(TimeNs now, std::uint32_t serial, Output& out) {
  const auto it = std::find_if(peers.begin(), peers.end(), [&](const Peer& p) { return p.serial == serial; });
  if (it == peers.end()) return;
  if (now - it->last_heard >= params.peer_timeout_ns) {
    remove_peer(static_cast<std::size_t>(it - peers.begin()), "timeout", out);
    return;
  }
  if (send_hello(*this, it->address, out)) it->hello_sent = true;
  timers.push(now + hello_interval(*this), TimerKind::kHello, serial);
}

void NodeState::peer_verified(TimeNs now, Peer& p, Output& out) {
  p.verified = true;
  // Tell a newly verified neighbour about our channels (the spec's optional CHANNEL to new
  // nodes). Only those we are subscribed to: the spec sends CHANNEL for those alone, and a
  // listing must name its sender (conformance channel/5).
  for (auto& c : channels)
    if (c.member) send(p.address, channel_listing(now, c, new_msg_id()), wire::Verb::kChannel, out);
}

void NodeState::on_hello(TimeNs now, const Address& from, const wire::Hello& h, Output& out) {
  Peer* p = find_peer(from);
  const std::string_view id = h.node_id ? std::string_view(*h.node_id) : std::string_view();
  if (!p && !id.empty() && id != node_id) {
    if (Peer* known = find_peer_by_id(id)) {
      // A silent peer reappearing elsewhere has moved (NAT rebinding, hole punching): latch.
      // One still talking from its old address while this one talks is a second node with the id.
      if (!known->heard || now - known->last_heard > 2 * params.hello_interval_max_ns) {
        known->address = from;
        known->heard = true;
        known->last_heard = now;
        known->verified = known->initiated;
        p = known;
      } else {
        Event e;
        e.kind = EventKind::kCollision;
        e.reason = "node_id";
        e.node_id = id;
        e.peer = from;
        out.event(e);
      }
    }
  }
  if (id == node_id && !id.empty()) {
    Event e;
    e.kind = EventKind::kCollision;
    e.reason = "node_id";
    e.node_id = id;
    e.peer = from;
    out.event(e);
  }
  if (!p) {
    p = add_peer(now, from, false, out);
    if (!p) return;
    p->heard = true;
  }
  if (!id.empty()) p->node_id.assign(id);
}

Source& NodeState::source(TimeNs now, const Address& a) {
  for (auto& s : sources)
    if (s.address == a) return s;
  if (over(sources.size(), params.rate_sources_max)) {
    // Forget the source heard from least recently.
    const auto oldest =
        std::min_element(sources.begin(), sources.end(),
                         [](const Source& x, const Source& y) { return x.last_seen < y.last_seen; });
    sources.erase(oldest);
  }
  Source s;
  s.address = a;
  s.datagrams = TokenBucket(params.rate_burst_datagrams, now);
  s.bytes = TokenBucket(params.rate_burst_bytes, now);
  s.certificate_answers = TokenBucket(params.certificate_answers_burst, now);
  s.last_seen = now;
  sources.push_back(s);
  return sources.back();
}

Source* NodeState::admit(TimeNs now, const Address& from, std::size_t size, Output& out) {
  Source& s = source(now, from);
  s.last_seen = now;
  if (params.rate_limit_enabled &&
      (!s.datagrams.take(now, params.rate_datagrams_per_s, params.rate_burst_datagrams, 1.0) ||
       !s.bytes.take(now, params.rate_bytes_per_s, params.rate_burst_bytes, static_cast<double>(size)))) {
    Event e;
    e.kind = EventKind::kRateLimited;
    e.peer = from;
    e.value = size;
    out.event(e);
    return nullptr;
  }
  return &s;
}

void NodeState::note_contact(TimeNs now, const Address& a) {
  for (auto& c : contacts)
    if (c.address == a) {
      c.since = now;
      return;
    }
  if (over(contacts.size(), params.peers_max)) contacts.erase(contacts.begin());
  contacts.push_back({a, now});
}

bool NodeState::may_answer(const Address& to, std::size_t size) {
  if (!params.anti_amplification_enabled) return true;
  if (const Peer* p = find_peer(to); p && (p->verified || p->initiated)) return true;
  for (const auto& c : contacts)
    if (c.address == to) return true;
  for (auto& s : sources) {
    if (s.address != to) continue;
    const double budget = params.amplification_factor_max * static_cast<double>(s.bytes_in);
    if (static_cast<double>(s.bytes_out + size) > budget) return false;
    s.bytes_out += size;
    return true;
  }
  return false;
}

}  // namespace ptplab::engine
