// The ptpchat Node: a sans-I/O state machine that speaks every verb of the spec. Hosts (the
// simulator, a real UDP socket, the conformance harness) feed it datagrams and time and
// drain sends, one wake-up deadline and events. This header is the stable public API.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/endpoint.hpp"
#include "engine/node/node_params.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::crypto {
class VerifyCache;
class ParseCache;
}  // namespace ptplab::crypto

namespace ptplab::engine {

template <typename M>
class EncodingCache;
class NodeIdInterner;

// Things Nodes in one process may share (the simulator hands the same one to all). May be null.
struct NodeShared {
  crypto::VerifyCache* verify_cache = nullptr;              // memoises signature checks across nodes
  crypto::ParseCache* parse_cache = nullptr;                // one parsed form per distinct certificate
  EncodingCache<wire::ChatMessage>* relay_cache = nullptr;  // one encoding per relayed MESSAGE and hop count
  EncodingCache<wire::Ack>* ack_cache = nullptr;            // one encoding per ACKed msg_id
  // One number per distinct node_id for the peer and route tables of every node; must outlive
  // the Nodes (their destruction releases their ids into it). Null: each node interns its own.
  NodeIdInterner* node_ids = nullptr;
};

// A peer as `ptplab node`'s /peers shows it.
struct PeerInfo {
  std::string node_id;  // empty until its HELLO names it
  Address address;
  bool verified = false;  // it answered our HELLO (validated or not: PROTOCOL.md "Node: peers")
  // It proved it receives at its address as address_validation reads proof (R31): our sends to
  // it escape the anti-amplification budget. Under the default "ack", a blind spoofer's HELLOs
  // make an address verified but never proved.
  bool address_proved = false;
};

// Current sizes of a Node's bounded tables, for metrics and for tests of the bounds.
struct TableSizes {
  std::size_t peers = 0;
  std::size_t certificates = 0;
  std::size_t dedup = 0;
  std::size_t routing = 0;
  std::size_t pending_retransmissions = 0;
  std::size_t pending_verifications = 0;
  std::size_t channels = 0;
  std::size_t rate_sources = 0;
  std::size_t timers = 0;
};

// Key material a host hands a Node instead of a seed: a real node takes it from the OS random
// source or an identity file (engine/io), never the engine itself (DESIGN.md, "two kinds of
// randomness").
struct NodeIdentity {
  std::array<std::uint8_t, 32> key_seed{};  // the P-256 private scalar, big-endian (mod n, 0 -> 1)
  std::uint64_t rng_seed = 0;               // the node's random choices (intervals, msg_ids, ...)
  std::string node_id;  // empty: made per params.id_scheme (uuid4 and random from rng_seed)
};

// An invitation to a channel (PROTOCOL.md "Presets", invite-discovery): what the channel's first
// listing would tell a member, handed to it out of band as a chat app hands out an invitation link
// (GossipSub's peers know their topics a priori, v1.1 §Peer Exchange). The simulator's workload
// takes it from the channel's creator (Node::invitation) and gives it to each picked member
// (Node::accept_invitation); no datagram carries it.
struct Invitation {
  std::string channel_id;
  std::string name;  // the channel's display name
  bool closed = false;
  std::string inviter;      // node_id of the member that hands it out (the creator, in the workload)
  Address inviter_address;  // where the inviter receives, as it knows it: its outside address
};

struct NodeState;

// One ptpchat node. node_id, key and certificate are derived from the seed (simulated and test
// nodes, reproducible), or taken from a NodeIdentity (real nodes).
class Node final : public ptplab::Endpoint {
 public:
  Node(const NodeParams& params, std::uint64_t seed, NodeShared shared = {});
  // The same, keeping `params` (shared, e.g. by every node of a simulated group: 368 bytes per
  // node otherwise) instead of a copy. Throws std::invalid_argument when `params` is null. No
  // default for `shared`, so that `Node n({}, seed)` still means default parameters.
  Node(std::shared_ptr<const NodeParams> params, std::uint64_t seed, NodeShared shared);
  Node(const NodeParams& params, const NodeIdentity& identity, NodeShared shared = {});
  ~Node() override;
  Node(Node&&) noexcept;
  Node& operator=(Node&&) noexcept;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  [[nodiscard]] const std::string& node_id() const;
  [[nodiscard]] const NodeParams& params() const;
  // Replaces the running node's parameters (a scenario timeline's set_param), keeping the identity
  // fields fixed at construction: id_scheme, node_id_bits, msg_id_scheme and msg_id_bits (node_id
  // and msg_id widths must not change under state keyed by them). Other fields apply from the next
  // decision that reads them: bounds from the next insert, intervals from the next timer. An error
  // sentence, and no change, when `params` break validate_params.
  [[nodiscard]] Expected<std::monostate, std::string> retune(const NodeParams& params);
  // The same, sharing `params` (not null) when its identity fields already equal ours, else a copy.
  [[nodiscard]] Expected<std::monostate, std::string> retune(const std::shared_ptr<const NodeParams>& params);
  // The wall clock: epoch time (ns since the Unix epoch) = `now` + `offset_ns`. MESSAGE timestamps
  // are epoch milliseconds (PROTOCOL.md W10) while `now` stays monotonic for timers. A real host
  // sets it from its system clock; the simulator leaves 0 (simulated time is the epoch time).
  void set_epoch_offset(TimeNs offset_ns);
  // Draws the node's random choices (timer intervals, msg_ids, ...) from `seed` from now on,
  // keeping its identity (key, node_id). A simulated node that restarts is built from the seed
  // that made its identity, and without this would replay its previous incarnation's msg_ids,
  // which its peers then suppress as collisions; call before start().
  void reseed(std::uint64_t seed);

  void start(TimeNs now, Output& out) override;
  void on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) override;
  void on_timer(TimeNs now, Output& out) override;
  // Every address in the peer table (and where each peer sees us), the source guard's sources
  // and contacts, pending retransmissions, waiting verifications, routes (advertised and via),
  // CONNECT attempts and channel key waiters and addresses; always true.
  [[nodiscard]] bool visit_remembered(const AddressVisitor& visit) const override;

  // --- user actions ---
  // Bootstrap: start HELLOing `address`; it becomes a peer when it answers.
  void add_peer(TimeNs now, const Address& address, Output& out);
  // Creates a channel with us as its only member and announces it; returns its channel_id.
  std::string create_channel(TimeNs now, std::string_view name, bool closed, Output& out);
  // Joins a channel we have heard of (CHANNEL announcement); false if unknown or already a member.
  bool join_channel(TimeNs now, std::string_view channel_id, Output& out);
  // An invitation to channel `channel_id` from us (Invitation): nullopt when we are no member of it,
  // or no live peer has told us our outside address yet (ROUTING names it) so that there is
  // nowhere to point the invitee; ask again later.
  [[nodiscard]] std::optional<Invitation> invitation(TimeNs now, std::string_view channel_id) const;
  // Takes an invitation (Invitation; PROTOCOL.md "Presets", invite-discovery): the channel becomes
  // known and available to join as its first listing would make it (name, closed, the inviter as a
  // member and the channel's announcer, at inviter_address), so that join_channel works and, under
  // propagation "mesh", maintain_mesh grafts the inviter (HELLO to inviter_address), whose listing
  // then names the other members. Sends nothing by itself. False, and no change, when the
  // invitation is malformed (empty channel_id or inviter, the inviter is us, an unannounceable
  // address) or the channel table is full (a channels_full drop); true otherwise, also for a
  // channel known already (the inviter's address is then recorded).
  bool accept_invitation(TimeNs now, const Invitation& invitation, Output& out);
  // Leaves a channel; false if not a member.
  bool leave_channel(TimeNs now, std::string_view channel_id, Output& out);
  // Sends a signed MESSAGE to the channel's members; its msg_id, or nullopt if not a member.
  std::optional<std::string> send_message(TimeNs now, std::string_view channel_id, std::string_view text,
                                          std::vector<wire::Attachment> attachments, Output& out);
  // CONNECT through `rendezvous` (a live peer of both) to open a direct path to `target_node_id`.
  void connect(TimeNs now, const Address& rendezvous, std::string_view target_node_id, Output& out);

  // --- inspection (metrics and tests) ---
  [[nodiscard]] std::size_t peer_count() const;
  [[nodiscard]] bool has_peer(const Address& address) const;
  // The address of the live peer with this node_id, if any.
  [[nodiscard]] std::optional<Address> peer_address(std::string_view node_id) const;
  // Whether the channel is available to join: a CHANNEL listing of it has arrived.
  [[nodiscard]] bool knows_channel(std::string_view channel_id) const;
  [[nodiscard]] bool is_member(std::string_view channel_id) const;
  // Whether we hold the key of a closed channel (always true for open channels we know).
  [[nodiscard]] bool has_channel_key(std::string_view channel_id) const;
  // The current key of a closed channel (32 raw bytes), for tests and tools that inspect traffic.
  [[nodiscard]] std::optional<std::string> channel_key(std::string_view channel_id) const;
  // The member node_ids of a channel as this node currently sees them, sorted.
  [[nodiscard]] std::vector<std::string> members(std::string_view channel_id) const;
  // A known channel's display name ("" if unknown).
  [[nodiscard]] std::string channel_name(std::string_view channel_id) const;
  // The peers in table order.
  [[nodiscard]] std::vector<PeerInfo> peers() const;
  // The channel ids this node knows of, sorted.
  [[nodiscard]] std::vector<std::string> channels() const;
  [[nodiscard]] TableSizes table_sizes() const;
  // Our certificate (DER), as CERTIFICATE carries it.
  [[nodiscard]] const std::string& certificate_der() const;

 private:
  std::unique_ptr<NodeState> s_;
};

}  // namespace ptplab::engine
