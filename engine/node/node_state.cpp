// NodeState: identity set-up and the sending primitives every handler shares (with
// anti-amplification, PROTOCOL.md), plus the two node_id lookups that span components.
#include "engine/node/node_state.hpp"

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/parse_cache.hpp"
#include "engine/node/ids.hpp"

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

std::string derive_node_id(const NodeParams& p, Rng& rng, const crypto::PrivateKey& key) {
  switch (p.id_scheme) {
    case IdScheme::kKeyDerived: return make_key_derived_id(key.public_key_der(), p.node_id_bits);
    case IdScheme::kRandom: return make_random_id(rng, p.node_id_bits);
    case IdScheme::kUuid4: break;
  }
  return make_uuid4(rng);
}

std::unique_ptr<NodeIdInterner> own_interner_unless(const NodeShared& sh) {
  return sh.node_ids ? nullptr : std::make_unique<NodeIdInterner>();
}

}  // namespace

NodeState::NodeState(std::shared_ptr<const NodeParams> p, std::uint64_t seed, NodeShared sh)
    : params(std::move(p)),
      shared(sh),
      own_ids(own_interner_unless(sh)),
      ids(sh.node_ids ? sh.node_ids : own_ids.get()),
      rng(seed),
      key(derive_key(rng)) {
  node_id = derive_node_id(*params, rng, key);
  node_ref = ids->acquire(node_id);
  rendezvous.reset_forwarding(params->connect_burst);
}

NodeState::NodeState(std::shared_ptr<const NodeParams> p, const NodeIdentity& identity, NodeShared sh)
    : params(std::move(p)),
      shared(sh),
      own_ids(own_interner_unless(sh)),
      ids(sh.node_ids ? sh.node_ids : own_ids.get()),
      rng(identity.rng_seed),
      key(crypto::PrivateKey::from_seed(identity.key_seed)) {
  node_id = identity.node_id.empty() ? derive_node_id(*params, rng, key) : identity.node_id;
  node_ref = ids->acquire(node_id);
  rendezvous.reset_forwarding(params->connect_burst);
}

NodeState::~NodeState() { ids->release(node_ref); }

const SharedBytes& NodeState::own_hello() const {
  if (!hello_ || hello_params_.owner_before(params) || params.owner_before(hello_params_)) {
    hello_ = make_bytes(wire::encode(wire::Hello{node_id, params->version}));
    hello_params_ = params;
  }
  return hello_;
}

const std::string& NodeState::own_certificate() const {
  if (own_certificate_) return own_certificate_->der();
  if (!unparsed_certificate_) {
    std::string der = crypto::make_self_signed_certificate(key, node_id);
    own_certificate_ = crypto::parse_cached(shared.parse_cache, der);
    if (own_certificate_) return own_certificate_->der();
    unparsed_certificate_ = std::make_unique<const std::string>(std::move(der));
  }
  return *unparsed_certificate_;
}

std::string NodeState::new_msg_id() {
  return params->msg_id_scheme == MsgIdScheme::kRandom ? make_random_id(rng, params->msg_id_bits)
                                                       : make_uuid4(rng);
}

void NodeState::dropped(Output& out, const Address& peer, std::optional<wire::Verb> verb, Reason reason,
                        std::size_t size) const {
  Event e;
  e.kind = EventKind::kDropped;
  e.verb = verb;
  e.reason = reason;
  e.peer = peer;
  e.size = size;
  out.event(e);
}

bool NodeState::may_answer(const Address& to, std::size_t size) {
  const Peer* p = params->anti_amplification_enabled ? peers.find(to) : nullptr;
  return sources.may_answer(to, size, p && (address_proved(*p) || p->initiated), *params);
}

bool NodeState::try_send(const Address& to, const SharedBytes& bytes, Output& out) {
  if (!may_answer(to, bytes->size())) {
    if (Peer* p = peers.find(to); p && p->verified && params->address_validation == AddressValidation::kAck)
      p->probe_wanted = true;
    return false;
  }
  out.send(to, bytes);
  return true;
}

bool NodeState::send(const Address& to, const SharedBytes& bytes, wire::Verb verb, Output& out) {
  if (try_send(to, bytes, out)) return true;
  dropped(out, to, verb, Reason::kAmplificationLimit, bytes->size());
  return false;
}

bool NodeState::send_message(const Address& to, const wire::Message& m, Output& out) {
  return send(to, make_bytes(wire::encode(m)), wire::verb_of(m), out);
}

void NodeState::send_reliable(TimeNs now, const Address& to, const SharedBytes& bytes,
                              std::string_view msg_id, wire::Verb verb, Output& out, AckProves proves) {
  send(to, bytes, verb, out);
  // Our GETCERTIFICATE is {msg_id, node_id}: held without its bytes when they are that encoding,
  // re-encoded on retransmission like a CERTIFICATE of ours (reencoded).
  const bool reencodable = verb == wire::Verb::kGetCertificate && *bytes == *get_certificate_bytes(msg_id);
  const auto serial = sender.add(to, reencodable ? nullptr : bytes, msg_id, verb, params->ack_timeout_ns,
                                 proves == AckProves::kContact, bound(params->pending_retransmissions_max));
  if (!serial) return dropped(out, to, verb, Reason::kRetransmitQueueFull, bytes->size());
  timers.push(now + params->ack_timeout_ns, TimerKind::kRetransmit, *serial);
}

void NodeState::send_certificate_reliably(TimeNs now, const Address& to, const SharedBytes& bytes,
                                          std::string_view msg_id, std::string_view recipient_id, Output& out,
                                          AckProves proves) {
  send(to, bytes, wire::Verb::kCertificate, out);
  const auto serial =
      sender.add_certificate(to, msg_id, recipient_id, params->ack_timeout_ns, proves == AckProves::kContact,
                             bound(params->pending_retransmissions_max));
  if (!serial) return dropped(out, to, wire::Verb::kCertificate, Reason::kRetransmitQueueFull, bytes->size());
  timers.push(now + params->ack_timeout_ns, TimerKind::kRetransmit, *serial);
}

SharedBytes NodeState::certificate_bytes(std::string_view msg_id, std::string_view recipient_id) const {
  return make_bytes(wire::encode(
      wire::Certificate{std::string(msg_id), node_id, std::string(recipient_id), own_certificate()}));
}

SharedBytes NodeState::get_certificate_bytes(std::string_view msg_id) const {
  return make_bytes(wire::encode(wire::GetCertificate{std::string(msg_id), node_id}));
}

SharedBytes NodeState::reencoded(const Pending& p) const {
  if (p.bytes) return p.bytes;
  if (p.verb == wire::Verb::kGetCertificate) return get_certificate_bytes(p.msg_id);
  return certificate_bytes(p.msg_id, sender.recipient_of(p));
}

std::optional<Address> NodeState::address_of(std::string_view id) const {
  if (id.empty() || id == node_id) return std::nullopt;
  if (auto a = peers.heard_address(id)) return a;
  return routes.address_of(id);
}

std::optional<Address> NodeState::next_hop(std::string_view id, TimeNs now) const {
  if (auto a = peers.live_address(id, now, params->peer_timeout_ns)) return a;
  for (const auto& via : routes.vias(id)) {
    const Peer* p = peers.find(via);
    if (p && live(*p, now)) return via;
  }
  return std::nullopt;
}

CertificateRules NodeState::certificate_rules() const {
  return {params->id_scheme == IdScheme::kKeyDerived, params->node_id_bits, shared.parse_cache};
}

}  // namespace ptplab::engine
