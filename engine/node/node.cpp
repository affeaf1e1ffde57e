// The Node's public entry points and the plumbing every handler shares: identity set-up,
// datagram admission and dispatch, sending (with anti-amplification), timers and housekeeping.
#include "engine/node/node.hpp"

#include <algorithm>

#include "engine/crypto/certificate.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/node_state.hpp"

namespace ptplab::engine {
namespace {

crypto::PrivateKey derive_key(Rng& rng) {
  std::array<std::uint8_t, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); i += 8) {
    const std::uint64_t v = rng();
    for (std::size_t j = 0; j < 8; ++j) seed[i + j] = static_cast<std::uint8_t>(v >> (8 * j));
  }
  return crypto::PrivateKey::from_seed(seed);
}

}  // namespace

NodeState::NodeState(const NodeParams& p, std::uint64_t seed, NodeShared sh)
    : params(p), shared(sh), rng(seed), key(derive_key(rng)) {
  if (params.id_scheme == "key_derived")
    node_id = make_key_derived_id(key.public_key_der(), params.node_id_bits);
  else if (params.id_scheme == "random")
    node_id = make_random_id(rng, params.node_id_bits);
  else
    node_id = make_uuid4(rng);
  limits.max_datagram_bytes = params.max_datagram_bytes;
  connect_bucket = TokenBucket(params.connect_burst, 0);
  hello_bytes = make_bytes(wire::encode(wire::Hello{node_id, params.version}));
}

const std::string& NodeState::own_certificate() const {
  if (certificate_der.empty()) certificate_der = crypto::make_self_signed_certificate(key, node_id);
  return certificate_der;
}

std::string NodeState::new_msg_id() {
  return params.msg_id_scheme == "random" ? make_random_id(rng, params.msg_id_bits) : make_uuid4(rng);
}

void NodeState::dropped(Output& out, const Address& from, std::string_view verb,
                        std::string_view reason) const {
  Event e;
  e.kind = EventKind::kDropped;
  e.verb = verb;
  e.reason = reason;
  e.peer = from;
  out.event(e);
}

bool NodeState::send(const Address& to, const SharedBytes& bytes, wire::Verb verb, Output& out) {
  if (!may_answer(to, bytes->size())) {
    dropped(out, to, wire::verb_name(verb), "amplification_limit");
    return false;
  }
  out.send(to, bytes);
  return true;
}

bool NodeState::send_message(const Address& to, const wire::Message& m, Output& out) {
  return send(to, make_bytes(wire::encode(m)), wire::verb_of(m), out);
}

void NodeState::dispatch(TimeNs now, const Address& from, const wire::Message& m, std::size_t size,
                         Output& out) {
  (void)size;
  switch (wire::verb_of(m)) {
    case wire::Verb::kHello: return on_hello(now, from, std::get<wire::Hello>(m), out);
    case wire::Verb::kAck: return on_ack(now, from, std::get<wire::Ack>(m), out);
    case wire::Verb::kJoin: return on_join(now, from, std::get<wire::Join>(m), out);
    case wire::Verb::kChannel: return on_channel(now, from, std::get<wire::Channel>(m), out);
    case wire::Verb::kLeave: return on_leave(now, from, std::get<wire::Leave>(m), out);
    case wire::Verb::kGetCertificate:
      return on_get_certificate(now, from, std::get<wire::GetCertificate>(m), out);
    case wire::Verb::kCertificate: return on_certificate(now, from, std::get<wire::Certificate>(m), out);
    case wire::Verb::kGetKey: return on_get_key(now, from, std::get<wire::GetKey>(m), out);
    case wire::Verb::kKey: return on_key(now, from, std::get<wire::Key>(m), out);
    case wire::Verb::kMessage: return on_message(now, from, std::get<wire::ChatMessage>(m), out);
    case wire::Verb::kConnect: return on_connect(now, from, std::get<wire::Connect>(m), out);
    case wire::Verb::kRouting: return on_routing(now, from, std::get<wire::Routing>(m), out);
  }
}

void NodeState::on_timer_entry(TimeNs now, const TimerQueue::Entry& e, Output& out) {
  switch (e.kind) {
    case TimerKind::kHello: return hello_timer(now, e.key, out);
    case TimerKind::kRetransmit: return retransmit_timer(now, e.key, out);
    case TimerKind::kHousekeeping:
      housekeeping(now, out);
      timers.push(now + params.housekeeping_interval_ns, TimerKind::kHousekeeping, 0);
      return;
    case TimerKind::kRouting:
      if (params.routing_enabled) send_routing(now, out);
      timers.push(now + params.routing_interval_ns, TimerKind::kRouting, 0);
      return;
  }
}

void NodeState::housekeeping(TimeNs now, Output& out) {
  dedup.expire(now, params.dedup_window_ns);
  std::erase_if(sources, [&](const Source& s) { return now - s.last_seen >= params.peer_timeout_ns; });
  std::erase_if(contacts, [&](const Contact& c) { return now - c.since >= params.peer_timeout_ns; });
  std::erase_if(routes, [&](const Route& r) { return now - r.updated >= params.routing_entry_timeout_ns; });
  for (auto it = verifications.begin(); it != verifications.end();) {
    if (now - it->since < params.pending_verification_timeout_ns) {
      ++it;
      continue;
    }
    Event e;
    e.kind = EventKind::kDropped;
    e.verb = "MESSAGE";
    e.reason = "verification_timeout";
    e.msg_id = it->message.msg_id;
    e.node_id = it->message.node_id;
    e.channel_id = it->message.channel_id;
    e.peer = it->from;
    out.event(e);
    it = verifications.erase(it);
  }
  for (auto it = connects.begin(); it != connects.end();) {
    if (now < it->deadline) {
      ++it;
      continue;
    }
    Event e;
    e.kind = EventKind::kConnectFailed;
    e.reason = "timeout";
    e.node_id = it->target_node_id;
    if (it->target) e.peer = *it->target;
    out.event(e);
    it = connects.erase(it);
  }
  forget_departed(now);
  for (auto& c : channels) {
    if (!c.member) continue;
    if (c.refresh_at <= now) announce(now, c, out);
    if (c.closed && c.keys.empty() && c.key_request_at <= now) request_key(now, c, out);
  }
}

Node::Node(const NodeParams& params, std::uint64_t seed, NodeShared shared)
    : s_(std::make_unique<NodeState>(params, seed, shared)) {}
Node::~Node() = default;
Node::Node(Node&&) noexcept = default;
Node& Node::operator=(Node&&) noexcept = default;

const std::string& Node::node_id() const { return s_->node_id; }
const NodeParams& Node::params() const { return s_->params; }
const std::string& Node::certificate_der() const { return s_->own_certificate(); }

Expected<std::monostate, std::string> Node::retune(const NodeParams& params) {
  if (auto r = validate_params(params); !r) return r;
  auto& s = *s_;
  NodeParams next = params;
  next.id_scheme = s.params.id_scheme;
  next.node_id_bits = s.params.node_id_bits;
  next.msg_id_scheme = s.params.msg_id_scheme;
  next.msg_id_bits = s.params.msg_id_bits;
  s.params = std::move(next);
  // What the constructor derived from the parameters follows them.
  s.limits.max_datagram_bytes = s.params.max_datagram_bytes;
  s.hello_bytes = make_bytes(wire::encode(wire::Hello{s.node_id, s.params.version}));
  return std::monostate{};
}

void Node::start(TimeNs now, Output& out) {
  auto& s = *s_;
  s.started = true;
  s.timers.clear();
  s.timers.push(now + s.params.housekeeping_interval_ns, TimerKind::kHousekeeping, 0);
  s.timers.push(
      now + 1 + static_cast<TimeNs>(s.rng.below(static_cast<std::uint64_t>(s.params.routing_interval_ns))),
      TimerKind::kRouting, 0);
  for (auto& p : s.peers) s.timers.push(now + 1, TimerKind::kHello, p.serial);
  for (auto& p : s.pending) s.timers.push(now + p.wait_ns, TimerKind::kRetransmit, p.serial);
  s.finish(out);
}

void Node::on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) {
  auto& s = *s_;
  const std::size_t size = bytes ? bytes->size() : 0;
  if (Source* source = s.admit(now, from, size, out)) {
    auto decoded = wire::decode(bytes ? std::string_view(*bytes) : std::string_view(), s.limits);
    if (!decoded) {
      s.dropped(out, from, "", wire::decode_error_code_name(decoded.error().code));
    } else {
      const wire::Message& m = decoded.value();
      // What a source sent earns it answers (anti-amplification budget), except ACKs: a node
      // ACKs every reliable datagram that reaches it, asked for or not, so a spoofed victim's
      // automatic ACKs would otherwise pay for the reflection aimed at it.
      if (!std::holds_alternative<wire::Ack>(m)) source->bytes_in += size;
      if (Peer* p = s.find_peer(from)) {
        p->last_heard = now;
        p->heard = true;
        if (p->hello_sent && !p->verified) s.peer_verified(now, *p, out);
      }
      const auto* hello = std::get_if<wire::Hello>(&m);
      s.connect_progress(now, from, hello && hello->node_id ? std::string_view(*hello->node_id) : "", out);
      s.current = bytes;
      s.dispatch(now, from, m, size, out);
      s.current.reset();
    }
  }
  s.finish(out);
}

void Node::on_timer(TimeNs now, Output& out) {
  auto& s = *s_;
  while (s.timers.due(now)) s.on_timer_entry(now, s.timers.pop(), out);
  s.finish(out);
}

void Node::add_peer(TimeNs now, const Address& address, Output& out) {
  if (!s_->find_peer(address)) s_->add_peer(now, address, true, out);
  s_->finish(out);
}

std::string Node::create_channel(TimeNs now, std::string_view name, bool closed, Output& out) {
  auto id = s_->create_channel(now, name, closed, out);
  s_->finish(out);
  return id;
}

bool Node::join_channel(TimeNs now, std::string_view channel_id, Output& out) {
  const bool ok = s_->join_channel(now, channel_id, out);
  s_->finish(out);
  return ok;
}

bool Node::leave_channel(TimeNs now, std::string_view channel_id, Output& out) {
  const bool ok = s_->leave_channel(now, channel_id, out);
  s_->finish(out);
  return ok;
}

std::optional<std::string> Node::send_message(TimeNs now, std::string_view channel_id, std::string_view text,
                                              std::vector<wire::Attachment> attachments, Output& out) {
  auto id = s_->send_chat(now, channel_id, text, std::move(attachments), out);
  s_->finish(out);
  return id;
}

void Node::connect(TimeNs now, const Address& rendezvous, std::string_view target_node_id, Output& out) {
  s_->connect(now, rendezvous, target_node_id, out);
  s_->finish(out);
}

std::size_t Node::peer_count() const { return s_->peers.size(); }
bool Node::has_peer(const Address& address) const { return s_->find_peer(address) != nullptr; }

std::optional<Address> Node::peer_address(std::string_view node_id) const {
  for (const auto& p : s_->peers)
    if (p.heard && p.node_id == node_id) return p.address;
  return std::nullopt;
}

bool Node::knows_channel(std::string_view channel_id) const {
  const auto* c = s_->find_channel(channel_id);
  return c && c->announced;
}

bool Node::is_member(std::string_view channel_id) const {
  const auto* c = s_->find_channel(channel_id);
  return c && c->member;
}

bool Node::has_channel_key(std::string_view channel_id) const {
  const auto* c = s_->find_channel(channel_id);
  return c && (!c->closed || !c->keys.empty());
}

std::optional<std::string> Node::channel_key(std::string_view channel_id) const {
  const auto* c = s_->find_channel(channel_id);
  if (!c || c->keys.empty()) return std::nullopt;
  const auto& k = c->keys.back().second;
  return std::string(reinterpret_cast<const char*>(k.data()), k.size());
}

std::vector<std::string> Node::members(std::string_view channel_id) const {
  const auto* c = s_->find_channel(channel_id);
  return c ? c->members : std::vector<std::string>{};
}

std::vector<std::string> Node::channels() const {
  std::vector<std::string> ids;
  for (const auto& c : s_->channels) ids.push_back(c.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TableSizes Node::table_sizes() const {
  const auto& s = *s_;
  return TableSizes{s.peers.size(),    s.certificates.size(), s.dedup.size(),
                    s.routes.size(),   s.pending.size(),      s.verifications.size(),
                    s.channels.size(), s.sources.size(),      s.timers.size()};
}

}  // namespace ptplab::engine
