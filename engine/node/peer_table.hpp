// The peer table: the neighbours a Node exchanges HELLOs with (spec ####HELLO), their liveness
// (heard from within peer_timeout_ns) and whether each proved it receives at its address
// (PROTOCOL.md, anti-amplification). Pure bookkeeping: sending, events and timers are the
// Node's (node_peers.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/time.hpp"
#include "engine/node/node_id_interner.hpp"

namespace ptplab::engine {

// A neighbour we exchange HELLOs with.
struct Peer {
  // Ordered so that the 4-byte-aligned members pack ahead of the view: 64 bytes (72 with a
  // std::string node_id; 8,000 nodes x 8 peers; reports/BENCHMARKS.md, "[P] idle memory,
  // session 11" and "[P] session 14").
  Address address;
  std::uint32_t serial = 0;  // stable handle for its HELLO timer (indices shift on removal)
  bool initiated = false;    // we contacted it first (bootstrap, CONNECT): our sends are not answers
  bool hello_sent = false;
  bool heard = false;  // at least one datagram arrived from it
  // It answered our HELLO: a neighbour for ROUTING and relays (PROTOCOL.md); under address_validation
  // "reply" also what lifts the anti-amplification budget.
  bool verified = false;
  // It proved it receives at this address by echoing one of our msg_ids (an ACK we could trust):
  // under address_validation "ack", only then, or when `initiated`, do our sends to it escape the
  // anti-amplification budget. `verified` alone proves nothing: a spoofer never sees our HELLO (review S3).
  bool validated = false;
  // Under "ack", a send to it was refused by that budget: its next HELLO tick asks it to prove itself.
  bool probe_wanted = false;
  // Our channel listings on verification wait for it to prove its address (under "ack"), or were
  // refused by that budget: they go once it proves it (on_ack, announce_channels).
  bool listings_owed = false;
  // Our address as this peer sees it (the first entry naming us in its ROUTING): behind a NAT
  // that maps per destination, each peer sees another port.
  std::optional<Address> sees_us;
  NodeIdRef id = 0;  // its node_id interned (0 until its HELLO names it); set by PeerTable::name
  // The text of `id`, held by the table's interner while the peer is in the table; empty until
  // its HELLO names it.
  std::string_view node_id;
  TimeNs last_heard = 0;
};
static_assert(sizeof(Peer) <= 64, "Peer packs into 64 bytes");

// Why: peering, routing, CONNECT and propagation all ask "who is live at which address"; one
// table answers, in insertion order (the order HELLOs and relays go out in).
class PeerTable {
 public:
  // Interns node ids in `ids` (shared with the route table of the same node), or in a table of
  // its own when null. `ids` must outlive the table.
  explicit PeerTable(NodeIdInterner* ids = nullptr);
  PeerTable(const PeerTable&) = delete;
  PeerTable& operator=(const PeerTable&) = delete;
  // Releases the ids of its peers.
  ~PeerTable();

  // Whether `p` was heard from less than `timeout_ns` before `now`.
  [[nodiscard]] static bool live(const Peer& p, TimeNs now, TimeNs timeout_ns) {
    return p.heard && now - p.last_heard < timeout_ns;
  }

  [[nodiscard]] Peer* find(const Address& a);
  [[nodiscard]] const Peer* find(const Address& a) const;
  // The first peer named `id` (never matches an empty id).
  [[nodiscard]] Peer* find_by_id(std::string_view id);
  // Names `p` (an element of this table) `id`: the only way to set Peer::id and Peer::node_id.
  void name(Peer& p, std::string_view id);
  // The interned number of `node_id` if a peer or route of this node holds it, else 0 (the
  // interner shared with the route table: PeerTable(ids)).
  [[nodiscard]] NodeIdRef id_of(std::string_view node_id) const { return ids_->find(node_id); }
  // The peer whose HELLO timer carries `serial`, if it is still in the table.
  [[nodiscard]] Peer* find_by_serial(std::uint32_t serial);
  // Appends a peer at `a`, last heard `now`, with a fresh serial; the reference is valid until
  // the next add or remove.
  Peer& add(TimeNs now, const Address& a, bool initiated);
  // The first peer not live at `now` (a candidate for eviction when the table is full).
  [[nodiscard]] std::optional<std::size_t> first_stale(TimeNs now, TimeNs timeout_ns) const;
  // How many peers have IP address `ip` (any port).
  [[nodiscard]] std::size_t count_ip(std::uint32_t ip) const;
  // The peer of IP `ip` heard from least recently that we did not initiate (eviction within
  // one IP's share, peers_per_ip_max), if any.
  [[nodiscard]] std::optional<std::size_t> quietest_of_ip(std::uint32_t ip) const;
  // The peer added last, not initiated by us, of the IP holding the most peers, when that IP
  // holds more than `more_than` (eviction that admits a newcomer from a less crowded IP).
  [[nodiscard]] std::optional<std::size_t> newest_of_most_crowded(std::size_t more_than) const;
  // Removes the peer at `index` (< size()).
  void remove(std::size_t index);
  // Index of `p`, which must be an element of this table.
  [[nodiscard]] std::size_t index_of(const Peer& p) const {
    return static_cast<std::size_t>(&p - peers_.data());
  }
  // The address of the first peer that was heard and is named `id`.
  [[nodiscard]] std::optional<Address> heard_address(std::string_view id) const;
  // The address of the first live peer named `id`.
  [[nodiscard]] std::optional<Address> live_address(std::string_view id, TimeNs now, TimeNs timeout_ns) const;
  // The same for the interned `id`; 0 (an unknown id) matches none.
  [[nodiscard]] std::optional<Address> live_address(NodeIdRef id, TimeNs now, TimeNs timeout_ns) const;
  // Addresses of the live peers, in table order, leaving out `except`.
  [[nodiscard]] std::vector<Address> live_addresses(TimeNs now, TimeNs timeout_ns,
                                                    std::optional<Address> except) const;
  // A peer that fell silent and reappears at `from` has moved (NAT rebinding, hole punching):
  // re-latch it there, heard now, verified again only if we initiated it, validated never.
  static void move(Peer& p, const Address& from, TimeNs now);

  [[nodiscard]] std::size_t size() const { return peers_.size(); }
  [[nodiscard]] const std::vector<Peer>& all() const { return peers_; }
  [[nodiscard]] std::vector<Peer>& all() { return peers_; }

 private:
  // The first live peer whose id is `id` (0: the unnamed ones).
  [[nodiscard]] std::optional<Address> live_of(NodeIdRef id, TimeNs now, TimeNs timeout_ns) const;

  std::vector<Peer> peers_;
  std::uint32_t next_serial_ = 1;
  NodeIdInterner* ids_ = nullptr;
  std::unique_ptr<NodeIdInterner> own_ids_;  // when constructed without one
};

}  // namespace ptplab::engine
