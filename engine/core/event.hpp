// What an endpoint reports about itself. Observability flows out of the engine as events that
// a host may record (the simulator turns them into metrics, `ptplab node` into JSON lines);
// the engine never counts for anyone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/core/address.hpp"
#include "engine/core/reason.hpp"
#include "engine/core/time.hpp"

namespace ptplab {

// The kinds of observable things that happen inside an endpoint.
enum class EventKind : std::uint8_t {
  kPeerAdded,          // a new peer was registered (peer)
  kPeerRemoved,        // a peer timed out or was evicted (peer, reason)
  kMessageOriginated,  // this node sent a new MESSAGE (msg_id, channel_id, bytes)
  kDelivered,  // a MESSAGE was delivered to the user (msg_id, node_id=origin, channel_id, hops, origin_time)
  kDuplicate,  // a MESSAGE/CHANNEL/... already seen arrived again (msg_id, verb)
  kDropped,    // an input was dropped (verb may be empty, reason, peer)
  kRateLimited,         // a source exceeded its token bucket (peer)
  kSignatureFailed,     // a MESSAGE failed verification (msg_id, node_id)
  kCertificateFetched,  // a certificate arrived and was cached (node_id)
  kKeyReceived,         // a closed channel's key was received (channel_id, node_id=sender)
  kCollision,           // evidence of an id collision (reason = "node_id" | "msg_id", node_id/msg_id)
  kChannelJoined,       // this node joined a channel (channel_id)
  kChannelLeft,         // this node left a channel (channel_id)
  kConnectSucceeded,    // a CONNECT rendezvous opened a direct path (peer, node_id)
  kConnectFailed,       // a CONNECT attempt gave up (peer, reason)
  kRetransmitted,       // an un-ACKed message was sent again (msg_id, verb)
  kGaveUp,              // retransmissions exhausted (msg_id, verb)
  kChannelAnnounced,    // this node learned of a channel from its first CHANNEL listing (channel_id)
};

// Stable lower-case name of an event kind ("delivered", "dropped", ...).
[[nodiscard]] std::string_view event_kind_name(EventKind kind);

// One observable event. String views are valid only during the Output::event call.
struct Event {
  EventKind kind{};
  std::string_view verb;          // wire verb involved, "" if none
  Reason reason = Reason::kNone;  // why, for drops, removals, failures and collisions (reason.hpp)
  std::string_view msg_id;
  std::string_view node_id;  // origin/sender node id when relevant
  std::string_view channel_id;
  Address peer{};           // the network peer involved, if any
  TimeNs origin_time = 0;   // for kDelivered: the origin's send time (from the MESSAGE timestamp)
  std::uint32_t hops = 0;   // for kDelivered: relay hops travelled
  std::uint64_t value = 0;  // a size or count (bytes for kMessageOriginated, ...)
  // Bytes of the datagram the event is about, 0 when none: for kDropped, kDuplicate and
  // kRateLimited the input being handled (or, for amplification_limit and our own oversized
  // MESSAGE, the datagram not sent); for events about a parked MESSAGE, the datagram it came in.
  // Lets observers charge an event to its datagram without tracking which one is current.
  std::size_t size = 0;
  std::string_view text;  // for kDelivered: the message text as delivered (UTF-8), "" otherwise
};

}  // namespace ptplab
