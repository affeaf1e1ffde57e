// Invitations (PROTOCOL.md "Presets", invite-discovery): under channel_discovery "invite" a
// channel's creation floods nothing; a member learns of the channel from an invitation handed to
// it out of band (what the first listing would say: id, name, closed, a member and its address),
// joins, grafts that member and learns the rest from its listing. GossipSub v1.1 §Peer Exchange:
// peers know their topics a priori and find mesh peers from peers, never by flooding.
#include "engine/node/node_handlers.hpp"

namespace ptplab::engine {

bool floods_discovery(const NodeParams& p) {
  return p.propagation == Propagation::kMesh && p.channel_discovery == ChannelDiscovery::kFlood;
}

std::optional<Invitation> make_invitation(const NodeState& s, TimeNs now, std::string_view channel_id) {
  const ChannelState* c = s.channels.find(channel_id);
  if (!c || !c->member) return std::nullopt;
  const auto own = own_outside_address(s, now);
  if (!own || !own->announceable()) return std::nullopt;
  return Invitation{c->id, c->name, c->closed, s.node_id, *own};
}

bool accept_invitation(NodeState& s, const Invitation& invitation, Output& out) {
  if (invitation.channel_id.empty() || invitation.inviter.empty() || invitation.inviter == s.node_id ||
      !invitation.inviter_address.announceable())
    return false;
  ChannelState* c = learn_channel(s, invitation.channel_id, invitation.name, invitation.closed, 0, out);
  if (!c) return false;
  if (!c->announced) {
    // As the first listing would (merge_channel): the channel becomes available to join.
    c->announced = true;
    c->closed = invitation.closed;
    c->announcer = invitation.inviter;
    if (c->name.empty()) c->name = invitation.name;
  }
  const std::size_t max = s.bound(s.params->members_max);
  ChannelBook::add_member(*c, invitation.inviter, max);
  if (c->has_member(invitation.inviter))
    ChannelBook::note_address(*c, invitation.inviter, invitation.inviter_address, max);
  return true;
}

}  // namespace ptplab::engine
