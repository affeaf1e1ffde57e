// The timeline's `connect` action: what it reads, its defaults, every error it can give (JSON
// pointer and sentence), and that its effective form round-trips.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scenarios/format/effective.hpp"
#include "scenarios/format/loader.hpp"
#include "tests/scenarios/format/show_errors.hpp"

namespace ptplab::scenarios {
namespace {

using test_support::show;

using ::testing::Contains;

// A document with groups "server", "left" and "right" and the given timeline.
std::string with_timeline(const std::string& timeline) {
  return R"({"name": "c", "duration": "20s", "nodes": [{"name": "server", "role": "server",
             "placement": "public"}, {"name": "left", "count": 4}, {"name": "right", "count": 4}],
             "timeline": )" +
         timeline + "}";
}

ValidationErrors timeline_errors(const std::string& timeline) {
  const auto s = load_scenario(with_timeline(timeline));
  return s ? ValidationErrors{} : s.error();
}

TEST(ConnectAction, ReadsEveryField) {
  const auto s = load_scenario(with_timeline(
      R"([{"at": "5s", "action": "connect", "group": "left", "to": "right", "via": "server", "count": 2}])"));
  ASSERT_TRUE(s) << show(s.error());
  ASSERT_EQ(s->timeline.size(), 1u);
  const auto& e = s->timeline[0];
  EXPECT_EQ(e.action, TimelineEvent::Action::kConnect);
  EXPECT_EQ(e.at_ns, 5 * kSecond);
  EXPECT_EQ(e.group, "left");
  EXPECT_EQ(e.to, "right");
  EXPECT_EQ(e.via, "server");
  EXPECT_EQ(e.count, 2u);
}

TEST(ConnectAction, DefaultsAreEveryGroupAndTheWholeShare) {
  const auto s = load_scenario(with_timeline(R"([{"at": "1s", "action": "connect", "via": "server"}])"));
  ASSERT_TRUE(s) << show(s.error());
  const auto& e = s->timeline[0];
  EXPECT_EQ(e.group, "");
  EXPECT_EQ(e.to, "");
  EXPECT_EQ(e.share, 1.0);
  EXPECT_FALSE(e.count.has_value());
  const auto effective = effective_document(*s)["timeline"][0];
  EXPECT_EQ(effective, nlohmann::json::parse(R"({"at": "1s", "action": "connect", "via": "server",
                                                 "share": 1.0})"));
}

TEST(ConnectAction, ViaIsRequired) {
  const auto errors = timeline_errors(R"([{"at": "1s", "action": "connect", "group": "left"}])");
  ASSERT_EQ(errors.size(), 1u) << show(errors);
  EXPECT_ERROR(errors, "/timeline/0/via", "required key is missing");
}

TEST(ConnectAction, GroupNamesAreChecked) {
  const auto errors = timeline_errors(
      R"([{"at": "1s", "action": "connect", "group": "lefft", "to": "nobody", "via": "servers"}])");
  EXPECT_EQ(errors.size(), 3u) << show(errors);
  EXPECT_ERROR(errors, "/timeline/0/group", "unknown group \"lefft\"; did you mean \"left\"?");
  EXPECT_ERROR(errors, "/timeline/0/to",
               "unknown group \"nobody\"; expected \"server\", \"left\" or \"right\"");
  EXPECT_ERROR(errors, "/timeline/0/via", "unknown group \"servers\"; did you mean \"server\"?");
}

TEST(ConnectAction, UnknownFieldsGetTheClosestName) {
  const auto errors = timeline_errors(
      R"([{"at": "1s", "action": "connect", "via": "server", "target": "right", "shar": 0.5}])");
  EXPECT_EQ(errors.size(), 2u) << show(errors);
  EXPECT_ERROR(errors, "/timeline/0/shar", "unknown key; did you mean \"share\"?");
  EXPECT_THAT(show(errors), ::testing::HasSubstr("/timeline/0/target: unknown key"));
}

TEST(ConnectAction, ValuesAreTyped) {
  const auto errors = timeline_errors(
      R"([{"at": "30s", "action": "connect", "via": 3, "share": 1.5, "to": ["right"], "count": -1}])");
  EXPECT_ERROR(errors, "/timeline/0/at", "expected a time within the duration (20s), found 30s");
  EXPECT_THAT(show(errors), ::testing::HasSubstr("/timeline/0/via: expected a string"));
  EXPECT_THAT(show(errors), ::testing::HasSubstr("/timeline/0/to: expected a string"));
  EXPECT_THAT(show(errors), ::testing::HasSubstr("/timeline/0/share: expected a share in (0, 1], found 1.5"));
  EXPECT_THAT(show(errors), ::testing::HasSubstr("/timeline/0/count: expected an integer"));
}

TEST(ConnectAction, EffectiveDocumentRoundTrips) {
  const auto s = load_scenario(with_timeline(
      R"([{"at": "5s", "action": "connect", "group": "left", "to": "right", "via": "server", "count": 2},
          {"at": "6s", "action": "connect", "to": "left", "via": "server", "share": 0.25}])"));
  ASSERT_TRUE(s) << show(s.error());
  const auto e = effective_document(*s);
  const auto again = load_scenario(e.dump());
  ASSERT_TRUE(again) << show(again.error());
  EXPECT_EQ(effective_document(*again), e);
  EXPECT_EQ(e["timeline"][0]["count"], 2);
  EXPECT_FALSE(e["timeline"][0].contains("share"));
  EXPECT_EQ(e["timeline"][1]["share"], 0.25);
  EXPECT_FALSE(e["timeline"][1].contains("group"));
}

}  // namespace
}  // namespace ptplab::scenarios
