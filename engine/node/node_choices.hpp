// The named choices among NodeParams: each an enum with one name table, the spelling scenario
// files, `ptplab params` and params_to_json use. The NodeParams definition table
// (node_params.cpp) parses and prints them through these tables alone.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/core/name_table.hpp"

namespace ptplab::engine {

// How MESSAGE (and, for gossip, CHANNEL/JOIN/LEAVE) travel (PROTOCOL.md "propagation and
// routing"; the spec leaves it to the implementation).
enum class Propagation : std::uint8_t { kDirect, kFlood, kGossip, kRouted, kMesh };
inline constexpr std::array<NameEntry<Propagation>, 5> kPropagations = {{
    {Propagation::kDirect, "direct", "the origin sends to each recipient's address; nobody relays"},
    {Propagation::kFlood, "flood", "every node sends to every live peer but the one it came from"},
    {Propagation::kGossip, "gossip", "every node sends to gossip_fanout random live peers"},
    {Propagation::kRouted, "routed",
     "towards each recipient's next hop (a direct peer, else the ROUTING advertiser)"},
    {Propagation::kMesh, "mesh",
     "channel-scoped (member-mesh preset): a channel's traffic goes only between members directly peered, "
     "mesh_degree of them each; non-members carry only a channel's first listing"},
}};
static_assert(indexed_by_value(kPropagations));

// What a ROUTING lists (PROTOCOL.md "Presets"): the spec-literal full table, or the bounded
// sample of the "bounded-routing" preset.
enum class RoutingAdvert : std::uint8_t { kFull, kSample };
inline constexpr std::array<NameEntry<RoutingAdvert>, 2> kRoutingAdverts = {{
    {RoutingAdvert::kFull, "full",
     "our live peers, then every learned route that fits one datagram (the spec)"},
    {RoutingAdvert::kSample, "sample",
     "our live peers, then at most routing_sample_max learned routes drawn at random each round"},
}};
static_assert(indexed_by_value(kRoutingAdverts));

// How members learn of a channel under propagation "mesh" (PROTOCOL.md "Presets",
// invite-discovery): the creator's first listing flooded to every node, or an invitation handed
// to each member out of band (Node::accept_invitation), GossipSub's a priori topics.
enum class ChannelDiscovery : std::uint8_t { kFlood, kInvite };
inline constexpr std::array<NameEntry<ChannelDiscovery>, 2> kChannelDiscoveries = {{
    {ChannelDiscovery::kFlood, "flood",
     "the creator's first listing goes to every node, each relaying it once (member-mesh as it was)"},
    {ChannelDiscovery::kInvite, "invite",
     "nothing is flooded: a member learns of a channel from an invitation (Node::accept_invitation) and "
     "non-members relay no listing"},
}};
static_assert(indexed_by_value(kChannelDiscoveries));

// What proves that a peer receives at its address, so that our sends to it escape the
// anti-amplification budget (PROTOCOL.md "Node: peers", reading R31; review S3). NodeParams'
// default is kAck (session 11, review 11 S1); kReply is the spec-literal reading.
enum class AddressValidation : std::uint8_t { kReply, kAck };
inline constexpr std::array<NameEntry<AddressValidation>, 2> kAddressValidations = {{
    {AddressValidation::kReply, "reply",
     "its answer to our HELLO (the spec-literal reading; two HELLOs forged from a victim lift the "
     "victim's bound)"},
    {AddressValidation::kAck, "ack",
     "only its ACK of one of our msg_ids (a GETCERTIFICATE probe asks for it): 3x until then, one round "
     "trip later (the default)"},
}};
static_assert(indexed_by_value(kAddressValidations));

// How closed-channel MESSAGE bodies are sealed (PROTOCOL.md "closed channels", FORMATS.md).
enum class ChannelCrypto : std::uint8_t { kChannelKey, kMultiCert };
inline constexpr std::array<NameEntry<ChannelCrypto>, 2> kChannelCryptos = {{
    {ChannelCrypto::kChannelKey, "channel_key", "one AES-256-GCM key per channel, distributed by GETKEY/KEY"},
    {ChannelCrypto::kMultiCert, "multi_cert", "the text wrapped for each member's certificate (ECIES)"},
}};
static_assert(indexed_by_value(kChannelCryptos));

// How a node draws its node_id (PROTOCOL.md "ids").
enum class IdScheme : std::uint8_t { kUuid4, kRandom, kKeyDerived };
inline constexpr std::array<NameEntry<IdScheme>, 3> kIdSchemes = {{
    {IdScheme::kUuid4, "uuid4", "canonical lowercase UUIDv4"},
    {IdScheme::kRandom, "random", "node_id_bits random bits"},
    {IdScheme::kKeyDerived, "key_derived", "the first node_id_bits of SHA-256(public key), checked by peers"},
}};
static_assert(indexed_by_value(kIdSchemes));

// How a node draws msg_ids (PROTOCOL.md "ids").
enum class MsgIdScheme : std::uint8_t { kUuid4, kRandom };
inline constexpr std::array<NameEntry<MsgIdScheme>, 2> kMsgIdSchemes = {{
    {MsgIdScheme::kUuid4, "uuid4", "canonical lowercase UUIDv4"},
    {MsgIdScheme::kRandom, "random", "msg_id_bits random bits"},
}};
static_assert(indexed_by_value(kMsgIdSchemes));

// The name table of each choice enum (overloads found by the enum type), for generic parsing
// and printing.
constexpr const auto& choice_names(Propagation) { return kPropagations; }
constexpr const auto& choice_names(ChannelCrypto) { return kChannelCryptos; }
constexpr const auto& choice_names(RoutingAdvert) { return kRoutingAdverts; }
constexpr const auto& choice_names(ChannelDiscovery) { return kChannelDiscoveries; }
constexpr const auto& choice_names(AddressValidation) { return kAddressValidations; }
constexpr const auto& choice_names(IdScheme) { return kIdSchemes; }
constexpr const auto& choice_names(MsgIdScheme) { return kMsgIdSchemes; }

// Whether E is one of the choice enums.
template <typename E>
concept Choice = requires(E e) {
  choice_names(e);
};

// The stable name of a choice ("flood", "multi_cert", ...).
template <Choice E>
[[nodiscard]] constexpr std::string_view choice_name(E value) {
  return name_of(choice_names(value), value);
}

// The choice named `name`, if its table has it.
template <Choice E>
[[nodiscard]] constexpr std::optional<E> parse_choice(std::string_view name) {
  return parse_name(choice_names(E{}), name);
}

}  // namespace ptplab::engine
