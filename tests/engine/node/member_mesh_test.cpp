// The "member-mesh" preset (propagation "mesh", PROTOCOL.md "Presets"): a channel's first
// listing goes to every peer, later traffic only between member peers; non-members carry none
// of it; listings carry members' addresses, which members graft (HELLO) up to mesh_degree.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

const std::string kMeshChannel = "c0ffee00-0000-4000-8000-0000000000aa";
const std::string kIdM = "6f1c2a3b-0000-4000-8000-000000000009";  // a member met only in a listing
const Address kM = addr(60);

NodeParams mesh_params() {
  NodeParams p;
  p.propagation = Propagation::kMesh;
  p.routing_enabled = false;  // only the datagrams under test
  return p;
}

// A started mesh Node with two verified peers, A and B.
struct MeshNeighbourhood {
  Node n{mesh_params(), 1};
  RecordingOutput out;
  MeshNeighbourhood() {
    n.start(0, out);
    for (const auto& [a, id] : {std::pair{kA, kIdA}, std::pair{kB, kIdB}}) {
      meet_neighbour(n, kT0, a, id, out);  // verified and proved
    }
    out.clear();
  }
  // A listing from A naming `members`, with `addresses` (parallel; may be empty).
  void listing(TimeNs t, std::string msg_id, std::vector<std::string> members,
               std::vector<std::string> addresses = {}) {
    wire::Channel c{std::move(msg_id), kIdA, "lobby", kMeshChannel, std::move(members), false};
    c.member_addresses = std::move(addresses);
    n.on_datagram(t, kA, datagram(c), out);
  }
  [[nodiscard]] std::vector<Address> sent_to(wire::Verb verb) const {
    std::vector<Address> to;
    for (const auto& d : out.sent()) {
      const auto m = wire::decode(*d.bytes);
      if (m && wire::verb_of(m.value()) == verb) to.push_back(d.to);
    }
    return to;
  }
};

TEST(MemberMesh, TheFirstListingReachesEveryPeerButANonMemberRelaysNoJoin) {
  MeshNeighbourhood h;
  h.listing(kT0 + 10, "m1", {kIdA});
  EXPECT_EQ(h.sent_to(wire::Verb::kChannel), std::vector<Address>{kB}) << "discovery: relayed to B";
  h.out.clear();
  h.listing(kT0 + 20, "m2", {kIdA, kIdB});
  EXPECT_TRUE(h.sent_to(wire::Verb::kChannel).empty()) << "news, but we are no member";
  h.n.on_datagram(kT0 + 30, kA, datagram(wire::Join{"j1", kIdM, "lobby", kMeshChannel}), h.out);
  EXPECT_TRUE(h.sent_to(wire::Verb::kJoin).empty());
  EXPECT_TRUE(h.n.knows_channel(kMeshChannel));
}

TEST(MemberMesh, AMembersMessageGoesOnlyToMemberPeers) {
  MeshNeighbourhood h;
  h.listing(kT0 + 10, "m1", {kIdA});
  ASSERT_TRUE(h.n.join_channel(kT0 + 20, kMeshChannel, h.out));
  h.out.clear();
  ASSERT_TRUE(h.n.send_message(kT0 + 30, kMeshChannel, "hi", {}, h.out));
  EXPECT_EQ(h.sent_to(wire::Verb::kMessage), std::vector<Address>{kA}) << "B is no member";
}

TEST(MemberMesh, ListedAddressesAreWrittenAndGrafted) {
  MeshNeighbourhood h;
  h.listing(kT0 + 10, "m1", {kIdA, kIdM}, {kA.to_string(), kM.to_string()});
  ASSERT_TRUE(h.n.join_channel(kT0 + 20, kMeshChannel, h.out));
  h.out.clear();
  // The next housekeeping tick grafts M: one member peer (A) is below mesh_degree_low (4).
  h.n.on_timer(kT0 + 2 * kSecond, h.out);
  const auto hellos = h.sent_to(wire::Verb::kHello);
  EXPECT_NE(std::find(hellos.begin(), hellos.end(), kM), hellos.end());
  // Our listing (sent to a newly verified peer) names M at its address.
  h.out.clear();
  h.n.on_datagram(kT0 + 3 * kSecond, kM, datagram(wire::Hello{kIdM, "t"}), h.out);
  bool listed = false;
  for (const auto& m : h.out.sent_of(wire::Verb::kChannel)) {
    const auto& c = std::get<wire::Channel>(m);
    ASSERT_EQ(c.member_addresses.size(), c.members.size());
    for (std::size_t i = 0; i < c.members.size(); ++i)
      if (c.members[i] == kIdM) listed = c.member_addresses[i] == kM.to_string();
  }
  EXPECT_TRUE(listed);
}

TEST(MemberMesh, ASpecLiteralNodeReadsAListingWithAddressesAsIfTheyWereAbsent) {
  Node n({}, 2);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, datagram(wire::Hello{kIdA, "t"}), out);
  wire::Channel c{"m1", kIdA, "lobby", kMeshChannel, {kIdA, kIdM}, false};
  c.member_addresses = {kA.to_string(), kM.to_string()};
  n.on_datagram(kT0 + 10, kA, datagram(c), out);
  EXPECT_EQ(n.members(kMeshChannel), (std::vector<std::string>{kIdA, kIdM}));
  EXPECT_EQ(out.count(EventKind::kDropped), 0u);
}

}  // namespace
}  // namespace ptplab::engine::test
