// Channel membership as one Node sees it: listings merge into the view (never shrink it), LEAVE
// removes and keeps the leaver out against stale listings, only news is relayed, a correcting
// JOIN reuses the standing JOIN's msg_id, and a channel heard of only through JOIN cannot be
// joined until a listing says whether it is closed.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

const std::string kIdC = "6f1c2a3b-0000-4000-8000-000000000003";
const std::string kChannel = "c0ffee00-0000-4000-8000-000000000000";

// A started Node with two verified peers, A and B.
struct Neighbourhood {
  Node n{{}, 1};
  RecordingOutput out;
  Neighbourhood() {
    n.start(0, out);
    for (const auto& [a, id] : {std::pair{kA, kIdA}, std::pair{kB, kIdB}}) {
      meet_neighbour(n, kT0, a, id, out);  // verified and proved
    }
    out.clear();
  }
  void listing(TimeNs t, const Address& from, std::string msg_id, std::vector<std::string> members,
               bool closed = false) {
    n.on_datagram(
        t, from,
        datagram(wire::Channel{std::move(msg_id), kIdA, "lobby", kChannel, std::move(members), closed}), out);
  }
  [[nodiscard]] bool lists(const std::string& id) const {
    const auto m = n.members(kChannel);
    return std::find(m.begin(), m.end(), id) != m.end();
  }
};

TEST(Membership, ListingsMergeIntoTheViewAndNeverShrinkIt) {
  Neighbourhood h;
  h.listing(kT0 + 10, kA, "m1", {kIdA, kIdB});
  h.listing(kT0 + 20, kA, "m2", {kIdA, kIdC});  // sent before B's JOIN reached its sender
  EXPECT_EQ(h.n.members(kChannel), (std::vector<std::string>{kIdA, kIdB, kIdC}));
}

TEST(Membership, OnlyListingsThatTeachSomethingAreRelayed) {
  Neighbourhood h;
  h.listing(kT0 + 10, kA, "m1", {kIdA, kIdB});
  ASSERT_EQ(h.out.sent_of(wire::Verb::kChannel).size(), 1u) << "a new channel is news: relayed to B";
  EXPECT_EQ(h.out.sent().back().to, kB);
  h.out.clear();
  h.listing(kT0 + 20, kA, "m2", {kIdB});
  EXPECT_TRUE(h.out.sent_of(wire::Verb::kChannel).empty()) << "nothing new: not relayed";
  h.listing(kT0 + 30, kA, "m3", {kIdB, kIdC});
  EXPECT_EQ(h.out.sent_of(wire::Verb::kChannel).size(), 1u) << "C is news";
  h.out.clear();
  h.listing(kT0 + 40, kA, "m4", {kIdB, kIdC}, true);
  EXPECT_EQ(h.out.sent_of(wire::Verb::kChannel).size(), 1u) << "a change of `closed` is news";
}

TEST(Membership, ALeaverStaysOutAgainstStaleListingsUntilItJoinsAgain) {
  Neighbourhood h;
  h.listing(kT0 + 10, kA, "m1", {kIdA, kIdB, kIdC});
  h.n.on_datagram(kT0 + 20, kA, datagram(wire::Leave{"l1", kIdC, "lobby", kChannel}), h.out);
  EXPECT_FALSE(h.lists(kIdC));
  h.listing(kT0 + 30, kA, "m2", {kIdA, kIdB, kIdC});  // sent before C's LEAVE reached its sender
  EXPECT_FALSE(h.lists(kIdC));
  h.n.on_datagram(kT0 + 40, kA, datagram(wire::Join{"j1", kIdC, "lobby", kChannel}), h.out);
  EXPECT_TRUE(h.lists(kIdC));
}

TEST(Membership, TheLeaversMemoryFadesWithTime) {
  Neighbourhood h;
  h.listing(kT0 + 10, kA, "m1", {kIdA, kIdC});
  h.n.on_datagram(kT0 + 20, kA, datagram(wire::Leave{"l1", kIdC, "lobby", kChannel}), h.out);
  const TimeNs later = kT0 + 2 * h.n.params().channel_refresh_interval_ns + kSecond;
  for (TimeNs t = kT0; t <= later; t += kSecond) {
    // Keep the peers alive while housekeeping runs.
    h.n.on_datagram(t, kA, datagram(wire::Hello{kIdA, "t"}), h.out);
    h.n.on_timer(t, h.out);
  }
  h.listing(later + 1, kA, "m2", {kIdA, kIdC});
  EXPECT_TRUE(h.lists(kIdC)) << "a listing long after the LEAVE is believed again";
}

TEST(Membership, CorrectingJoinsReuseTheStandingJoinsMsgId) {
  Neighbourhood h;
  h.listing(kT0 + 10, kA, "m1", {kIdA});
  ASSERT_TRUE(h.n.join_channel(kT0 + 20, kChannel, h.out));
  const auto first = h.out.sent_of(wire::Verb::kJoin);
  ASSERT_FALSE(first.empty());
  const std::string id = std::get<wire::Join>(first[0]).msg_id;
  h.out.clear();
  h.listing(kT0 + 30, kA, "m2", {kIdA});  // leaves us out: the spec's JOIN trigger
  const auto again = h.out.sent_of(wire::Verb::kJoin);
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(std::get<wire::Join>(again[0]).msg_id, id) << "peers that have it drop the copy";
  h.out.clear();
  const TimeNs late = kT0 + h.n.params().dedup_window_ns;
  h.listing(late, kA, "m3", {kIdA});
  const auto fresh = h.out.sent_of(wire::Verb::kJoin);
  ASSERT_FALSE(fresh.empty());
  EXPECT_NE(std::get<wire::Join>(fresh[0]).msg_id, id) << "once peers may have forgotten it, a new one";
}

TEST(Membership, AChannelHeardOfOnlyThroughJoinIsNotAvailableUntilListed) {
  Neighbourhood h;
  h.n.on_datagram(kT0 + 10, kA, datagram(wire::Join{"j1", kIdA, "vault", kChannel}), h.out);
  EXPECT_FALSE(h.n.knows_channel(kChannel));
  EXPECT_FALSE(h.n.join_channel(kT0 + 20, kChannel, h.out)) << "open or closed is not known yet";
  h.n.on_datagram(kT0 + 30, kA, datagram(wire::Channel{"m1", kIdA, "vault", kChannel, {kIdA}, true}), h.out);
  ASSERT_TRUE(h.n.knows_channel(kChannel));
  h.out.clear();
  ASSERT_TRUE(h.n.join_channel(kT0 + 40, kChannel, h.out));
  EXPECT_FALSE(h.n.has_channel_key(kChannel)) << "closed: no key yet";
  EXPECT_FALSE(h.out.sent_of(wire::Verb::kGetKey).empty()) << "joining a closed channel asks for its key";
}

TEST(Membership, KeyRequestsGoFirstToTheAnnouncerPrecededByOurJoin) {
  Neighbourhood h;
  // B announces first (it created the channel); A's later listing names A too.
  h.n.on_datagram(kT0 + 10, kB, datagram(wire::Channel{"m1", kIdB, "vault", kChannel, {kIdB}, true}), h.out);
  h.listing(kT0 + 20, kA, "m2", {kIdA, kIdB}, true);
  h.out.clear();
  ASSERT_TRUE(h.n.join_channel(kT0 + 30, kChannel, h.out));
  const auto getkey = std::find_if(h.out.sent().begin(), h.out.sent().end(), [](const auto& s) {
    const auto m = wire::decode(*s.bytes);
    return m && wire::verb_of(m.value()) == wire::Verb::kGetKey;
  });
  ASSERT_NE(getkey, h.out.sent().end());
  EXPECT_EQ(getkey->to, kB);
  const auto join_to_b = std::find_if(h.out.sent().begin(), getkey, [](const auto& s) {
    const auto m = wire::decode(*s.bytes);
    return s.to == kB && m && wire::verb_of(m.value()) == wire::Verb::kJoin;
  });
  EXPECT_NE(join_to_b, getkey) << "B must know us as a member before it reads the GETKEY";
}

}  // namespace
}  // namespace ptplab::engine::test
