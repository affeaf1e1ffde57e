// Rendezvous on its own: the three CONNECT socket forms, claimed ports, attempts completed by
// address or HELLO id, deadlines, and the forwarding rate limit.
#include "engine/node/rendezvous.hpp"

#include <gtest/gtest.h>

#include "tests/engine/node/addresses.hpp"

namespace ptplab::engine::test {
namespace {

TEST(Rendezvous, SocketForms) {
  EXPECT_EQ(connect_form("10.0.0.1:4000"), ConnectForm::kFull);
  EXPECT_EQ(connect_form("10.0.0.1"), ConnectForm::kIp);
  EXPECT_EQ(connect_form("4000"), ConnectForm::kPort);
  EXPECT_EQ(connect_form("0"), ConnectForm::kPort);
  EXPECT_EQ(connect_form("65536"), ConnectForm::kInvalid);
  EXPECT_EQ(connect_form("123456"), ConnectForm::kInvalid);
  EXPECT_EQ(connect_form("004000"), ConnectForm::kInvalid);  // a port has at most 5 digits
  EXPECT_EQ(connect_form(""), ConnectForm::kInvalid);
  EXPECT_EQ(connect_form("x1"), ConnectForm::kInvalid);
}

TEST(Rendezvous, ClaimedPortOrTheObservedOne) {
  EXPECT_EQ(with_claimed_port(kPeer1, "5555"), (Address{kPeer1.ip, 5555}));
  EXPECT_EQ(with_claimed_port(kPeer1, "0"), kPeer1);
}

TEST(Rendezvous, AttemptsCompleteByAddressOrHelloId) {
  Rendezvous r;
  r.begin("bob", std::nullopt, 100);
  r.begin("carol", kPeer2, 100);
  EXPECT_TRUE(r.complete(kPeer1, "").empty());
  const auto by_id = r.complete(kPeer1, "bob");
  ASSERT_EQ(by_id.size(), 1u);
  EXPECT_EQ(by_id[0].target_node_id, "bob");
  const auto by_address = r.complete(kPeer2, "");
  ASSERT_EQ(by_address.size(), 1u);
  EXPECT_EQ(by_address[0].target_node_id, "carol");
  EXPECT_EQ(r.size(), 0u);
}

TEST(Rendezvous, StepFourFindsTheAttemptByIdOrAnUnnamedOne) {
  Rendezvous r;
  r.begin("bob", std::nullopt, 100);
  EXPECT_EQ(r.find_for("carol"), nullptr);
  ASSERT_NE(r.find_for("bob"), nullptr);
  r.find_for("bob")->target = kPeer2;
  EXPECT_EQ(r.complete(kPeer2, "").size(), 1u);
  r.begin("", std::nullopt, 100);
  EXPECT_NE(r.find_for("anyone"), nullptr);
  EXPECT_TRUE(r.complete(kPeer1, "").empty());  // an unnamed HELLO does not complete an unnamed attempt
}

TEST(Rendezvous, DeadlinesAndBound) {
  Rendezvous r;
  r.begin("a", std::nullopt, 10);
  r.begin("b", std::nullopt, 20);
  EXPECT_TRUE(r.full(2));
  EXPECT_FALSE(r.full(0));
  EXPECT_TRUE(r.take_expired(9).empty());
  const auto expired = r.take_expired(10);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].target_node_id, "a");
  EXPECT_FALSE(r.full(2));
}

TEST(Rendezvous, ForwardingIsRateLimited) {
  Rendezvous r;
  r.reset_forwarding(2);
  EXPECT_TRUE(r.may_forward(1, 1, 2));
  EXPECT_TRUE(r.may_forward(1, 1, 2));
  EXPECT_FALSE(r.may_forward(1, 1, 2));
  EXPECT_TRUE(r.may_forward(1 + kSecond, 1, 2));
}

}  // namespace
}  // namespace ptplab::engine::test
