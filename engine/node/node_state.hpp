// The Node's private state: its identity, the protocol components it owns (one per mechanism,
// each a file pair of its own) and the few sending primitives every handler shares. Internal
// to engine/node: node.hpp is the stable interface; this header may change freely.
//
// The handlers that coordinate several components are free functions over a NodeState,
// declared in node_handlers.hpp and defined by concern in node_*.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/endpoint.hpp"
#include "engine/core/reason.hpp"
#include "engine/core/rng.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/crypto/private_key.hpp"
#include "engine/node/certificate_store.hpp"
#include "engine/node/channel_book.hpp"
#include "engine/node/dedup_window.hpp"
#include "engine/node/held_relays.hpp"
#include "engine/node/node.hpp"
#include "engine/node/peer_table.hpp"
#include "engine/node/propagation_policy.hpp"
#include "engine/node/reliable_sender.hpp"
#include "engine/node/rendezvous.hpp"
#include "engine/node/route_table.hpp"
#include "engine/node/source_guard.hpp"
#include "engine/node/timer_queue.hpp"
#include "engine/node/verification_queue.hpp"
#include "engine/wire/codec.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// The datagram being handled: where it came from and its bytes, which CHANNEL/JOIN/LEAVE relay
// unchanged and whose size the events about it carry.
struct Inbound {
  const Address& from;
  const SharedBytes& bytes;
  [[nodiscard]] std::size_t size() const { return bytes ? bytes->size() : 0; }
};

// Whether the ACK of a reliable datagram may count as proof that its address wants our traffic.
enum class AckProves : bool { kNothing, kContact };

// Everything a Node holds.
struct NodeState {
  // `p` must not be null.
  NodeState(std::shared_ptr<const NodeParams> p, std::uint64_t seed, NodeShared sh);
  NodeState(std::shared_ptr<const NodeParams> p, const NodeIdentity& identity, NodeShared sh);
  NodeState(const NodeState&) = delete;
  NodeState& operator=(const NodeState&) = delete;
  ~NodeState();

  // Shared, never modified: the simulator hands one copy to every node of a group (a NodeParams
  // is 368 bytes, a third of a simulated node's NodeState); retune() swaps in a new one.
  std::shared_ptr<const NodeParams> params;
  NodeShared shared;
  // The node ids interned for the peer and route tables: shared.node_ids, else a table of this
  // node's own (a real node). Declared before the tables, which release their ids into it.
  std::unique_ptr<NodeIdInterner> own_ids;
  NodeIdInterner* ids;
  Rng rng;
  crypto::PrivateKey key;
  std::string node_id;
  NodeIdRef node_ref = 0;  // node_id interned in *ids (held until destruction)
  bool started = false;

  PeerTable peers{ids};
  SourceGuard sources;
  ReliableSender sender{ids};
  CertificateStore certificates;
  ChannelBook channels;
  VerificationQueue verifications;
  RouteTable routes{ids};
  Rendezvous rendezvous;
  DedupWindow dedup;
  // What few nodes ever hold, allocated on first use (8 bytes in NodeState where the two took 32:
  // NodeState stays in the 640-byte size class, tests/engine/node/node_state_size_test.cpp):
  // relays waiting for their peer's address proof (held_relays_max) and the offset from simulated
  // to epoch time (Node::set_epoch_offset: a real node; 0 in the simulator).
  struct Rare {
    HeldRelays held;
    TimeNs epoch_offset_ns = 0;
  };
  std::unique_ptr<Rare> rare;
  // The held relays, created on first use.
  [[nodiscard]] HeldRelays& held() {
    if (!rare) rare = std::make_unique<Rare>();
    return rare->held;
  }
  [[nodiscard]] std::size_t held_count() const { return rare ? rare->held.size() : 0; }
  // epoch time = now + this.
  [[nodiscard]] TimeNs epoch_offset_ns() const { return rare ? rare->epoch_offset_ns : 0; }
  TimerQueue timers;

  // Our certificate (DER), made on first use: most simulated nodes never need it.
  [[nodiscard]] const std::string& own_certificate() const;
  // Our full HELLO {node_id, version}, encoded once per version and shared by every send (a
  // keep-alive goes to each peer every 0.5-2 s: the hot path of HELLO-dominated traffic).
  [[nodiscard]] const SharedBytes& own_hello() const;
  // Milliseconds since the Unix epoch at monotonic time `now` (MESSAGE timestamps, PROTOCOL.md W10).
  [[nodiscard]] std::int64_t epoch_ms(TimeNs now) const { return (now + epoch_offset_ns()) / kMillisecond; }
  // Ends every public entry point: states the next wake-up.
  void finish(Output& out) { out.wake_at(timers.next()); }
  [[nodiscard]] std::string new_msg_id();
  // A table bound as components take it: `max`, or 0 (unbounded) with bounds disabled.
  [[nodiscard]] std::size_t bound(std::size_t max) const { return params->bounded_tables_enabled ? max : 0; }
  [[nodiscard]] bool live(const Peer& p, TimeNs now) const {
    return PeerTable::live(p, now, params->peer_timeout_ns);
  }
  // Records `msg_id` as seen at `now` (content digest 0: ours, or not a MESSAGE).
  void remember(std::string_view msg_id, TimeNs now) {
    dedup.insert(msg_id, 0, now, bound(params->dedup_entries_max));
  }
  // Emits a kDropped event; `size` is the bytes of the datagram it is about (0: none).
  void dropped(Output& out, const Address& peer, std::optional<wire::Verb> verb, Reason reason,
               std::size_t size) const;
  // Whether `p` proved it receives at its address, as params->address_validation reads proof:
  // "reply", it answered our HELLO (verified); "ack", it echoed one of our msg_ids (validated) or we
  // contacted it first (PROTOCOL.md "Node: peers", R31).
  [[nodiscard]] bool address_proved(const Peer& p) const {
    return params->address_validation == AddressValidation::kAck ? p.validated || p.initiated : p.verified;
  }
  // Whether anti-amplification lets `size` bytes go to `to` (and charges them if so).
  [[nodiscard]] bool may_answer(const Address& to, std::size_t size);
  void note_contact(TimeNs now, const Address& a) { sources.note_contact(now, a, bound(params->peers_max)); }
  // Sends unless anti-amplification forbids it; false (with a dropped event) when it does.
  bool send(const Address& to, const SharedBytes& bytes, wire::Verb verb, Output& out);
  // As send, but a refusal records no drop (the caller decides: held_relays_max holds it); a
  // verified peer refused under address_validation "ack" is marked for a probe either way.
  [[nodiscard]] bool try_send(const Address& to, const SharedBytes& bytes, Output& out);
  bool send_message(const Address& to, const wire::Message& m, Output& out);
  // Sends and keeps the datagram for retransmission until an ACK with `msg_id` arrives from `to`
  // (our GETCERTIFICATE as what re-encodes it: reencoded).
  void send_reliable(TimeNs now, const Address& to, const SharedBytes& bytes, std::string_view msg_id,
                     wire::Verb verb, Output& out, AckProves proves = AckProves::kContact);
  // As send_reliable for `bytes`, our CERTIFICATE {msg_id, node_id, recipient_id, certificate},
  // holding only what re-encodes it (ReliableSender::add_certificate; certificate_bytes).
  void send_certificate_reliably(TimeNs now, const Address& to, const SharedBytes& bytes,
                                 std::string_view msg_id, std::string_view recipient_id, Output& out,
                                 AckProves proves);
  // Our CERTIFICATE {msg_id, node_id, recipient_id, own_certificate()}, encoded: what
  // send_certificate sends first and every retransmission of it (byte for byte).
  [[nodiscard]] SharedBytes certificate_bytes(std::string_view msg_id, std::string_view recipient_id) const;
  // Our GETCERTIFICATE {msg_id, node_id}, encoded.
  [[nodiscard]] SharedBytes get_certificate_bytes(std::string_view msg_id) const;
  // What a retransmission of `p` sends: its bytes, or for an entry held without them (our
  // CERTIFICATE or GETCERTIFICATE) the same bytes encoded again.
  [[nodiscard]] SharedBytes reencoded(const Pending& p) const;
  // The address of `node_id`: a heard peer, else a route; nullopt for ourselves or unknown ids.
  [[nodiscard]] std::optional<Address> address_of(std::string_view node_id) const;
  // A live peer named `node_id`, else a live peer advertising a route to it.
  [[nodiscard]] std::optional<Address> next_hop(std::string_view node_id, TimeNs now) const;
  [[nodiscard]] CertificateRules certificate_rules() const;

 private:
  // Our certificate, made on first use: parsed through shared.parse_cache, so that its DER is
  // held once, in the parsed form every peer that fetches it shares (not a copy per node:
  // reports/BENCHMARKS.md, "[P] idle memory, session 13"); unparsed_certificate_ only if it does
  // not parse (a node_id no certificate can carry). 32 bytes in all, as one std::string was.
  mutable std::optional<crypto::PeerCertificate> own_certificate_;
  mutable std::unique_ptr<const std::string> unparsed_certificate_;
  mutable SharedBytes hello_;  // own_hello(), encoded under hello_params_
  // The parameters hello_ was encoded under: re-encoded once retune() swaps them (a weak_ptr, 16
  // bytes where the version string was 32, and never mistaken for later parameters at the same
  // address; NodeState at 640 bytes fits the 640-byte size class of a size-class allocator such
  // as mimalloc instead of its 768: reports/BENCHMARKS.md, "[P] idle memory, session 15").
  mutable std::weak_ptr<const NodeParams> hello_params_;
};

}  // namespace ptplab::engine
