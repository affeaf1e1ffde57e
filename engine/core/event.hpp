// What an endpoint reports about itself. Observability flows out of the engine as events that
// a host may record (the simulator turns them into metrics, `ptplab node` into JSON lines);
// the engine never counts for anyone.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/core/address.hpp"
#include "engine/core/name_table.hpp"
#include "engine/core/reason.hpp"
#include "engine/core/time.hpp"
#include "engine/core/verb.hpp"

namespace ptplab {

// The kinds of observable things that happen inside an endpoint.
enum class EventKind : std::uint8_t {
  kPeerAdded,
  kPeerRemoved,
  kMessageOriginated,
  kDelivered,
  kDuplicate,
  kDropped,
  kRateLimited,
  kSignatureFailed,
  kCertificateFetched,
  kKeyReceived,
  kCollision,
  kChannelJoined,
  kChannelLeft,
  kConnectSucceeded,
  kConnectFailed,
  kRetransmitted,
  kGaveUp,
  kChannelAnnounced,
};

// Each kind's stable lower-case name, as logs and `ptplab node` JSON lines print it, and its
// meaning with the Event fields it sets.
inline constexpr std::array<NameEntry<EventKind>, 18> kEventKinds = {{
    {EventKind::kPeerAdded, "peer_added", "a new peer was registered (peer)"},
    {EventKind::kPeerRemoved, "peer_removed", "a peer timed out or was evicted (peer, reason)"},
    {EventKind::kMessageOriginated, "message_originated",
     "this node sent a new MESSAGE (msg_id, channel_id, value = bytes)"},
    {EventKind::kDelivered, "delivered",
     "a MESSAGE was delivered to the user (msg_id, node_id = origin, channel_id, hops, origin_time, text)"},
    {EventKind::kDuplicate, "duplicate",
     "a MESSAGE, CHANNEL, ... already seen arrived again (msg_id, verb, size)"},
    {EventKind::kDropped, "dropped", "an input or an output was dropped (verb if known, reason, peer, size)"},
    {EventKind::kRateLimited, "rate_limited",
     "a source exceeded its token bucket (peer, verb if known, size)"},
    {EventKind::kSignatureFailed, "signature_failed", "a MESSAGE failed verification (msg_id, node_id)"},
    {EventKind::kCertificateFetched, "certificate_fetched", "a certificate arrived and was cached (node_id)"},
    {EventKind::kKeyReceived, "key_received",
     "a closed channel's key was received (channel_id, node_id = sender)"},
    {EventKind::kCollision, "collision",
     "evidence of an id collision (reason node_id or msg_id, node_id/msg_id)"},
    {EventKind::kChannelJoined, "channel_joined", "this node joined a channel (channel_id)"},
    {EventKind::kChannelLeft, "channel_left", "this node left a channel (channel_id)"},
    {EventKind::kConnectSucceeded, "connect_succeeded",
     "a CONNECT rendezvous opened a direct path (peer, node_id)"},
    {EventKind::kConnectFailed, "connect_failed", "a CONNECT attempt gave up (peer, reason)"},
    {EventKind::kRetransmitted, "retransmitted", "an un-ACKed message was sent again (msg_id, verb)"},
    {EventKind::kGaveUp, "gave_up", "retransmissions exhausted (msg_id, verb)"},
    {EventKind::kChannelAnnounced, "channel_announced",
     "this node learned of a channel from its first CHANNEL listing (channel_id)"},
}};
static_assert(indexed_by_value(kEventKinds));

// Stable lower-case name of an event kind ("delivered", "dropped", ...).
[[nodiscard]] constexpr std::string_view event_kind_name(EventKind kind) {
  return name_of(kEventKinds, kind);
}

// One observable event. String views are valid only during the Output::event call.
struct Event {
  EventKind kind{};
  std::optional<Verb> verb;       // wire verb involved, if any (engine/core/verb.hpp)
  Reason reason = Reason::kNone;  // why, for drops, removals, failures and collisions (reason.hpp)
  std::string_view msg_id;
  std::string_view node_id;  // origin/sender node id when relevant
  std::string_view channel_id;
  Address peer{};           // the network peer involved, if any
  TimeNs origin_time = 0;   // for kDelivered: the origin's send time (from the MESSAGE timestamp)
  std::uint32_t hops = 0;   // for kDelivered: relay hops travelled
  std::uint64_t value = 0;  // a size or count (bytes for kMessageOriginated, ...)
  // Bytes of the datagram the event is about, set by the engine where the event is raised; 0
  // when it is about no datagram (a request never made, a user action refused before anything
  // was encoded). For kDropped, kDuplicate and kRateLimited: the input being handled (or, for
  // amplification_limit, retransmit_queue_full and our own oversized MESSAGE, the datagram not
  // sent); for events about a parked MESSAGE, the datagram it came in. Observers charge an
  // event to its datagram by this size alone (the simulator's `traffic` table): they never
  // guess it from the datagram being handled.
  std::size_t size = 0;
  std::string_view text;  // for kDelivered: the message text as delivered (UTF-8), "" otherwise
};

}  // namespace ptplab
