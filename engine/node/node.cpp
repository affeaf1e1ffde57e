// The Node's public entry points: a thin dispatcher over NodeState. Each admits its input,
// hands it to the handlers (node_handlers.hpp) and ends with finish(), stating the next wake-up.
#include "engine/node/node.hpp"

#include <stdexcept>

#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {

namespace {
std::shared_ptr<const NodeParams> checked_params(std::shared_ptr<const NodeParams> params) {
  if (!params) throw std::invalid_argument("engine::Node: the shared NodeParams must not be null");
  return params;
}
}  // namespace

Node::Node(const NodeParams& params, std::uint64_t seed, NodeShared shared)
    : Node(std::make_shared<const NodeParams>(params), seed, shared) {}
Node::Node(std::shared_ptr<const NodeParams> params, std::uint64_t seed, NodeShared shared)
    : s_(std::make_unique<NodeState>(checked_params(std::move(params)), seed, shared)) {}
Node::Node(const NodeParams& params, const NodeIdentity& identity, NodeShared shared)
    : s_(std::make_unique<NodeState>(std::make_shared<const NodeParams>(params), identity, shared)) {}
Node::~Node() = default;
Node::Node(Node&&) noexcept = default;
Node& Node::operator=(Node&&) noexcept = default;

const std::string& Node::node_id() const { return s_->node_id; }
const NodeParams& Node::params() const { return *s_->params; }
const std::string& Node::certificate_der() const { return s_->own_certificate(); }

Expected<std::monostate, std::string> Node::retune(const std::shared_ptr<const NodeParams>& params) {
  const NodeParams& p = *checked_params(params);
  const NodeParams& now = *s_->params;
  if (p.id_scheme != now.id_scheme || p.node_id_bits != now.node_id_bits ||
      p.msg_id_scheme != now.msg_id_scheme || p.msg_id_bits != now.msg_id_bits)
    return retune(p);
  if (auto r = validate_params(p); !r) return r;
  s_->params = params;
  return std::monostate{};
}

Expected<std::monostate, std::string> Node::retune(const NodeParams& params) {
  if (auto r = validate_params(params); !r) return r;
  auto& s = *s_;
  NodeParams next = params;
  next.id_scheme = s.params->id_scheme;
  next.node_id_bits = s.params->node_id_bits;
  next.msg_id_scheme = s.params->msg_id_scheme;
  next.msg_id_bits = s.params->msg_id_bits;
  s.params =
      std::make_shared<const NodeParams>(std::move(next));  // all derived from params is derived on use
  return std::monostate{};
}

void Node::set_epoch_offset(TimeNs offset_ns) {
  if (!s_->rare) s_->rare = std::make_unique<NodeState::Rare>();
  s_->rare->epoch_offset_ns = offset_ns;
}

void Node::reseed(std::uint64_t seed) { s_->rng = Rng(seed); }

void Node::start(TimeNs now, Output& out) {
  auto& s = *s_;
  s.started = true;
  s.timers.clear();
  s.timers.push(now + s.params->housekeeping_interval_ns, TimerKind::kHousekeeping, 0);
  s.timers.push(
      now + 1 + static_cast<TimeNs>(s.rng.below(static_cast<std::uint64_t>(s.params->routing_interval_ns))),
      TimerKind::kRouting, 0);
  for (const auto& p : s.peers.all()) s.timers.push(now + 1, TimerKind::kHello, p.serial);
  for (const auto& p : s.sender.all()) s.timers.push(now + p.wait_ns, TimerKind::kRetransmit, p.serial);
  s.finish(out);
}

void Node::on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) {
  auto& s = *s_;
  const Inbound in{from, bytes};
  const std::size_t size = in.size();
  Source* source = s.sources.admit(now, from, size, *s.params, s.bound(s.params->rate_sources_max));
  if (!source) {
    Event e;
    e.kind = EventKind::kRateLimited;
    e.peer = from;
    e.value = size;
    e.size = size;
    out.event(e);
    return s.finish(out);
  }
  auto decoded = wire::decode(bytes ? std::string_view(*bytes) : std::string_view(),
                              {.max_datagram_bytes = s.params->max_datagram_bytes});
  if (!decoded) {
    s.dropped(out, from, std::nullopt, wire::decode_error_reason(decoded.error().code), size);
    return s.finish(out);
  }
  const wire::Message& m = decoded.value();
  // What a source sent earns it answers (anti-amplification budget), except ACKs: a node ACKs
  // every reliable datagram that reaches it, asked for or not, so a spoofed victim's automatic
  // ACKs would otherwise pay for the reflection aimed at it.
  if (!std::holds_alternative<wire::Ack>(m)) source->bytes_in += size;
  if (Peer* p = s.peers.find(from)) {
    p->last_heard = now;
    p->heard = true;
    if (p->hello_sent && !p->verified) peer_verified(s, now, *p, out);
  }
  const auto* hello = std::get_if<wire::Hello>(&m);
  connect_progress(s, from, hello && hello->node_id ? std::string_view(*hello->node_id) : "", out);
  dispatch(s, now, in, m, out);
  s.finish(out);
}

void Node::on_timer(TimeNs now, Output& out) {
  auto& s = *s_;
  while (s.timers.due(now)) on_timer_entry(s, now, s.timers.pop(), out);
  s.finish(out);
}

void Node::add_peer(TimeNs now, const Address& address, Output& out) {
  if (!s_->peers.find(address)) engine::add_peer(*s_, now, address, true, 0, out);
  s_->finish(out);
}

std::string Node::create_channel(TimeNs now, std::string_view name, bool closed, Output& out) {
  auto id = engine::create_channel(*s_, now, name, closed, out);
  s_->finish(out);
  return id;
}

bool Node::join_channel(TimeNs now, std::string_view channel_id, Output& out) {
  const bool ok = engine::join_channel(*s_, now, channel_id, out);
  s_->finish(out);
  return ok;
}

std::optional<Invitation> Node::invitation(TimeNs now, std::string_view channel_id) const {
  return make_invitation(*s_, now, channel_id);
}

bool Node::accept_invitation(TimeNs, const Invitation& invitation, Output& out) {
  const bool ok = engine::accept_invitation(*s_, invitation, out);
  s_->finish(out);
  return ok;
}

bool Node::leave_channel(TimeNs now, std::string_view channel_id, Output& out) {
  const bool ok = engine::leave_channel(*s_, now, channel_id, out);
  s_->finish(out);
  return ok;
}

std::optional<std::string> Node::send_message(TimeNs now, std::string_view channel_id, std::string_view text,
                                              std::vector<wire::Attachment> attachments, Output& out) {
  auto id = send_chat(*s_, now, channel_id, text, std::move(attachments), out);
  s_->finish(out);
  return id;
}

void Node::connect(TimeNs now, const Address& rendezvous, std::string_view target_node_id, Output& out) {
  engine::connect(*s_, now, rendezvous, target_node_id, out);
  s_->finish(out);
}

bool Node::visit_remembered(const AddressVisitor& visit) const {
  const auto& s = *s_;
  for (const auto& p : s.peers.all()) {
    visit(p.address);
    if (p.sees_us) visit(*p.sees_us);
  }
  s.sources.visit_addresses(visit);
  for (const auto& p : s.sender.all()) visit(p.to);
  for (const auto& v : s.verifications.all()) visit(v.from);
  for (std::size_t i = 0; i < s.routes.size(); ++i) {
    visit(s.routes.at(i).address);
    visit(s.routes.at(i).via);
  }
  for (const auto& a : s.rendezvous.all())
    if (a.target) visit(*a.target);
  for (const auto& c : s.channels.all()) {
    for (const auto& w : c.key_waiters) visit(w.second);
    for (const auto& a : c.addresses) visit(a.second);
  }
  return true;
}

std::size_t Node::peer_count() const { return s_->peers.size(); }
bool Node::has_peer(const Address& address) const { return s_->peers.find(address) != nullptr; }

std::optional<Address> Node::peer_address(std::string_view node_id) const {
  return s_->peers.heard_address(node_id);
}

bool Node::knows_channel(std::string_view channel_id) const {
  const auto* c = s_->channels.find(channel_id);
  return c && c->announced;
}

bool Node::is_member(std::string_view channel_id) const {
  const auto* c = s_->channels.find(channel_id);
  return c && c->member;
}

bool Node::has_channel_key(std::string_view channel_id) const {
  const auto* c = s_->channels.find(channel_id);
  return c && (!c->closed || !c->keys.empty());
}

std::optional<std::string> Node::channel_key(std::string_view channel_id) const {
  const auto* c = s_->channels.find(channel_id);
  if (!c || c->keys.empty()) return std::nullopt;
  const auto& k = c->keys.newest().second;
  return std::string(reinterpret_cast<const char*>(k.data()), k.size());
}

std::vector<std::string> Node::members(std::string_view channel_id) const {
  const auto* c = s_->channels.find(channel_id);
  return c ? c->members : std::vector<std::string>{};
}

std::string Node::channel_name(std::string_view channel_id) const {
  const auto* c = s_->channels.find(channel_id);
  return c ? c->name : std::string();
}

std::vector<PeerInfo> Node::peers() const {
  std::vector<PeerInfo> out;
  for (const auto& p : s_->peers.all())
    out.push_back({std::string(p.node_id), p.address, p.verified, s_->address_proved(p) || p.initiated});
  return out;
}

std::vector<std::string> Node::channels() const { return s_->channels.ids(); }

TableSizes Node::table_sizes() const {
  const auto& s = *s_;
  return TableSizes{s.peers.size(),    s.certificates.size(),    s.dedup.size(),
                    s.routes.size(),   s.sender.size(),          s.verifications.size(),
                    s.channels.size(), s.sources.source_count(), s.timers.size()};
}

}  // namespace ptplab::engine
