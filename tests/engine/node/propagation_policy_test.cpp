// The propagation policies on their own, against a scripted view: flood to all live peers but
// the sender, gossip to a fanout, direct only from the origin (noting contacts), routed by
// next hop; CHANNEL/JOIN/LEAVE flood under direct and routed.
#include "engine/node/propagation_policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/engine/node/addresses.hpp"

namespace ptplab::engine::test {
namespace {

// Three live peers; "bob" at kFar1 (reached through kPeer2), "carol" at kPeer3.
class ScriptedView final : public PropagationView {
 public:
  std::vector<Address> live_peers(std::optional<Address> except) const override {
    std::vector<Address> out;
    for (const auto& a : {kPeer1, kPeer2, kPeer3})
      if (!except || a != *except) out.push_back(a);
    return out;
  }
  std::optional<Address> address_of(std::string_view id) const override {
    if (id == "bob") return kFar1;
    if (id == "carol") return kPeer3;
    return std::nullopt;
  }
  std::optional<Address> next_hop(std::string_view id) const override {
    if (id == "bob") return kPeer2;
    if (id == "carol") return kPeer3;
    return std::nullopt;
  }
  void note_contact(const Address& a) override { contacts.push_back(a); }
  // Of the live peers only "carol" (kPeer3) and "dave" (kPeer1) have named themselves; we are "me".
  std::vector<Address> member_peers(const std::vector<std::string>& ids, std::optional<Address> except,
                                    std::size_t max) const override {
    std::vector<Address> out;
    for (const auto& [id, a] :
         {std::pair{std::string("dave"), kPeer1}, std::pair{std::string("carol"), kPeer3}})
      if (out.size() < max && std::find(ids.begin(), ids.end(), id) != ids.end() && (!except || a != *except))
        out.push_back(a);
    return out;
  }
  bool names_us(const std::vector<std::string>& ids) const override {
    return std::find(ids.begin(), ids.end(), "me") != ids.end();
  }
  std::vector<Address> contacts;
};

const std::vector<std::string> kRecipients = {"carol", "bob", "nobody", "bob"};

std::vector<Address> targets(Propagation kind, wire::Verb verb, std::optional<Address> from,
                             ScriptedView& view, std::uint32_t fanout = 3) {
  Rng rng(42);
  return propagation_policy(kind).targets({verb, kRecipients, from, fanout}, view, rng);
}

TEST(PropagationPolicy, FloodSendsToEveryLivePeerButTheSender) {
  ScriptedView v;
  EXPECT_EQ(targets(Propagation::kFlood, wire::Verb::kMessage, kPeer1, v),
            (std::vector<Address>{kPeer2, kPeer3}));
  EXPECT_EQ(targets(Propagation::kFlood, wire::Verb::kMessage, std::nullopt, v).size(), 3u);
}

TEST(PropagationPolicy, GossipPicksFanoutDistinctPeers) {
  ScriptedView v;
  const auto t = targets(Propagation::kGossip, wire::Verb::kChannel, kPeer3, v, 1);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_NE(t[0], kPeer3);
  auto all = targets(Propagation::kGossip, wire::Verb::kMessage, std::nullopt, v, 10);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<Address>{kPeer1, kPeer2, kPeer3}));
}

TEST(PropagationPolicy, GossipPicksEveryPeerForSomeSeed) {
  ScriptedView v;
  std::vector<Address> picked;
  for (std::uint64_t seed = 1; seed <= 32; ++seed) {
    Rng rng(seed);
    const auto t = propagation_policy(Propagation::kGossip)
                       .targets({wire::Verb::kMessage, kRecipients, std::nullopt, 1}, v, rng);
    ASSERT_EQ(t.size(), 1u);
    picked.push_back(t[0]);
  }
  for (const auto& a : {kPeer1, kPeer2, kPeer3})
    EXPECT_NE(std::find(picked.begin(), picked.end(), a), picked.end()) << a.to_string();
}

TEST(PropagationPolicy, DirectSendsOnlyFromTheOriginToEachRecipient) {
  ScriptedView v;
  EXPECT_EQ(targets(Propagation::kDirect, wire::Verb::kMessage, std::nullopt, v),
            (std::vector<Address>{kPeer3, kFar1}));
  EXPECT_EQ(v.contacts, (std::vector<Address>{kPeer3, kFar1, kFar1}));                  // in recipient order
  EXPECT_TRUE(targets(Propagation::kDirect, wire::Verb::kMessage, kPeer1, v).empty());  // nobody relays
  EXPECT_EQ(targets(Propagation::kDirect, wire::Verb::kJoin, kPeer1, v),
            (std::vector<Address>{kPeer2, kPeer3}));
}

TEST(PropagationPolicy, RoutedSendsTowardsNextHopsNeverBack) {
  ScriptedView v;
  EXPECT_EQ(targets(Propagation::kRouted, wire::Verb::kMessage, std::nullopt, v),
            (std::vector<Address>{kPeer2, kPeer3}));
  EXPECT_EQ(targets(Propagation::kRouted, wire::Verb::kMessage, kPeer2, v), (std::vector<Address>{kPeer3}));
  EXPECT_EQ(targets(Propagation::kRouted, wire::Verb::kLeave, kPeer2, v),
            (std::vector<Address>{kPeer1, kPeer3}));
  EXPECT_TRUE(v.contacts.empty());
}

TEST(PropagationPolicy, MeshSendsOnlyToMemberPeersAndNothingFromANonMember) {
  ScriptedView v;
  Rng rng(42);
  const std::vector<std::string> members = {"carol", "dave", "me"};
  const std::vector<std::string> others = {"carol", "dave"};
  const auto& mesh = propagation_policy(Propagation::kMesh);
  EXPECT_EQ(mesh.targets({wire::Verb::kJoin, members, kPeer1, 3}, v, rng), std::vector<Address>{kPeer3});
  EXPECT_TRUE(mesh.targets({wire::Verb::kJoin, others, kPeer1, 3}, v, rng).empty()) << "no member: no relay";
  EXPECT_EQ(mesh.targets({wire::Verb::kMessage, others, std::nullopt, 3}, v, rng),
            (std::vector<Address>{kPeer1, kPeer3}))
      << "the origin sends to its member peers";
  EXPECT_EQ(mesh.targets({wire::Verb::kMessage, others, std::nullopt, 3, false, 1}, v, rng),
            std::vector<Address>{kPeer1})
      << "at most mesh_degree_high";
  EXPECT_EQ(mesh.targets({wire::Verb::kChannel, others, kPeer1, 3, true}, v, rng),
            (std::vector<Address>{kPeer2, kPeer3}))
      << "discovery reaches every peer";
}

}  // namespace
}  // namespace ptplab::engine::test
