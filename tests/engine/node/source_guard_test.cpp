// SourceGuard on its own: per-source token buckets, the 3x anti-amplification budget, contacts
// escaping it, bounds and expiry.
#include "engine/node/source_guard.hpp"

#include <gtest/gtest.h>

#include "tests/engine/node/addresses.hpp"

namespace ptplab::engine::test {
namespace {

TEST(SourceGuard, TokenBucketRefusesBeyondBurst) {
  NodeParams p;
  p.rate_burst_datagrams = 2;
  p.rate_datagrams_per_s = 1;
  SourceGuard g;
  EXPECT_NE(g.admit(1, kPeer1, 10, p, 0), nullptr);
  EXPECT_NE(g.admit(2, kPeer1, 10, p, 0), nullptr);
  EXPECT_EQ(g.admit(3, kPeer1, 10, p, 0), nullptr);
  EXPECT_NE(g.admit(3, kPeer2, 10, p, 0), nullptr);            // another source has its own bucket
  EXPECT_NE(g.admit(3 + kSecond, kPeer1, 10, p, 0), nullptr);  // refilled one token
  p.rate_limit_enabled = false;
  EXPECT_NE(g.admit(3 + kSecond, kPeer1, 10, p, 0), nullptr);
}

TEST(SourceGuard, AnswersAtMostThreeTimesWhatAnUnverifiedSourceSent) {
  NodeParams p;
  SourceGuard g;
  EXPECT_FALSE(g.may_answer(kPeer1, 1, false, p));  // never heard from: nothing earned
  g.admit(1, kPeer1, 100, p, 0)->bytes_in += 100;
  EXPECT_TRUE(g.may_answer(kPeer1, 250, false, p));
  EXPECT_TRUE(g.may_answer(kPeer1, 50, false, p));   // 300 = 3 x 100
  EXPECT_FALSE(g.may_answer(kPeer1, 1, false, p));   // budget spent
  EXPECT_TRUE(g.may_answer(kPeer1, 1000, true, p));  // a verified peer has no budget
  p.anti_amplification_enabled = false;
  EXPECT_TRUE(g.may_answer(kPeer2, 1000, false, p));
}

TEST(SourceGuard, ContactsEscapeTheBudgetUntilTheyExpire) {
  NodeParams p;
  SourceGuard g;
  g.note_contact(1, kPeer1, 0);
  EXPECT_TRUE(g.may_answer(kPeer1, 5000, false, p));
  g.expire(11, 10, p, 0);
  EXPECT_EQ(g.contact_count(), 0u);
  EXPECT_FALSE(g.may_answer(kPeer1, 1, false, p));
}

TEST(SourceGuard, BoundsForgetTheOldest) {
  NodeParams p;
  SourceGuard g;
  EXPECT_NE(g.admit(1, kPeer1, 1, p, 2), nullptr);
  EXPECT_NE(g.admit(2, kPeer2, 1, p, 2), nullptr);
  EXPECT_NE(g.admit(3, kPeer1, 1, p, 2), nullptr);  // kPeer1 seen again: kPeer2 is now least recent
  EXPECT_NE(g.admit(4, kPeer3, 1, p, 2), nullptr);
  EXPECT_EQ(g.source_count(), 2u);
  g.expire(5, 2, p, 0);  // kPeer1 seen at 3, kPeer3 at 4: kPeer1 expires
  EXPECT_EQ(g.source_count(), 1u);
  g.note_contact(1, kPeer1, 2);
  g.note_contact(2, kPeer2, 2);
  g.note_contact(3, kPeer3, 2);  // kPeer1, contacted first, goes
  EXPECT_EQ(g.contact_count(), 2u);
  EXPECT_FALSE(g.may_answer(kPeer1, 1, false, p));
  EXPECT_TRUE(g.may_answer(kPeer2, 1, false, p));
}

TEST(SourceGuard, SourceBoundForgetsTheLeastRecentlySeen) {
  NodeParams p;
  SourceGuard g;
  g.admit(1, kPeer1, 1, p, 2)->bytes_in = 100;
  g.admit(2, kPeer2, 1, p, 2)->bytes_in = 100;
  ASSERT_NE(g.admit(3, kPeer1, 1, p, 2), nullptr);  // kPeer1 seen again: kPeer2 is least recent
  ASSERT_NE(g.admit(4, kPeer3, 1, p, 2), nullptr);
  EXPECT_TRUE(g.may_answer(kPeer1, 1, false, p));   // kept, with the budget it earned
  EXPECT_FALSE(g.may_answer(kPeer2, 1, false, p));  // forgotten: nothing earned any more
}

TEST(SourceGuard, ContactingAgainRenewsAContact) {
  NodeParams p;
  SourceGuard g;
  g.note_contact(1, kPeer1, 0);
  g.note_contact(8, kPeer1, 0);
  g.expire(11, 10, p, 0);  // renewed at 8: 3 ns old
  EXPECT_EQ(g.contact_count(), 1u);
  EXPECT_TRUE(g.may_answer(kPeer1, 5000, false, p));
  g.expire(18, 10, p, 0);
  EXPECT_EQ(g.contact_count(), 0u);
}

}  // namespace
}  // namespace ptplab::engine::test
