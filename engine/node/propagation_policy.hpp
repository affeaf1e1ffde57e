// Propagation policies: where a MESSAGE, CHANNEL, JOIN or LEAVE goes next (PROTOCOL.md
// "propagation and routing"). One stateless implementation per Propagation value, looked up by
// propagation_policy(kind); the Node asks it for targets and sends (node_propagation.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/rng.hpp"
#include "engine/node/node_choices.hpp"
#include "engine/wire/message.hpp"

namespace ptplab::engine {

// What a policy may learn about, and do to, the Node it works for.
class PropagationView {
 public:
  virtual ~PropagationView() = default;
  // The live peers' addresses in peer-table order, but `except`.
  [[nodiscard]] virtual std::vector<Address> live_peers(std::optional<Address> except) const = 0;
  // The address of `node_id` (a heard peer, else a route); nullopt for ourselves or unknown.
  [[nodiscard]] virtual std::optional<Address> address_of(std::string_view node_id) const = 0;
  // The next hop towards `node_id`: a live peer with that id, else a live peer advertising it.
  [[nodiscard]] virtual std::optional<Address> next_hop(std::string_view node_id) const = 0;
  // We are about to contact `a` on our own initiative (it escapes anti-amplification).
  virtual void note_contact(const Address& a) = 0;
  // The addresses of at most `max` live, verified peers named in `ids`, in
  // peer-table order, but `except` and ourselves.
  [[nodiscard]] virtual std::vector<Address> member_peers(const std::vector<std::string>& ids,
                                                          std::optional<Address> except,
                                                          std::size_t max) const = 0;
  // Whether `ids` names us.
  [[nodiscard]] virtual bool names_us(const std::vector<std::string>& ids) const = 0;
};

// One datagram to propagate.
struct PropagationRequest {
  wire::Verb verb{};
  const std::vector<std::string>& recipients;  // the channel members it is for
  std::optional<Address> from;                 // the peer it came from; nullopt at the origin
  std::uint32_t gossip_fanout = 3;
  // Under "mesh": the datagram is a channel's first listing (or its creator's address), which
  // every node relays to all its peers once, so that outsiders learn of the channel.
  bool discovery = false;
  std::uint32_t mesh_degree_high = 12;
};

// Why: the policy is the experiment variable of most scenarios; an interface keeps each one
// readable on its own and the send loop shared.
class PropagationPolicy {
 public:
  virtual ~PropagationPolicy() = default;
  // The addresses to send the datagram to, each once. May draw from `rng` (gossip).
  [[nodiscard]] virtual std::vector<Address> targets(const PropagationRequest& request, PropagationView& view,
                                                     Rng& rng) const = 0;
};

// The policy implementing `kind`: policies hold no state, so each kind has one shared instance
// and a Node looks its own up from params.propagation instead of storing a copy of the choice.
[[nodiscard]] const PropagationPolicy& propagation_policy(Propagation kind);

}  // namespace ptplab::engine
