// The named choices among NodeParams: each an enum with one name table, the spelling scenario
// files, `ptplab params` and params_to_json use. The NodeParams definition table
// (node_params.cpp) parses and prints them through these tables alone.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ptplab::engine {

// How MESSAGE (and, for gossip, CHANNEL/JOIN/LEAVE) travel (PROTOCOL.md "propagation and
// routing"; the spec leaves it to the implementation).
enum class Propagation : std::uint8_t {
  kDirect,  // the origin sends to each recipient's address; nobody relays
  kFlood,   // every node sends to every live peer but the one it came from
  kGossip,  // every node sends to gossip_fanout random live peers
  kRouted,  // towards each recipient's next hop (a direct peer, else the ROUTING advertiser)
};
inline constexpr std::array<std::string_view, 4> kPropagationNames = {"direct", "flood", "gossip", "routed"};
static_assert(static_cast<std::size_t>(Propagation::kRouted) + 1 == kPropagationNames.size());

// How closed-channel MESSAGE bodies are sealed (PROTOCOL.md "closed channels", FORMATS.md).
enum class ChannelCrypto : std::uint8_t {
  kChannelKey,  // one AES-256-GCM key per channel, distributed by GETKEY/KEY
  kMultiCert,   // the text wrapped for each member's certificate (ECIES)
};
inline constexpr std::array<std::string_view, 2> kChannelCryptoNames = {"channel_key", "multi_cert"};
static_assert(static_cast<std::size_t>(ChannelCrypto::kMultiCert) + 1 == kChannelCryptoNames.size());

// How a node draws its node_id (PROTOCOL.md "ids").
enum class IdScheme : std::uint8_t {
  kUuid4,       // canonical lowercase UUIDv4
  kRandom,      // node_id_bits random bits
  kKeyDerived,  // the first node_id_bits of SHA-256(public key), checked by peers
};
inline constexpr std::array<std::string_view, 3> kIdSchemeNames = {"uuid4", "random", "key_derived"};
static_assert(static_cast<std::size_t>(IdScheme::kKeyDerived) + 1 == kIdSchemeNames.size());

// How a node draws msg_ids (PROTOCOL.md "ids").
enum class MsgIdScheme : std::uint8_t {
  kUuid4,   // canonical lowercase UUIDv4
  kRandom,  // msg_id_bits random bits
};
inline constexpr std::array<std::string_view, 2> kMsgIdSchemeNames = {"uuid4", "random"};
static_assert(static_cast<std::size_t>(MsgIdScheme::kRandom) + 1 == kMsgIdSchemeNames.size());

// The name table of each choice enum (overloads found by the enum type), for generic parsing
// and printing.
constexpr const auto& choice_names(Propagation) { return kPropagationNames; }
constexpr const auto& choice_names(ChannelCrypto) { return kChannelCryptoNames; }
constexpr const auto& choice_names(IdScheme) { return kIdSchemeNames; }
constexpr const auto& choice_names(MsgIdScheme) { return kMsgIdSchemeNames; }

// Whether E is one of the choice enums.
template <typename E>
concept Choice = requires(E e) {
  choice_names(e);
};

// The stable name of a choice ("flood", "multi_cert", ...).
template <Choice E>
[[nodiscard]] constexpr std::string_view choice_name(E value) {
  return choice_names(value)[static_cast<std::size_t>(value)];
}

// The choice named `name`, if its table has it.
template <Choice E>
[[nodiscard]] constexpr std::optional<E> parse_choice(std::string_view name) {
  const auto& names = choice_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace ptplab::engine
