// VerificationQueue on its own: parking within the bound, release by sender or channel in
// arrival order, and expiry.
#include "engine/node/verification_queue.hpp"

#include <gtest/gtest.h>

namespace ptplab::engine::test {
namespace {

PendingVerification parked(std::string msg_id, std::string sender, std::string channel, TimeNs since) {
  PendingVerification pv;
  pv.message.msg_id = msg_id;
  pv.envelope.msg_id = std::move(msg_id);
  pv.envelope.node_id = std::move(sender);
  pv.envelope.channel_id = std::move(channel);
  pv.since = since;
  pv.size = 321;
  return pv;
}

std::vector<std::string> ids(const std::vector<PendingVerification>& v) {
  std::vector<std::string> out;
  for (const auto& pv : v) out.push_back(pv.envelope.msg_id);
  return out;
}

TEST(VerificationQueue, ParksWithinItsBound) {
  VerificationQueue q;
  auto a = parked("m1", "alice", "c", 1);
  auto b = parked("m2", "alice", "c", 2);
  auto c = parked("m3", "alice", "c", 3);
  EXPECT_TRUE(q.park(a, 2));
  EXPECT_TRUE(q.park(b, 2));
  EXPECT_FALSE(q.park(c, 2));
  EXPECT_EQ(c.envelope.msg_id, "m3");  // refused: left as it was
  EXPECT_EQ(q.size(), 2u);
}

TEST(VerificationQueue, ReleasesBySenderOrChannelInArrivalOrder) {
  VerificationQueue q;
  for (auto pv :
       {parked("m1", "alice", "c1", 1), parked("m2", "bob", "c2", 2), parked("m3", "alice", "c2", 3)})
    q.park(pv, 0);
  EXPECT_TRUE(q.take_ready("", "").empty());     // empty arguments match nothing
  auto unsigned_pv = parked("m0", "", "c0", 0);  // no sender id: released by its channel only
  q.park(unsigned_pv, 0);
  EXPECT_TRUE(q.take_ready("", "c9").empty());
  EXPECT_EQ(ids(q.take_ready("", "c0")), (std::vector<std::string>{"m0"}));
  EXPECT_EQ(ids(q.take_ready("alice", "")), (std::vector<std::string>{"m1", "m3"}));
  const auto rest = q.take_ready("", "c2");
  EXPECT_EQ(ids(rest), (std::vector<std::string>{"m2"}));
  EXPECT_EQ(rest[0].size, 321u);
  EXPECT_EQ(q.size(), 0u);
}

TEST(VerificationQueue, ExpiresAfterTheTimeout) {
  VerificationQueue q;
  for (auto pv : {parked("m1", "a", "c", 1), parked("m2", "a", "c", 5), parked("m3", "a", "c", 2)})
    q.park(pv, 0);
  EXPECT_EQ(ids(q.take_expired(11, 10)), (std::vector<std::string>{"m1"}));
  EXPECT_EQ(ids(q.take_expired(12, 10)), (std::vector<std::string>{"m3"}));
  EXPECT_EQ(q.size(), 1u);
}

}  // namespace
}  // namespace ptplab::engine::test
