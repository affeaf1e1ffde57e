// The Node's private state and the handlers behind its public API. Internal to engine/node:
// node.hpp is the stable interface; this header may change freely. The handlers are split by
// concern over node_*.cpp files (peers, reliability, certificates, channels, messages, routing,
// connect).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/endpoint.hpp"
#include "engine/core/rng.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/crypto/private_key.hpp"
#include "engine/node/dedup_window.hpp"
#include "engine/node/envelope.hpp"
#include "engine/node/node.hpp"
#include "engine/node/timer_queue.hpp"
#include "engine/node/token_bucket.hpp"
#include "engine/wire/codec.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

using ChannelKey = std::array<std::uint8_t, 32>;
// The 8-byte id of a channel key (first bytes of its SHA-256) that closed-channel bodies carry.
[[nodiscard]] std::uint64_t channel_key_id(const ChannelKey& key);

// A neighbour we exchange HELLOs with.
struct Peer {
  Address address;
  std::uint32_t serial = 0;
  std::string node_id;  // empty until its HELLO names it
  TimeNs last_heard = 0;
  bool initiated = false;  // we contacted it first (bootstrap, CONNECT): our sends are not answers
  bool hello_sent = false;
  bool heard = false;     // at least one datagram arrived from it
  bool verified = false;  // it proved it receives at this address (see PROTOCOL.md)
  // Our address as this peer sees it (the first entry naming us in its ROUTING): behind a NAT
  // that maps per destination, each peer sees another port.
  std::optional<Address> sees_us;
};

// Traffic accounting per source address: token buckets and the anti-amplification budget.
struct Source {
  Address address;
  TokenBucket datagrams;
  TokenBucket bytes;
  TokenBucket certificate_answers;  // CERTIFICATEs we answer this address with
  std::uint64_t bytes_in = 0;       // decoded datagrams other than ACK: what earns answers
  std::uint64_t bytes_out = 0;      // answers sent while the address was unverified
  TimeNs last_seen = 0;
};

// An un-ACKed datagram waiting for its ACK.
struct Pending {
  std::uint32_t serial = 0;
  Address to;
  SharedBytes bytes;
  std::string msg_id;
  wire::Verb verb{};
  std::uint32_t attempts = 0;
  TimeNs wait_ns = 0;
  bool ack_proves_contact = true;  // false for answers to unverified sources (see on_ack)
};

// A cached certificate.
struct CertEntry {
  crypto::PeerCertificate cert;
  TimeNs last_used = 0;
};

// What this node knows of one channel.
struct ChannelState {
  std::string id;
  std::string name;
  bool closed = false;
  bool member = false;
  bool creator = false;
  // A CHANNEL listing arrived (or we created it): only then is `closed` known and may we join.
  // A channel heard of through JOIN or LEAVE alone is not yet available.
  bool announced = false;
  std::vector<std::string> members;  // sorted node_ids
  std::string join_msg_id;           // our last JOIN for this channel, re-sent while peers remember it
  TimeNs join_sent_at = 0;
  // Members that left (LEAVE), with when: a stale listing must not bring them back.
  std::vector<std::pair<std::string, TimeNs>> departed;
  std::vector<std::pair<std::uint64_t, ChannelKey>> keys;  // (key_id, key), newest last, at most 2
  TimeNs refresh_at = kNever;                              // when to re-announce (members only)
  TimeNs key_request_at = kNever;  // when to send the next GETKEY (members lacking the key)
  std::uint32_t key_requests = 0;
  std::optional<TimeNs> key_asked_at;  // our last GETKEY: unknown key ids ask at most this often
  std::string announcer;               // node_id of the first listing: most likely holds the key
  // Members whose GETKEY waits for their certificate (node_id, address), answered when it comes.
  std::vector<std::pair<std::string, Address>> key_waiters;
};

// A MESSAGE held until the certificate (or channel key) it needs arrives.
struct PendingVerification {
  wire::ChatMessage message;
  Envelope envelope;
  Address from;
  TimeNs since = 0;
  bool relayed = false;  // already forwarded (verify_before_relay relays after the first success)
};

// A route learned from ROUTING.
struct Route {
  std::string node_id;
  std::uint64_t id_hash = 0;  // fnv1a64(node_id): table scans compare this before the string
  Address address;            // as seen from outside by whoever advertised it
  Address via;                // the peer that advertised it (next hop for "routed")
  TimeNs updated = 0;
};

// A CONNECT attempt in which this node is A or B.
struct ConnectAttempt {
  std::string target_node_id;  // may be empty when the rendezvous did not name it
  std::optional<Address> target;
  TimeNs deadline = 0;
};

// An address we contacted on our own initiative (not answers, so not capped by anti-amplification).
struct Contact {
  Address address;
  TimeNs since = 0;
};

// Everything a Node holds. Methods are the handlers; each public entry point ends with finish().
struct NodeState {
  NodeState(const NodeParams& p, std::uint64_t seed, NodeShared sh);

  NodeParams params;
  NodeShared shared;
  Rng rng;
  crypto::PrivateKey key;
  std::string node_id;
  mutable std::string certificate_der;  // made on first use: most simulated nodes never need it
  const std::string& own_certificate() const;
  wire::DecodeLimits limits;
  bool started = false;

  std::vector<Peer> peers;
  std::uint32_t next_peer_serial = 1;
  std::vector<Source> sources;
  std::vector<Pending> pending;
  std::uint32_t next_pending_serial = 1;
  std::vector<std::pair<std::string, CertEntry>> certificates;
  std::vector<ChannelState> channels;
  std::vector<PendingVerification> verifications;
  std::vector<Route> routes;
  std::vector<ConnectAttempt> connects;
  std::vector<Contact> contacts;
  // The port to claim as CONNECT `src` towards `rendezvous`: the one it sees us at, else 0 ("the
  // port you see").
  [[nodiscard]] std::string claimed_port(const Address& rendezvous) const;
  DedupWindow dedup;
  TokenBucket connect_bucket;
  TimerQueue timers;
  SharedBytes hello_bytes;
  SharedBytes current;  // the datagram being handled (relayed unchanged by CHANNEL/JOIN/LEAVE)

  // --- plumbing (node.cpp) ---
  void finish(Output& out) { out.wake_at(timers.next()); }
  std::string new_msg_id();
  std::size_t bound(std::size_t max) const { return params.bounded_tables_enabled ? max : 0; }
  bool over(std::size_t size, std::size_t max) const { return params.bounded_tables_enabled && size >= max; }
  // Sends unless anti-amplification forbids it; false (with a dropped event) when it does.
  bool send(const Address& to, const SharedBytes& bytes, wire::Verb verb, Output& out);
  bool send_message(const Address& to, const wire::Message& m, Output& out);
  // Whether the ACK of a reliable datagram may count as proof that its address wants our traffic.
  enum class AckProves : bool { kNothing, kContact };
  // Sends and keeps the datagram for retransmission until an ACK with `msg_id` arrives from `to`.
  void send_reliable(TimeNs now, const Address& to, const SharedBytes& bytes, std::string_view msg_id,
                     wire::Verb verb, Output& out, AckProves proves = AckProves::kContact);
  void dropped(Output& out, const Address& from, std::string_view verb, std::string_view reason) const;
  void dispatch(TimeNs now, const Address& from, const wire::Message& m, std::size_t size, Output& out);
  void on_timer_entry(TimeNs now, const TimerQueue::Entry& e, Output& out);
  void housekeeping(TimeNs now, Output& out);

  // --- peers, sources, anti-amplification (node_peers.cpp) ---
  Peer* find_peer(const Address& a);
  const Peer* find_peer(const Address& a) const;
  Peer* find_peer_by_id(std::string_view id);
  Peer* add_peer(TimeNs now, const Address& a, bool initiated, Output& out);
  void remove_peer(std::size_t index, std::string_view reason, Output& out);
  bool live(const Peer& p, TimeNs now) const {
    return p.heard && now - p.last_heard < params.peer_timeout_ns;
  }
  Source& source(TimeNs now, const Address& a);
  // The source's accounting when its rate limits let this datagram in, else null (and an event).
  Source* admit(TimeNs now, const Address& from, std::size_t size, Output& out);
  bool may_answer(const Address& to, std::size_t size);
  void note_contact(TimeNs now, const Address& a);
  void on_hello(TimeNs now, const Address& from, const wire::Hello& h, Output& out);
  void hello_timer(TimeNs now, std::uint32_t serial, Output& out);
  void peer_verified(TimeNs now, Peer& p, Output& out);

  // --- reliability (node_reliability.cpp) ---
  void ack(const Address& to, std::string_view msg_id, Output& out);
  void on_ack(TimeNs now, const Address& from, const wire::Ack& a, Output& out);
  void retransmit_timer(TimeNs now, std::uint32_t serial, Output& out);

  // --- certificates (node_certificates.cpp) ---
  const crypto::PeerCertificate* find_certificate(TimeNs now, std::string_view node_id);
  void request_certificate(TimeNs now, std::string_view node_id, std::optional<Address> hint, Output& out);
  void send_certificate(TimeNs now, const Address& to, std::string_view msg_id, std::string_view recipient_id,
                        Output& out, AckProves proves = AckProves::kContact);
  void on_get_certificate(TimeNs now, const Address& from, const wire::GetCertificate& m, Output& out);
  void on_certificate(TimeNs now, const Address& from, const wire::Certificate& m, Output& out);
  // Checks and caches a certificate for `id` (from a CERTIFICATE or a MESSAGE attachment); true
  // when the cache now holds exactly this certificate for `id`.
  bool accept_certificate(TimeNs now, std::string_view id, std::string_view der, const Address& from,
                          std::string_view verb, Output& out);
  std::optional<Address> address_of(std::string_view node_id) const;

  // --- channels and keys (node_channels.cpp) ---
  ChannelState* find_channel(std::string_view id);
  const ChannelState* find_channel(std::string_view id) const;
  ChannelState* learn_channel(std::string_view id, std::string_view name, bool closed, Output& out);
  // Adds `id` unless present or the member bound is reached; true when it was added.
  bool add_member(ChannelState& c, std::string_view id) const;
  void remove_member(ChannelState& c, std::string_view id) const;
  // Merges a received listing into our view; true when it taught us a member.
  bool merge_listing(TimeNs now, ChannelState& c, const std::vector<std::string>& listing) const;
  // Drops departed members older than the memory that keeps stale listings from reviving them.
  void forget_departed(TimeNs now);
  // Our CHANNEL listing of `c` under `msg_id` (recorded as seen, so it is never taken for news).
  SharedBytes channel_listing(TimeNs now, const ChannelState& c, const std::string& msg_id);
  void announce(TimeNs now, ChannelState& c, Output& out);
  std::string create_channel(TimeNs now, std::string_view name, bool closed, Output& out);
  bool join_channel(TimeNs now, std::string_view id, Output& out);
  // Our standing JOIN for `c` (its msg_id is c.join_msg_id).
  SharedBytes join_datagram(const ChannelState& c) const;
  // Sends JOIN for `c` (we joined, or a listing left us out).
  void announce_membership(TimeNs now, ChannelState& c, Output& out);
  bool leave_channel(TimeNs now, std::string_view id, Output& out);
  void on_channel(TimeNs now, const Address& from, const wire::Channel& m, Output& out);
  void on_join(TimeNs now, const Address& from, const wire::Join& m, Output& out);
  void on_leave(TimeNs now, const Address& from, const wire::Leave& m, Output& out);
  void request_key(TimeNs now, ChannelState& c, Output& out);
  void send_key(TimeNs now, const ChannelState& c, std::string_view recipient, const Address& to,
                Output& out);
  void rekey(TimeNs now, ChannelState& c, Output& out);
  // Sends the key to members whose GETKEY waited for the certificate of `node_id`, now cached.
  void serve_key_waiters(TimeNs now, std::string_view node_id, Output& out);
  void on_get_key(TimeNs now, const Address& from, const wire::GetKey& m, Output& out);
  void on_key(TimeNs now, const Address& from, const wire::Key& m, Output& out);

  // --- messages and propagation (node_messages.cpp) ---
  std::optional<std::string> send_chat(TimeNs now, std::string_view channel_id, std::string_view text,
                                       std::vector<wire::Attachment> attachments, Output& out);
  void on_message(TimeNs now, const Address& from, const wire::ChatMessage& m, Output& out);
  // Verifies, relays (under verify_before_relay) and delivers; parks the message when a
  // certificate or channel key is missing.
  void verify_and_deliver(TimeNs now, PendingVerification pv, Output& out);
  void relay(TimeNs now, const wire::ChatMessage& m, const Address& from, Output& out);
  void retry_verifications(TimeNs now, std::string_view node_id, std::string_view channel_id, Output& out);
  std::optional<std::string> open_body(const ChannelState& c, const Envelope& e) const;
  // Sends `bytes` per the propagation policy. `from` is the peer it came from (nullopt at the origin).
  void propagate(TimeNs now, const SharedBytes& bytes, wire::Verb verb, std::string_view msg_id,
                 const std::vector<std::string>& recipients, std::optional<Address> from, Output& out);
  std::vector<Address> live_peer_addresses(TimeNs now, std::optional<Address> except) const;

  // --- routing and CONNECT (node_routing.cpp, node_connect.cpp) ---
  void send_routing(TimeNs now, Output& out);
  void on_routing(TimeNs now, const Address& from, const wire::Routing& m, Output& out);
  std::optional<Address> next_hop(std::string_view node_id, TimeNs now) const;
  void connect(TimeNs now, const Address& rendezvous, std::string_view target, Output& out);
  void on_connect(TimeNs now, const Address& from, const wire::Connect& m, Output& out);
  void connect_progress(TimeNs now, const Address& from, std::string_view hello_node_id, Output& out);
};

}  // namespace ptplab::engine
