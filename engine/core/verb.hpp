// The ptpchat verbs (the "msg_type" of a datagram, spec ###Verbs), declared once as the table
// kVerbs: the wire name and what the verb does. The wire codec's Message variant has one
// alternative per verb in this order (engine/wire/message.hpp asserts it); events name the
// verb they are about by this enum (engine/core/event.hpp), so a verb name is never spelled
// outside this table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/core/name_table.hpp"

namespace ptplab {

// Every verb, in the order of kVerbs and of wire::Message's alternatives.
enum class Verb : std::uint8_t {
  kHello,
  kAck,
  kJoin,
  kChannel,
  kLeave,
  kGetCertificate,
  kCertificate,
  kGetKey,
  kKey,
  kMessage,
  kConnect,
  kRouting,
};

// The wire name of each verb (case-sensitive, as "msg_type" carries it) and its meaning, with
// the section of the spec (spec/ptpchat-protocol.md) that defines it.
inline constexpr std::array<NameEntry<Verb>, 12> kVerbs = {{
    {Verb::kHello, "HELLO", "periodic liveness to a known node, every 0.5-2 s (spec ####HELLO)"},
    {Verb::kAck, "ACK", "receipt of a reliable datagram by its msg_id (spec ####ACK)"},
    {Verb::kJoin, "JOIN", "the sender joins a channel (spec ####JOIN)"},
    {Verb::kChannel, "CHANNEL", "a channel's name, id, members and closed flag (spec ####CHANNEL)"},
    {Verb::kLeave, "LEAVE", "the sender leaves a channel (spec ####LEAVE)"},
    {Verb::kGetCertificate, "GETCERTIFICATE",
     "asks the recipient for its certificate (spec ####GETCERTIFICATE)"},
    {Verb::kCertificate, "CERTIFICATE", "a node's certificate, base64 (spec ####CERTIFICATE)"},
    {Verb::kGetKey, "GETKEY", "asks for a closed channel's key (spec ####GETKEY)"},
    {Verb::kKey, "KEY", "a closed channel's key, wrapped for the recipient (spec ####KEY)"},
    {Verb::kMessage, "MESSAGE", "a chat message to a channel, signed (spec ####MESSAGE)"},
    {Verb::kConnect, "CONNECT", "the five-step rendezvous that opens a direct path (spec ####CONNECT)"},
    {Verb::kRouting, "ROUTING", "the nodes the sender can reach (spec ####ROUTING)"},
}};
static_assert(indexed_by_value(kVerbs));

// The wire name of a verb ("HELLO", "GETCERTIFICATE", ...); "" for a value outside the enum.
[[nodiscard]] constexpr std::string_view verb_name(Verb verb) {
  return static_cast<std::size_t>(verb) < kVerbs.size() ? name_of(kVerbs, verb) : std::string_view{};
}
// The verb of a wire name; nullopt for unknown names (case-sensitive).
[[nodiscard]] constexpr std::optional<Verb> verb_from_name(std::string_view name) {
  return parse_name(kVerbs, name);
}

}  // namespace ptplab
