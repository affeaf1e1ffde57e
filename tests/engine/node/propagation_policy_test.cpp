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

}  // namespace
}  // namespace ptplab::engine::test
