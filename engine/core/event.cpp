// Names of event kinds, as they appear in logs and reports.
#include "engine/core/event.hpp"

namespace ptplab {

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::kPeerAdded: return "peer_added";
    case EventKind::kPeerRemoved: return "peer_removed";
    case EventKind::kMessageOriginated: return "message_originated";
    case EventKind::kDelivered: return "delivered";
    case EventKind::kDuplicate: return "duplicate";
    case EventKind::kDropped: return "dropped";
    case EventKind::kRateLimited: return "rate_limited";
    case EventKind::kSignatureFailed: return "signature_failed";
    case EventKind::kCertificateFetched: return "certificate_fetched";
    case EventKind::kKeyReceived: return "key_received";
    case EventKind::kCollision: return "collision";
    case EventKind::kChannelJoined: return "channel_joined";
    case EventKind::kChannelLeft: return "channel_left";
    case EventKind::kConnectSucceeded: return "connect_succeeded";
    case EventKind::kConnectFailed: return "connect_failed";
    case EventKind::kRetransmitted: return "retransmitted";
    case EventKind::kGaveUp: return "gave_up";
    case EventKind::kChannelAnnounced: return "channel_announced";
  }
  return "unknown";
}

}  // namespace ptplab
