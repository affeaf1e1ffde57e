// PeerTable on its own: liveness by last-heard time, lookups by address, id and timer serial,
// stale-peer choice for eviction, and re-latching a peer that moved.
#include "engine/node/peer_table.hpp"

#include <gtest/gtest.h>

#include "tests/engine/node/addresses.hpp"

namespace ptplab::engine::test {
namespace {

TEST(PeerTable, LiveOnlyWhenHeardWithinTimeout) {
  PeerTable t;
  Peer& p = t.add(1, kPeer1, false);
  EXPECT_FALSE(PeerTable::live(p, 2, 10));  // added, not yet heard
  p.heard = true;
  EXPECT_TRUE(PeerTable::live(p, 10, 10));
  EXPECT_FALSE(PeerTable::live(p, 11, 10));  // silent for the whole timeout
}

TEST(PeerTable, FindsByAddressIdAndSerial) {
  PeerTable t;
  t.name(t.add(1, kPeer1, false), "alice");
  const std::uint32_t b_serial = t.add(2, kPeer2, true).serial;
  EXPECT_EQ(t.find(kPeer1)->node_id, "alice");
  EXPECT_EQ(t.find(kPeer3), nullptr);
  EXPECT_EQ(t.find_by_id("alice")->address, kPeer1);
  EXPECT_EQ(t.find_by_id(""), nullptr);  // an unnamed peer is never found by the empty id
  EXPECT_EQ(t.find_by_serial(b_serial)->address, kPeer2);
  EXPECT_TRUE(t.find_by_serial(b_serial)->initiated);
  t.remove(t.index_of(*t.find(kPeer2)));
  EXPECT_EQ(t.find_by_serial(b_serial), nullptr);  // serials outlive index shifts
  EXPECT_EQ(t.size(), 1u);
}

TEST(PeerTable, FirstStaleIsTheFirstNotLive) {
  PeerTable t;
  for (const auto& a : {kPeer1, kPeer2, kPeer3}) t.add(1, a, false).heard = true;
  t.find(kPeer1)->last_heard = 100;
  EXPECT_EQ(t.first_stale(100, 50), std::optional<std::size_t>(1));  // kPeer2, heard at 1
  t.find(kPeer2)->last_heard = 100;
  t.find(kPeer3)->last_heard = 100;
  EXPECT_EQ(t.first_stale(100, 50), std::nullopt);
}

TEST(PeerTable, AddressesOfHeardAndLivePeers) {
  PeerTable t;
  t.name(t.add(1, kPeer1, false), "alice");  // named but never heard
  t.add(2, kPeer2, false);
  Peer& b = *t.find(kPeer2);  // add()'s reference dies with the next add
  t.name(b, "bob");
  b.heard = true;
  Peer& c = t.add(3, kPeer3, false);
  c.heard = true;
  EXPECT_EQ(t.heard_address("alice"), std::nullopt);
  EXPECT_EQ(t.heard_address("bob"), kPeer2);
  EXPECT_EQ(t.live_address("bob", 5, 10), kPeer2);
  EXPECT_EQ(t.live_address("bob", 12, 10), std::nullopt);
  EXPECT_EQ(t.live_addresses(5, 10, std::nullopt), (std::vector<Address>{kPeer2, kPeer3}));
  EXPECT_EQ(t.live_addresses(5, 10, kPeer2), (std::vector<Address>{kPeer3}));
}

TEST(PeerTable, NamesThroughTheSharedInternerAndReleasesOnRemoval) {
  NodeIdInterner ids;
  {
    PeerTable t(&ids);
    Peer& a = t.add(1, kPeer1, false);
    a.heard = true;
    t.name(a, "alice");
    EXPECT_EQ(ids.references(ids.find("alice")), 1u);
    EXPECT_EQ(t.id_of("alice"), ids.find("alice"));
    EXPECT_EQ(t.live_address(ids.find("alice"), 5, 10), kPeer1);
    EXPECT_EQ(t.live_address(NodeIdRef{0}, 5, 10), std::nullopt);  // unknown ids match no one
    t.name(*t.find(kPeer1), "alice2");                             // renamed: the old one freed
    EXPECT_EQ(ids.find("alice"), 0u);
    t.add(2, kPeer2, false);
    t.name(*t.find(kPeer2), "bob");
    t.remove(t.index_of(*t.find(kPeer2)));
    EXPECT_EQ(ids.find("bob"), 0u);
    EXPECT_EQ(t.find(kPeer1)->node_id, "alice2");
  }
  EXPECT_EQ(ids.size(), 0u);  // the table's destruction released the rest
}

TEST(PeerTable, TheEmptyIdMatchesUnnamedPeersAsBefore) {
  PeerTable t;
  t.add(1, kPeer1, false).heard = true;
  EXPECT_EQ(t.heard_address(""), kPeer1);
  EXPECT_EQ(t.live_address("", 5, 10), kPeer1);
  EXPECT_EQ(t.live_address("nobody", 5, 10), std::nullopt);
}

TEST(PeerTable, MoveRelatchesAndKeepsVerificationOnlyIfInitiated) {
  PeerTable t;
  Peer& ours = t.add(1, kPeer1, true);
  ours.verified = true;
  PeerTable::move(ours, kPeer3, 7);
  EXPECT_EQ(ours.address, kPeer3);
  EXPECT_EQ(ours.last_heard, 7);
  EXPECT_TRUE(ours.heard);
  EXPECT_TRUE(ours.verified);
  Peer& theirs = t.add(1, kPeer2, false);
  theirs.verified = true;
  PeerTable::move(theirs, kPeer1, 8);
  EXPECT_FALSE(theirs.verified);  // must prove the new address again
}

}  // namespace
}  // namespace ptplab::engine::test
