// The route table: nodes our peers can reach, learned from their ROUTING lists (spec
// ####ROUTING) with the outside-visible address each advertised and the peer that advertised
// it (the next hop under "routed" propagation). Bounded (oldest update evicted), bounded per
// advertised address (routes beyond it refused) and expired after routing_entry_timeout_ns
// without refresh.
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

// A route learned from ROUTING.
struct Route {
  // The text of `id`, held by the table's interner while the route lives.
  std::string_view node_id;
  NodeIdRef id = 0;
  Address address;  // as seen from outside by whoever advertised it
  Address via;      // the peer that advertised it (next hop for "routed")
  TimeNs updated = 0;
  // How far we went to meet it directly (node_routing.cpp greet_routes): 0 not yet, 1 HELLO sent
  // at `greeted`, 2 CONNECT asked of `via` too.
  std::uint8_t greetings = 0;
  TimeNs greeted = 0;
};

// Why: the overlay beyond our neighbours, kept apart from the peer table so a stranger's list
// can never make it a peer.
class RouteTable {
 public:
  // Interns node ids in `ids` (shared with the peer table of the same node, so that one number
  // names one id in both), or in a table of its own when null. `ids` must outlive the table.
  explicit RouteTable(NodeIdInterner* ids = nullptr) : ids_(ids) {}
  RouteTable(const RouteTable&) = delete;
  RouteTable& operator=(const RouteTable&) = delete;
  // Releases the ids of its routes.
  ~RouteTable();

  // Records that `via` reaches `node_id` at `address` (at `now`), replacing an older route to
  // it; a new route beyond `max` (0: unbounded) evicts the least recently updated. A route that
  // would make `address` hold more than `per_address_max` routes (0: unbounded) is refused,
  // new or moved there, and the table is left as it was: one peer's ROUTING naming thousands of
  // node_ids at one address must not fill the table with it (NodeParams routes_per_address_max,
  // review 11 M1). Returns false when refused.
  bool learn(TimeNs now, std::string_view node_id, const Address& address, const Address& via,
             std::size_t max, std::size_t per_address_max = 0);
  // The same, with `id` the number that the interner given to this table holds for `node_id`
  // (its find(node_id): 0 when it holds none), for a caller that looked it up already
  // (on_routing: one lookup per entry instead of two).
  bool learn(TimeNs now, std::string_view node_id, NodeIdRef id, const Address& address, const Address& via,
             std::size_t max, std::size_t per_address_max = 0);
  // The number of routes whose advertised address is `address`.
  [[nodiscard]] std::size_t count_address(const Address& address) const;
  // The advertised address of `node_id`, if routed.
  [[nodiscard]] std::optional<Address> address_of(std::string_view node_id) const;
  // The peers advertising `node_id`, in table order (the caller picks the first live one).
  [[nodiscard]] std::vector<Address> vias(std::string_view node_id) const;
  // The same, for the interned id `id` (0: none).
  [[nodiscard]] std::vector<Address> vias(NodeIdRef id) const;
  // Forgets routes not updated for `timeout_ns`.
  void expire(TimeNs now, TimeNs timeout_ns);

  [[nodiscard]] std::size_t size() const { return t_ ? t_->order.size() : 0; }
  // The route at position `i` (< size()) in table order: the order routes were first learned in,
  // which eviction and expiry keep.
  [[nodiscard]] const Route& at(std::size_t i) const { return t_->slots[t_->order[i]]; }
  // For updating greetings in place; node_id, updated and address must not be changed through it.
  [[nodiscard]] Route& at(std::size_t i) { return t_->slots[t_->order[i]]; }

 private:
  // at(i) is the first route from position `from` on naming the interned `id`; size() if none.
  [[nodiscard]] std::size_t find(NodeIdRef id, std::size_t from = 0) const;
  // Removes the route at position `i`, its slot kept for the next route learned.
  void drop(std::size_t i);
  // The interner: the node's, else the table's own (made on first use).
  [[nodiscard]] NodeIdInterner& ids();
  [[nodiscard]] NodeIdRef find_id(std::string_view node_id) const;

  // The routes live in slots that never move: evicting the oldest of 256 routes shifts four
  // small arrays (order, ids, updated, addresses: 24 bytes a route) instead of the Routes themselves
  // (perf, 10k.json at 10,000 nodes, 40 s: RouteTable::learn 20% of the CPU, most of it
  // erase() moving Routes and min_element striding over them; reports/BENCHMARKS.md
  // "[P] session 10").
  struct Storage {
    std::vector<Route> slots;
    std::vector<std::uint32_t> free;   // unused slots, reused last freed first
    std::vector<std::uint32_t> order;  // slots in table order
    // Parallel to order: each route's interned id and its `updated`, so the scans read
    // contiguous keys instead of striding over Route.
    std::vector<NodeIdRef> ids;
    std::vector<TimeNs> updated;
    std::vector<Address> addresses;  // each route's advertised address, for count_address
  };
  // Made by the first learn(): a node that never learns a route (ROUTING off) keeps 8 bytes
  // instead of five empty vectors (120 bytes; reports/BENCHMARKS.md, "[P] idle memory, session 11").
  std::unique_ptr<Storage> t_;
  NodeIdInterner* ids_ = nullptr;
  std::unique_ptr<NodeIdInterner> own_ids_;  // when constructed without one
};

}  // namespace ptplab::engine
