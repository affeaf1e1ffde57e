// Attacker `params` values are checked against their behaviour's BehaviourParam
// (scenarios/format/scenario.hpp): wrong values are errors at /attackers/N/params/KEY naming what
// was expected, never replaced by defaults at run time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scenarios/format/loader.hpp"
#include "tests/scenarios/format/show_errors.hpp"

namespace ptplab::scenarios {
namespace {

// The errors of a document with 5 clients, a channel "general" and one attacker of `behaviour`
// with `params` (JSON text); none when it loads.
ValidationErrors attacker_param_errors(const std::string& behaviour, const std::string& params) {
  const auto doc = nlohmann::json::parse(
      R"({"name":"t","nodes":[{"name":"clients","count":5}],
          "workload":{"channels":[{"name":"general"}]},"attackers":[{"behaviour":")" +
      behaviour + R"(","params":)" + params + "}]}");
  const auto loaded = load_scenario(doc.dump());
  return loaded ? ValidationErrors{} : loaded.error();
}

TEST(AttackerParams, BooleanMustBeABoolean) {
  EXPECT_ERROR(attacker_param_errors("hello_flood", R"({"spoof_node_ids":"no"})"),
               "/attackers/0/params/spoof_node_ids", "expected true or false, found \"no\"");
  EXPECT_THAT(attacker_param_errors("hello_flood", R"({"spoof_node_ids":false})"), ::testing::IsEmpty());
}

TEST(AttackerParams, VerbsAreThoseTheBehaviourSends) {
  EXPECT_ERROR(attacker_param_errors("spoofed_flood", R"({"verb":"MESSAGE"})"), "/attackers/0/params/verb",
               "expected one of \"HELLO\", \"GETKEY\" or \"GETCERTIFICATE\", found \"MESSAGE\"");
  const auto replay = attacker_param_errors("replay", R"({"verb":"HELO"})");
  ASSERT_EQ(replay.size(), 1U) << test_support::show(replay);
  EXPECT_EQ(replay.front().pointer, "/attackers/0/params/verb");
  EXPECT_THAT(replay.front().message, ::testing::HasSubstr("\"HELLO\""));
  EXPECT_THAT(replay.front().message, ::testing::HasSubstr("found \"HELO\""));
  EXPECT_THAT(attacker_param_errors("replay", R"({"verb":"ROUTING","delay":"2s"})"), ::testing::IsEmpty());
}

TEST(AttackerParams, DelayMustBeADuration) {
  EXPECT_ERROR(attacker_param_errors("replay", R"({"delay":"abc"})"), "/attackers/0/params/delay",
               "expected a duration such as \"250ms\" or \"10s\", found \"abc\"");
  EXPECT_ERROR(attacker_param_errors("replay", R"({"delay":true})"), "/attackers/0/params/delay",
               "expected a duration such as \"250ms\" or \"10s\", found true");
}

TEST(AttackerParams, RedirectIsSelfOrVictim) {
  EXPECT_ERROR(attacker_param_errors("routing_poisoning", R"({"redirect":"elsewhere"})"),
               "/attackers/0/params/redirect", "expected one of \"self\" or \"victim\", found \"elsewhere\"");
}

TEST(AttackerParams, VictimIsANodeIndexInRange) {
  for (const char* bad : {"5", "-1", "\"two\""}) {
    const auto e = attacker_param_errors("connect_reflection", std::string(R"({"victim":)") + bad + "}");
    EXPECT_ERROR(e, "/attackers/0/params/victim",
                 std::string("expected a node index in [0, 5), found ") + bad);
  }
  EXPECT_THAT(attacker_param_errors("connect_reflection", R"({"victim":4})"), ::testing::IsEmpty());
}

TEST(AttackerParams, ChannelNamesAWorkloadChannel) {
  EXPECT_ERROR(attacker_param_errors("message_flood", R"({"channel":"random"})"),
               "/attackers/0/params/channel", "expected a channel name (\"general\"), found \"random\"");
  EXPECT_THAT(attacker_param_errors("message_flood", R"({"channel":"general"})"), ::testing::IsEmpty());
}

TEST(AttackerParams, IntegersAreInTheirRange) {
  EXPECT_ERROR(attacker_param_errors("message_flood", R"({"size_bytes":"big"})"),
               "/attackers/0/params/size_bytes", "expected an integer in [1, 60000], found \"big\"");
  EXPECT_ERROR(attacker_param_errors("message_flood", R"({"size_bytes":-5})"),
               "/attackers/0/params/size_bytes", "expected an integer in [1, 60000], found -5");
  EXPECT_ERROR(attacker_param_errors("routing_poisoning", R"({"entries":2000})"),
               "/attackers/0/params/entries", "expected an integer in [1, 1024], found 2000");
}

}  // namespace
}  // namespace ptplab::scenarios
