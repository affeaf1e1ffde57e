// The "invite-discovery" preset (propagation "mesh" with channel_discovery "invite", PROTOCOL.md
// "Presets"): a channel's creation floods nothing; a member learns of the channel from an
// invitation (Node::invitation, Node::accept_invitation), grafts the inviter and learns the other
// members from its listing; non-members relay no listing.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

const std::string kInviteChannel = "c0ffee00-0000-4000-8000-0000000000bb";

NodeParams invite_params(ChannelDiscovery discovery = ChannelDiscovery::kInvite) {
  NodeParams p;
  p.propagation = Propagation::kMesh;
  p.channel_discovery = discovery;
  return p;
}

// CHANNEL datagrams in `out` (decoded), to whom.
std::vector<Address> channel_sends(const RecordingOutput& out) {
  std::vector<Address> to;
  for (const auto& d : out.sent()) {
    const auto m = wire::decode(*d.bytes);
    if (m && wire::verb_of(m.value()) == wire::Verb::kChannel) to.push_back(d.to);
  }
  return to;
}

// CHANNEL datagrams the Loopback node at `from` sent.
std::size_t channels_sent_by(const Loopback& net, const Address& from) {
  std::size_t n = 0;
  for (const auto& r : net.wiretap) {
    const auto m = wire::decode(*r.bytes);
    n += r.from == from && m && wire::verb_of(m.value()) == wire::Verb::kChannel ? 1 : 0;
  }
  return n;
}

TEST(InviteDiscovery, ACreatorSendsNoChannelToNonMemberPeers) {
  for (const auto discovery : {ChannelDiscovery::kFlood, ChannelDiscovery::kInvite}) {
    Node n{invite_params(discovery), 1};
    RecordingOutput out;
    n.start(0, out);
    meet_neighbour(n, kT0, kA, kIdA, out);
    meet_neighbour(n, kT0, kB, kIdB, out);
    out.clear();
    const std::string id = n.create_channel(kT0 + 5, "lobby", false, out);
    // A's ROUTING then tells us our outside address (under "flood" the creator floods again).
    n.on_datagram(kT0 + 10, kA,
                  datagram(wire::Routing{kIdA, {wire::RoutingEntry{n.node_id(), "10.0.0.1:4000"}}}), out);
    for (TimeNs t = 2 * kSecond; t <= 10 * kSecond; t += kSecond) n.on_timer(t, out);
    if (discovery == ChannelDiscovery::kFlood) {
      EXPECT_FALSE(channel_sends(out).empty()) << "flood: the creation reaches every peer";
      continue;
    }
    EXPECT_TRUE(channel_sends(out).empty()) << "invite: neither A nor B is a member";
    const auto invitation = n.invitation(kT0 + 20, id);
    ASSERT_TRUE(invitation.has_value());
    EXPECT_EQ(invitation->channel_id, id);
    EXPECT_EQ(invitation->name, "lobby");
    EXPECT_EQ(invitation->inviter, n.node_id());
    EXPECT_EQ(invitation->inviter_address, addr(1));
  }
}

TEST(InviteDiscovery, ANonMemberRelaysNoListing) {
  Node n{invite_params(), 1};
  RecordingOutput out;
  n.start(0, out);
  meet_neighbour(n, kT0, kA, kIdA, out);
  meet_neighbour(n, kT0, kB, kIdB, out);
  out.clear();
  wire::Channel c{"m1", kIdA, "lobby", kInviteChannel, {kIdA}, false};
  c.member_addresses = {kA.to_string()};
  n.on_datagram(kT0 + 10, kA, datagram(c), out);
  EXPECT_TRUE(n.knows_channel(kInviteChannel)) << "it heard of the channel";
  EXPECT_TRUE(channel_sends(out).empty()) << "but passes the first listing to nobody (under flood: to B)";
}

TEST(InviteDiscovery, NoInvitationBeforeTheInviterKnowsItsAddressNorFromANonMember) {
  Node n{invite_params(), 1};
  RecordingOutput out;
  n.start(0, out);
  meet_neighbour(n, kT0, kA, kIdA, out);
  const std::string id = n.create_channel(kT0 + 10, "lobby", false, out);
  EXPECT_FALSE(n.invitation(kT0 + 20, id).has_value()) << "no peer told us our address yet";
  EXPECT_FALSE(n.invitation(kT0 + 20, kInviteChannel).has_value()) << "no member of it";
}

TEST(InviteDiscovery, AMalformedInvitationChangesNothing) {
  Node n{invite_params(), 1};
  RecordingOutput out;
  n.start(0, out);
  const Invitation good{kInviteChannel, "lobby", false, kIdA, kA};
  auto no_id = good;
  no_id.channel_id.clear();
  auto no_inviter = good;
  no_inviter.inviter.clear();
  auto self = good;
  self.inviter = n.node_id();
  auto stand_in = good;
  stand_in.inviter_address = Address{Address::kReservedBase + 1, 4000};
  for (const auto& bad : {no_id, no_inviter, self, stand_in})
    EXPECT_FALSE(n.accept_invitation(kT0, bad, out));
  EXPECT_FALSE(n.knows_channel(kInviteChannel));
  EXPECT_FALSE(n.join_channel(kT0, kInviteChannel, out)) << "an unknown channel cannot be joined";
  ASSERT_TRUE(n.accept_invitation(kT0, good, out));
  EXPECT_TRUE(n.knows_channel(kInviteChannel));
  EXPECT_EQ(n.members(kInviteChannel), std::vector<std::string>{kIdA});
  EXPECT_TRUE(out.sent().empty()) << "taking an invitation sends nothing by itself";
  EXPECT_EQ(out.count(EventKind::kChannelAnnounced), 0u) << "no listing arrived";
}

// C creates, M and J are invited in turn; R (no member) is everyone's only common peer.
TEST(InviteDiscovery, AnInvitedMemberGraftsTheCreatorAndLearnsTheOtherMembersFromItsListing) {
  Loopback net;
  NodeParams params = invite_params();
  params.routing_greetings_max = 0;  // peers only by bootstrap and graft, as the scale scenarios
  for (std::uint64_t seed = 1; seed <= 4; ++seed) net.add(params, seed);
  constexpr std::size_t kC = 0, kR = 1, kM = 2, kJ = 3;
  for (const std::size_t i : {kC, kM, kJ})
    net.act(i, [&](Node& n, Output& out) { n.add_peer(0, net.address(kR), out); });
  net.run_until(5 * kSecond);  // HELLOs, probes and ROUTING: each knows its address
  const std::string id =
      net.act(kC, [&](Node& n, Output& out) { return n.create_channel(net.now(), "lobby", false, out); });
  net.run_until(10 * kSecond);
  const auto invitation = net.node(kC).invitation(net.now(), id);
  ASSERT_TRUE(invitation.has_value());
  EXPECT_EQ(invitation->inviter_address, net.address(kC));
  for (const std::size_t i : {kM, kJ}) {
    EXPECT_FALSE(net.node(i).knows_channel(id)) << "nothing flooded the creation";
    ASSERT_TRUE(net.act(i, [&](Node& n, Output& out) {
      return n.accept_invitation(net.now(), *invitation, out) && n.join_channel(net.now(), id, out);
    }));
    net.run_until(net.now() + 10 * kSecond);
    EXPECT_TRUE(net.node(i).has_peer(net.address(kC))) << "grafted the creator";
    EXPECT_TRUE(net.node(kC).is_member(id));
  }
  const std::vector<std::string> all = [&] {
    std::vector<std::string> v{net.node(kC).node_id(), net.node(kM).node_id(), net.node(kJ).node_id()};
    std::sort(v.begin(), v.end());
    return v;
  }();
  EXPECT_EQ(net.node(kC).members(id), all);
  EXPECT_EQ(net.node(kJ).members(id), all) << "the creator's listing named M";
  EXPECT_EQ(net.node(kM).members(id), all) << "J's JOIN or a listing reached M";
  EXPECT_TRUE(net.node(kJ).has_peer(net.address(kM))) << "J grafted M from the listing's address";
  EXPECT_EQ(channels_sent_by(net, net.address(kR)), 0u) << "R relays no listing";
  // The members talk without R.
  ASSERT_TRUE(
      net.act(kJ, [&](Node& n, Output& out) { return n.send_message(net.now(), id, "hi", {}, out); }));
  net.run_until(net.now() + 5 * kSecond);
  for (const std::size_t i : {kC, kM}) EXPECT_EQ(count_events(net.events(i), EventKind::kDelivered), 1u);
}

}  // namespace
}  // namespace ptplab::engine::test
