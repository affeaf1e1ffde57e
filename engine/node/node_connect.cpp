// CONNECT: the spec's five-step rendezvous. A asks S; S forwards to B with A's address; B answers
// through S and starts HELLOing A; S completes A's view of B; A starts HELLOing B. Both punch
// holes in their NATs and report success when a datagram from the other arrives.
#include <algorithm>
#include <cctype>

#include "engine/node/node_state.hpp"

namespace ptplab::engine {
namespace {

// The three socket forms CONNECT carries.
enum class Form { kFull, kIp, kPort, kInvalid };

Form form_of(std::string_view s) {
  if (Address::parse(s)) return Form::kFull;
  if (Address::parse_ip(s)) return Form::kIp;
  if (!s.empty() && s.size() <= 5 &&
      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      std::stoul(std::string(s)) <= 65535)
    return Form::kPort;
  return Form::kInvalid;
}

// ip of `observed` with the claimed port, or the observed port when none (0) was claimed.
Address with_port(const Address& observed, std::string_view port) {
  Address a = observed;
  if (const auto p = std::stoul(std::string(port)); p != 0) a.port = static_cast<std::uint16_t>(p);
  return a;
}

}  // namespace

std::string NodeState::claimed_port(const Address& rendezvous) const {
  // A port another peer reported would be wrong for this rendezvous behind a symmetric NAT: it
  // then could not find us among its peers when B answers (connect_target_unknown).
  const Peer* p = find_peer(rendezvous);
  return std::to_string(p && p->sees_us ? p->sees_us->port : 0);
}

void NodeState::connect(TimeNs now, const Address& rendezvous, std::string_view target, Output& out) {
  if (over(connects.size(), params.connect_attempts_max)) {
    Event e;
    e.kind = EventKind::kConnectFailed;
    e.reason = "too_many_attempts";
    e.node_id = target;
    return out.event(e);
  }
  const auto known = address_of(target);
  wire::Connect c;
  c.dst = known ? known->ip_string() : "0.0.0.0";
  c.src = claimed_port(rendezvous);
  c.src_node_id = node_id;
  c.dst_node_id = std::string(target);
  connects.push_back({std::string(target), std::nullopt, now + params.connect_timeout_ns});
  note_contact(now, rendezvous);
  send_message(rendezvous, c, out);
}

void NodeState::on_connect(TimeNs now, const Address& from, const wire::Connect& m, Output& out) {
  const Form dst = form_of(m.dst);
  const Form src = form_of(m.src);
  const Peer* sender = find_peer(from);
  const bool sender_live = sender && live(*sender, now);
  if (params.connect_live_peers_only && !sender_live) return dropped(out, from, "CONNECT", "not_a_peer");

  if (src == Form::kPort && (dst == Form::kIp || dst == Form::kFull)) {
    // We are S. Step 1 (dst = B's ip) or step 3 (dst = A's full address).
    if (!connect_bucket.take(now, params.connect_rate_per_s, params.connect_burst, 1.0)) {
      Event e;
      e.kind = EventKind::kRateLimited;
      e.verb = "CONNECT";
      e.peer = from;
      return out.event(e);
    }
    const Address sender_full = with_port(from, m.src);
    const Peer* other = nullptr;
    if (dst == Form::kFull) {
      other = find_peer(*Address::parse(m.dst));
    } else {
      if (m.dst_node_id) other = find_peer_by_id(*m.dst_node_id);
      if (!other) {
        const auto ip = *Address::parse_ip(m.dst);
        for (const auto& p : peers)
          if (p.address.ip == ip && p.address != from) other = &p;
      }
    }
    if (!other || (params.connect_live_peers_only && !live(*other, now)))
      return dropped(out, from, "CONNECT", "connect_target_unknown");
    // Step 2 goes to B as {dst: A full, src: B's ip}; step 4 to A as {dst: B full, src: A full}.
    wire::Connect fwd;
    fwd.dst = sender_full.to_string();
    fwd.src = dst == Form::kFull ? m.dst : other->address.ip_string();
    fwd.dst_node_id = m.src_node_id;
    fwd.src_node_id = m.dst_node_id;
    send_message(other->address, fwd, out);
    return;
  }
  if (dst == Form::kFull && (src == Form::kIp || src == Form::kFull)) {
    // Step 2 (we are B: src is our ip as S sees it) or step 5 (we are A: both full).
    const Address other = *Address::parse(m.dst);
    const std::string other_id = m.dst_node_id.value_or("");
    if (src == Form::kIp) {
      if (over(connects.size(), params.connect_attempts_max))
        return dropped(out, from, "CONNECT", "too_many_attempts");
      wire::Connect back;
      back.dst = m.dst;
      back.src = claimed_port(from);
      back.dst_node_id = m.dst_node_id;
      back.src_node_id = node_id;
      send_message(from, back, out);
      connects.push_back({other_id, other, now + params.connect_timeout_ns});
    } else {
      auto it = std::find_if(connects.begin(), connects.end(), [&](const ConnectAttempt& a) {
        return a.target_node_id == other_id || a.target_node_id.empty();
      });
      if (it == connects.end()) {
        // B's hole punching often reaches us before S's step 4 does: the attempt is already done.
        if (const Peer* p = find_peer(other); p && p->heard) return;
        return dropped(out, from, "CONNECT", "unexpected_connect");
      }
      it->target = other;
    }
    // Hole punching: HELLO the other side's public address until a datagram comes back.
    if (!find_peer(other)) add_peer(now, other, true, out);
    return;
  }
  dropped(out, from, "CONNECT", "bad_connect");
}

void NodeState::connect_progress(TimeNs now, const Address& from, std::string_view hello_node_id,
                                 Output& out) {
  (void)now;
  for (auto it = connects.begin(); it != connects.end();) {
    const bool by_address = it->target && *it->target == from;
    const bool by_id = !hello_node_id.empty() && hello_node_id == it->target_node_id;
    if (!by_address && !by_id) {
      ++it;
      continue;
    }
    Event e;
    e.kind = EventKind::kConnectSucceeded;
    e.node_id = it->target_node_id;
    e.peer = from;
    out.event(e);
    it = connects.erase(it);
  }
}

}  // namespace ptplab::engine
