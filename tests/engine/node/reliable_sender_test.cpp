// ReliableSender on its own: ACK matching by (address, msg_id), backoff doubling to the
// retransmit limit, cancellation, and the table bound.
#include "engine/node/reliable_sender.hpp"

#include <gtest/gtest.h>

#include "engine/node/node_params.hpp"
#include "tests/engine/node/addresses.hpp"

namespace ptplab::engine::test {
namespace {

SharedBytes bytes(std::string_view s) { return make_bytes(std::string(s)); }

TEST(ReliableSender, AckFromTheDestinationForgets) {
  ReliableSender r;
  ASSERT_TRUE(r.add(kPeer1, bytes("x"), "m1", wire::Verb::kMessage, 500, false, 0));
  EXPECT_EQ(r.acknowledge(kPeer2, "m1"), std::nullopt);  // another address cannot ACK it
  EXPECT_EQ(r.acknowledge(kPeer1, "m2"), std::nullopt);
  EXPECT_EQ(r.acknowledge(kPeer1, "m1"), std::optional<bool>(false));  // the proves-contact flag
  EXPECT_EQ(r.size(), 0u);
}

// An idle node keeps no storage from its start-up burst (reports/BENCHMARKS.md, "[P] idle
// memory, session 13"): whether the last entry goes by ACK, cancellation or giving up.
TEST(ReliableSender, FreesItsStorageOnceEmpty) {
  ReliableSender r;
  for (const char* id : {"m1", "m2", "m3"})
    ASSERT_TRUE(r.add(kPeer1, bytes("x"), id, wire::Verb::kCertificate, 500, true, 0));
  ASSERT_TRUE(r.acknowledge(kPeer1, "m1"));
  EXPECT_GE(r.capacity(), 2u);  // entries still pending keep it
  r.cancel(kPeer1, "m2", wire::Verb::kCertificate);
  ASSERT_TRUE(r.acknowledge(kPeer1, "m3"));
  EXPECT_EQ(r.capacity(), 0u);
  ASSERT_TRUE(r.add(kPeer1, bytes("x"), "m4", wire::Verb::kGetCertificate, 500, true, 0));
  r.cancel(kPeer1, "m4", wire::Verb::kGetCertificate);
  EXPECT_EQ(r.capacity(), 0u);
  const auto serial = r.add(kPeer1, bytes("x"), "m5", wire::Verb::kGetCertificate, 500, true, 0);
  ASSERT_TRUE(serial);
  EXPECT_EQ(r.step(*serial, 0, 2.0).kind, RetransmitStep::Kind::kGiveUp);
  EXPECT_EQ(r.capacity(), 0u);
}

// A CERTIFICATE of ours is held as its recipient, interned, not as its ~700 bytes
// (reports/BENCHMARKS.md, "[P] idle memory, session 15"); the recipient is released with the
// entry, whether it goes by ACK, cancellation, giving up or the sender's destruction.
TEST(ReliableSender, HoldsACertificateAsItsRecipientNotItsBytes) {
  NodeIdInterner ids;
  {
    ReliableSender r(&ids);
    const auto serial = r.add_certificate(kPeer1, "m1", "bob", 500, true, 0);
    ASSERT_TRUE(serial);
    ASSERT_EQ(r.all().size(), 1u);
    EXPECT_EQ(r.all()[0].bytes, nullptr);
    EXPECT_EQ(r.all()[0].verb, wire::Verb::kCertificate);
    EXPECT_EQ(r.recipient_of(r.all()[0]), "bob");
    EXPECT_EQ(ids.references(ids.find("bob")), 1u);
    const auto s = r.step(*serial, 2, 2.0);
    ASSERT_EQ(s.kind, RetransmitStep::Kind::kResend);
    EXPECT_EQ(r.recipient_of(s.entry), "bob");
    ASSERT_TRUE(r.acknowledge(kPeer1, "m1"));
    EXPECT_EQ(ids.size(), 0u);

    ASSERT_TRUE(r.add_certificate(kPeer1, "m2", "bob", 500, true, 0));
    ASSERT_TRUE(r.add_certificate(kPeer2, "m2", "carol", 500, true, 0));
    EXPECT_TRUE(r.holds(kPeer1, wire::Verb::kCertificate, "m2"));
    r.cancel(kPeer1, "m2", wire::Verb::kCertificate);
    EXPECT_EQ(ids.find("bob"), 0u);
    EXPECT_EQ(ids.references(ids.find("carol")), 1u);
    const auto given_up = r.add_certificate(kPeer1, "m3", "dave", 500, true, 0);
    ASSERT_TRUE(given_up);
    EXPECT_EQ(r.step(*given_up, 0, 2.0).kind, RetransmitStep::Kind::kGiveUp);
    EXPECT_EQ(ids.find("dave"), 0u);
    EXPECT_FALSE(r.add_certificate(kPeer1, "m4", "erin", 500, true, 1));  // bound: nothing held
    EXPECT_EQ(ids.find("erin"), 0u);
  }
  EXPECT_EQ(ids.size(), 0u);  // carol, released by the destructor
}

// A MESSAGE relayed to each neighbour in turn is held once per neighbour: the entries share one
// msg_id (one heap copy, not one each; reports/BENCHMARKS.md, "[P] idle memory, session 15").
TEST(ReliableSender, EntriesAddedInTurnForOneMsgIdShareIt) {
  ReliableSender r;
  const auto b = bytes("relayed");
  ASSERT_TRUE(r.add(kPeer1, b, "6f1c2a3b-0000-4000-8000-000000000001", wire::Verb::kMessage, 500, true, 0));
  ASSERT_TRUE(r.add(kPeer2, b, "6f1c2a3b-0000-4000-8000-000000000001", wire::Verb::kMessage, 500, true, 0));
  ASSERT_TRUE(r.add(kPeer1, b, "6f1c2a3b-0000-4000-8000-000000000002", wire::Verb::kMessage, 500, true, 0));
  EXPECT_TRUE(r.all()[0].msg_id.shares(r.all()[1].msg_id));
  EXPECT_FALSE(r.all()[1].msg_id.shares(r.all()[2].msg_id));
  ASSERT_TRUE(r.acknowledge(kPeer1, "6f1c2a3b-0000-4000-8000-000000000001"));
  EXPECT_EQ(r.all()[0].msg_id.view(), "6f1c2a3b-0000-4000-8000-000000000001");
  EXPECT_TRUE(r.holds(kPeer2, wire::Verb::kMessage, "6f1c2a3b-0000-4000-8000-000000000001"));
  EXPECT_FALSE(r.holds(kPeer1, wire::Verb::kMessage, "6f1c2a3b-0000-4000-8000-000000000001"));
}

TEST(ReliableSender, BacksOffThenGivesUp) {
  ReliableSender r;
  const auto serial = r.add(kPeer1, bytes("hello"), "m1", wire::Verb::kGetKey, 500, true, 0);
  ASSERT_TRUE(serial);
  auto s1 = r.step(*serial, 2, 2.0);
  EXPECT_EQ(s1.kind, RetransmitStep::Kind::kResend);
  EXPECT_EQ(s1.entry.attempts, 1u);
  EXPECT_EQ(s1.entry.wait_ns, 1000);
  EXPECT_EQ(*s1.entry.bytes, "hello");
  EXPECT_EQ(r.step(*serial, 2, 2.0).entry.wait_ns, 2000);
  const auto last = r.step(*serial, 2, 2.0);
  EXPECT_EQ(last.kind, RetransmitStep::Kind::kGiveUp);
  EXPECT_EQ(last.entry.msg_id.view(), "m1");
  EXPECT_EQ(r.step(*serial, 2, 2.0).kind, RetransmitStep::Kind::kNothing);
}

// The largest backoff (16) at the largest retransmit_max (64) would multiply the wait by 16^64:
// it saturates at the longest parameter duration instead of overflowing (issue 15 item 4).
TEST(ReliableSender, BackoffSaturates) {
  ReliableSender r;
  const auto serial = r.add(kPeer1, bytes("x"), "m1", wire::Verb::kMessage, kParamDurationMax / 2, false, 0);
  ASSERT_TRUE(serial);
  for (int i = 0; i < 64; ++i) {
    const auto s = r.step(*serial, 64, 16.0);
    ASSERT_EQ(s.kind, RetransmitStep::Kind::kResend);
    EXPECT_EQ(s.entry.wait_ns, kParamDurationMax);
  }
}

TEST(ReliableSender, HoldsAndCancelByVerbAndMsgId) {
  ReliableSender r;
  ASSERT_TRUE(r.add(kPeer1, bytes("c"), "m1", wire::Verb::kGetCertificate, 500, true, 0));
  EXPECT_TRUE(r.holds(kPeer1, wire::Verb::kGetCertificate));
  EXPECT_TRUE(r.holds(kPeer1, wire::Verb::kGetCertificate, "m1"));
  EXPECT_FALSE(r.holds(kPeer1, wire::Verb::kGetCertificate, "m2"));
  EXPECT_FALSE(r.holds(kPeer1, wire::Verb::kCertificate));
  r.cancel(kPeer1, "m1", wire::Verb::kCertificate);  // wrong verb: kept
  EXPECT_EQ(r.size(), 1u);
  r.cancel(kPeer1, "m1", wire::Verb::kGetCertificate);
  EXPECT_EQ(r.size(), 0u);
}

TEST(ReliableSender, RefusesBeyondItsBound) {
  ReliableSender r;
  EXPECT_TRUE(r.add(kPeer1, bytes("1"), "m1", wire::Verb::kKey, 1, true, 2));
  EXPECT_TRUE(r.add(kPeer1, bytes("2"), "m2", wire::Verb::kKey, 1, true, 2));
  EXPECT_FALSE(r.add(kPeer1, bytes("3"), "m3", wire::Verb::kKey, 1, true, 2));
  EXPECT_TRUE(r.add(kPeer1, bytes("3"), "m3", wire::Verb::kKey, 1, true, 0));  // 0: unbounded
}

}  // namespace
}  // namespace ptplab::engine::test
