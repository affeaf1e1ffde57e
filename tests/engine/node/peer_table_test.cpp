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
  t.add(1, kPeer1, false).node_id = "alice";
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
  t.add(1, kPeer1, false).node_id = "alice";  // named but never heard
  Peer& b = t.add(2, kPeer2, false);
  b.node_id = "bob";
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
