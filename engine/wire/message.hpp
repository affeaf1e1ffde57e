// The ptpchat wire vocabulary: one plain struct per verb of the spec (spec §HELLO ... §ROUTING;
// where the spec lives and ptplab's readings of it: engine/PROTOCOL.md) and a variant over them.
// These structs are the single source of truth for what a datagram means; codec.hpp turns
// them into bytes and back. Fields the spec calls base64 hold the *decoded* bytes here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "engine/core/verb.hpp"

namespace ptplab::wire {

// HELLO: keep-alive. msg_data is optional; ours carry {node_id, version}.
struct Hello {
  std::optional<std::string> node_id;
  std::optional<std::string> version;
  friend bool operator==(const Hello&, const Hello&) = default;
};

// ACK: acknowledges GETCERTIFICATE, CERTIFICATE, GETKEY, KEY and MESSAGE by msg_id.
struct Ack {
  std::string msg_id;
  friend bool operator==(const Ack&, const Ack&) = default;
};

// JOIN: the sender joins a channel.
struct Join {
  std::string msg_id;
  std::string node_id;
  std::string channel;
  std::string channel_id;
  friend bool operator==(const Join&, const Join&) = default;
};

// LEAVE: the sender leaves a channel (the spec's example mislabels it "JOIN").
struct Leave {
  std::string msg_id;
  std::string node_id;
  std::string channel;
  std::string channel_id;
  friend bool operator==(const Leave&, const Leave&) = default;
};

// CHANNEL: announces a channel and its member list.
struct Channel {
  std::string msg_id;
  std::string node_id;
  std::string channel;
  std::string channel_id;
  std::vector<std::string> members;  // node_ids, from [{"node_id": ...}]
  bool closed = false;               // optional on the wire, default false
  // ptplab's "member-mesh" extension (engine/PROTOCOL.md "Presets"): each member's
  // "ip:port" as the sender knows it, parallel to `members` ("" where unknown), written as an
  // extra "address" key of its member object; empty when no member has one. Spec-literal
  // readers ignore the key; a non-string value reads as unknown.
  std::vector<std::string> member_addresses{};
  friend bool operator==(const Channel&, const Channel&) = default;
};

// GETCERTIFICATE: asks the recipient for its certificate; node_id is the *sender's*.
struct GetCertificate {
  std::string msg_id;
  std::string node_id;
  friend bool operator==(const GetCertificate&, const GetCertificate&) = default;
};

// CERTIFICATE: a node's certificate (DER bytes; base64 on the wire).
struct Certificate {
  std::string msg_id;        // the GETCERTIFICATE's msg_id when answering one
  std::string node_id;       // the sender's node id (the spec's placeholder says msg_id: a slip)
  std::string recipient_id;  // the node_id of the GETCERTIFICATE being answered
  std::string certificate;   // DER bytes
  friend bool operator==(const Certificate&, const Certificate&) = default;
};

// GETKEY: asks for a closed channel's key.
struct GetKey {
  std::string msg_id;
  std::string node_id;
  std::string channel;
  std::string channel_id;
  friend bool operator==(const GetKey&, const GetKey&) = default;
};

// KEY: a closed channel's key, wrapped for the recipient (bytes; base64 on the wire).
struct Key {
  std::string msg_id;
  std::string node_id;
  std::string recipient_id;
  std::string channel;
  std::string channel_id;
  std::string cipher;
  std::string key;  // wrapped key bytes
  friend bool operator==(const Key&, const Key&) = default;
};

// One attachment of a MESSAGE.
struct Attachment {
  std::string attachment;       // bytes; base64 on the wire
  std::string attachment_type;  // MIME type
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

// MESSAGE: a chat message; `message` holds the signed envelope (bytes; base64 on the wire).
struct ChatMessage {
  std::string msg_id;
  std::string node_id;
  std::vector<std::string> recipient;  // node_ids, from [{"node_id": ...}]
  std::int64_t timestamp = 0;          // JSON integer (PROTOCOL.md: milliseconds since the epoch)
  std::string channel;
  std::string channel_id;
  std::string message;                 // signed envelope bytes
  std::vector<Attachment> attachment;  // optional on the wire
  std::optional<std::uint32_t> hops;   // ptplab extension inside msg_data: relay hops so far
  friend bool operator==(const ChatMessage&, const ChatMessage&) = default;
};

// CONNECT: the rendezvous message; src/dst are full ("ip:port") or partial ("ip" or "port") sockets.
struct Connect {
  std::string dst;
  std::string src;
  std::optional<std::string> src_node_id;  // the UDP-era server's extension
  std::optional<std::string> dst_node_id;
  friend bool operator==(const Connect&, const Connect&) = default;
};

// One entry of a ROUTING table.
struct RoutingEntry {
  std::string node_id;
  std::string address;  // "ip:port" as seen from outside
  friend bool operator==(const RoutingEntry&, const RoutingEntry&) = default;
};

// ROUTING: the nodes the sender can reach.
struct Routing {
  std::optional<std::string> node_id;  // the sender (the UDP-era server adds it)
  std::vector<RoutingEntry> nodes;
  friend bool operator==(const Routing&, const Routing&) = default;
};

// The verbs (engine/core/verb.hpp: the enum and its name table kVerbs live in the core, so
// events can name a verb without depending on the codec).
using ptplab::Verb;
using ptplab::verb_from_name;
using ptplab::verb_name;
inline constexpr int kVerbCount = static_cast<int>(kVerbs.size());
// The wire names of the verbs, indexed by Verb (the "msg_type" of a datagram).
inline constexpr std::array<std::string_view, kVerbs.size()> kVerbNames = names_of(kVerbs);

// Any ptpchat datagram. index() == static_cast<size_t>(Verb).
using Message = std::variant<Hello, Ack, Join, Channel, Leave, GetCertificate, Certificate, GetKey, Key,
                             ChatMessage, Connect, Routing>;

// True when the alternative of verb V is T: ties each enumerator to its struct.
template <Verb V, class T>
inline constexpr bool kAlternativeOf =
    std::is_same_v<std::variant_alternative_t<static_cast<std::size_t>(V), Message>, T>;
static_assert(std::variant_size_v<Message> == kVerbs.size(), "one Message alternative per verb");
static_assert(kAlternativeOf<Verb::kHello, Hello> && kAlternativeOf<Verb::kAck, Ack> &&
              kAlternativeOf<Verb::kJoin, Join> && kAlternativeOf<Verb::kChannel, Channel> &&
              kAlternativeOf<Verb::kLeave, Leave> && kAlternativeOf<Verb::kGetCertificate, GetCertificate> &&
              kAlternativeOf<Verb::kCertificate, Certificate> && kAlternativeOf<Verb::kGetKey, GetKey> &&
              kAlternativeOf<Verb::kKey, Key> && kAlternativeOf<Verb::kMessage, ChatMessage> &&
              kAlternativeOf<Verb::kConnect, Connect> && kAlternativeOf<Verb::kRouting, Routing>);

// The verb of a message.
[[nodiscard]] inline Verb verb_of(const Message& m) { return static_cast<Verb>(m.index()); }
// The msg_id of a message, or "" for verbs without one (HELLO, CONNECT, ROUTING).
[[nodiscard]] std::string_view msg_id_of(const Message& m);

}  // namespace ptplab::wire
