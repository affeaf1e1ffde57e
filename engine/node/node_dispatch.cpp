// Dispatch of decoded datagrams by verb, of timer entries by kind, and the periodic
// housekeeping that expires every component's stale entries.
#include <algorithm>

#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {
namespace {

void expire_verifications(NodeState& s, TimeNs now, Output& out) {
  for (const auto& pv : s.verifications.take_expired(now, s.params->pending_verification_timeout_ns)) {
    Event e;
    e.kind = EventKind::kDropped;
    e.verb = wire::Verb::kMessage;
    e.reason = Reason::kVerificationTimeout;
    e.msg_id = pv.message.msg_id;
    e.node_id = pv.message.node_id;
    e.channel_id = pv.message.channel_id;
    e.peer = pv.from;
    e.size = pv.size;
    out.event(e);
  }
}

void expire_connects(NodeState& s, TimeNs now, Output& out) {
  for (const auto& attempt : s.rendezvous.take_expired(now)) {
    Event e;
    e.kind = EventKind::kConnectFailed;
    e.reason = Reason::kTimeout;
    e.node_id = attempt.target_node_id;
    if (attempt.target) e.peer = *attempt.target;
    out.event(e);
  }
}

}  // namespace

void dispatch(NodeState& s, TimeNs now, const Inbound& in, const wire::Message& m, Output& out) {
  switch (wire::verb_of(m)) {
    case wire::Verb::kHello: return on_hello(s, now, in, std::get<wire::Hello>(m), out);
    case wire::Verb::kAck: return on_ack(s, now, in, std::get<wire::Ack>(m), out);
    case wire::Verb::kJoin: return on_join(s, now, in, std::get<wire::Join>(m), out);
    case wire::Verb::kChannel: return on_channel(s, now, in, std::get<wire::Channel>(m), out);
    case wire::Verb::kLeave: return on_leave(s, now, in, std::get<wire::Leave>(m), out);
    case wire::Verb::kGetCertificate:
      return on_get_certificate(s, now, in, std::get<wire::GetCertificate>(m), out);
    case wire::Verb::kCertificate: return on_certificate(s, now, in, std::get<wire::Certificate>(m), out);
    case wire::Verb::kGetKey: return on_get_key(s, now, in, std::get<wire::GetKey>(m), out);
    case wire::Verb::kKey: return on_key(s, now, in, std::get<wire::Key>(m), out);
    case wire::Verb::kMessage: return on_message(s, now, in, std::get<wire::ChatMessage>(m), out);
    case wire::Verb::kConnect: return on_connect(s, now, in, std::get<wire::Connect>(m), out);
    case wire::Verb::kRouting: return on_routing(s, now, in, std::get<wire::Routing>(m), out);
  }
}

void on_timer_entry(NodeState& s, TimeNs now, const TimerQueue::Entry& e, Output& out) {
  switch (e.kind) {
    case TimerKind::kHello: return hello_timer(s, now, e.key, out);
    case TimerKind::kRetransmit: return retransmit_timer(s, now, e.key, out);
    case TimerKind::kHousekeeping:
      housekeeping(s, now, out);
      s.timers.push(now + s.params->housekeeping_interval_ns, TimerKind::kHousekeeping, 0);
      return;
    case TimerKind::kRouting:
      if (s.params->routing_enabled) send_routing(s, now, out);
      s.timers.push(now + s.params->routing_interval_ns, TimerKind::kRouting, 0);
      return;
  }
}

void housekeeping(NodeState& s, TimeNs now, Output& out) {
  s.dedup.expire(now, s.params->dedup_window_ns);
  s.sources.expire(now, s.params->peer_timeout_ns, *s.params, s.bound(s.params->rate_sources_max));
  s.routes.expire(now, s.params->routing_entry_timeout_ns);
  greet_routes(s, now, out);
  expire_verifications(s, now, out);
  expire_connects(s, now, out);
  s.channels.forget_departed(now, departed_memory_ns(s.params->channel_refresh_interval_ns));
  for (auto& c : s.channels.all()) {
    if (!c.member) continue;
    if (c.refresh_at <= now) announce(s, now, c, out);
    if (s.params->propagation == Propagation::kMesh) maintain_mesh(s, now, c, out);
    if (c.closed && c.keys.empty() && c.key_request_at <= now) request_key(s, now, c, out);
  }
}

}  // namespace ptplab::engine
