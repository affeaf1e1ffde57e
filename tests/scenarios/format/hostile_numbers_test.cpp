// Hostile numbers in scenario files (issue 15, item 4): counts, sizes, seeds and durations that
// are huge, negative, fractional or near the int64 limits are either taken exactly or refused
// with the JSON pointer and what was expected; totals cannot be reached by splitting an ask
// across entries (item 3). RapidCheck drives any JSON number into the fields; the examples pin
// the sentences.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "scenarios/format/loader.hpp"
#include "tests/scenarios/format/show_errors.hpp"

namespace ptplab::scenarios {
namespace {

constexpr const char* kHostileBase = R"({"name": "h", "duration": "2s",
  "nodes": [{"name": "server", "count": 1, "role": "server"}, {"name": "clients", "count": 3}],
  "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": 1, "size": 100}}]}})";

// The errors of kHostileBase with `pointer` set to `value` (none when it loads).
ValidationErrors hostile_errors(const std::string& pointer, const nlohmann::json& value) {
  nlohmann::json doc = nlohmann::json::parse(kHostileBase);
  doc[nlohmann::json::json_pointer(pointer)] = value;
  const auto loaded = load_scenario(doc.dump());
  return loaded ? ValidationErrors{} : loaded.error();
}

// Only errors at `pointer`.
void expect_only_at(const ValidationErrors& errors, const std::string& pointer) {
  for (const auto& e : errors) RC_ASSERT(e.pointer == pointer);
}

RC_GTEST_PROP(HostileNumbers, ACountIsTakenExactlyOrRefusedAtItsPointer, ()) {
  const nlohmann::json value = *rc::gen::oneOf(
      rc::gen::map(rc::gen::arbitrary<std::int64_t>(), [](std::int64_t v) { return nlohmann::json(v); }),
      rc::gen::map(rc::gen::arbitrary<std::uint64_t>(), [](std::uint64_t v) { return nlohmann::json(v); }),
      rc::gen::map(rc::gen::arbitrary<double>(),
                   [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(-1.5); }),
      rc::gen::element(nlohmann::json(0), nlohmann::json(-1), nlohmann::json(1e300), nlohmann::json(2.5),
                       nlohmann::json(10'000'001), nlohmann::json(std::numeric_limits<std::uint64_t>::max()),
                       nlohmann::json(4294967297.0), nlohmann::json("12")));
  const auto errors = hostile_errors("/nodes/1/count", value);
  const bool whole =
      (value.is_number_unsigned() && value.get<std::uint64_t>() >= 1 &&
       value.get<std::uint64_t>() <= 10'000'000 - 1) ||
      (value.is_number_integer() && value.get<std::int64_t>() >= 1 &&
       value.get<std::int64_t>() <= 10'000'000 - 1) ||
      (value.is_number_float() && value.get<double>() >= 1 && value.get<double>() <= 9'999'999 &&
       value.get<double>() == std::floor(value.get<double>()));
  RC_ASSERT(errors.empty() == whole);
  expect_only_at(errors, errors.size() == 1 && errors[0].pointer == "/nodes" ? "/nodes" : "/nodes/1/count");
}

RC_GTEST_PROP(HostileNumbers, ADurationIsTakenExactlyOrRefusedAtItsPointer, ()) {
  const auto amount = *rc::gen::arbitrary<std::uint64_t>();
  const auto unit = *rc::gen::element<std::string>("ns", "us", "ms", "s", "m", "h");
  const auto sign = *rc::gen::element<std::string>("", "-");
  const auto errors = hostile_errors(
      "/network/latency", {{"model", "constant"}, {"delay", sign + std::to_string(amount) + unit}});
  const long double scale = unit == "ns"   ? 1
                            : unit == "us" ? 1e3
                            : unit == "ms" ? 1e6
                            : unit == "s"  ? 1e9
                            : unit == "m"  ? 6e10
                                           : 3.6e12;
  const long double ns = static_cast<long double>(amount) * scale, max = 10'000.0L * 3.6e12L;
  RC_PRE(ns < max * (1 - 1e-9L) || ns > max * (1 + 1e-9L));  // parse_duration rounds through a double
  const bool fits = sign.empty() && ns <= max;
  RC_ASSERT(errors.empty() == fits);
  expect_only_at(errors, "/network/latency/delay");
}

TEST(HostileNumbers, SentencesNameWhatWasExpected) {
  EXPECT_ERROR(hostile_errors("/nodes/1/count", -1), "/nodes/1/count",
               "expected an integer in [1, 10000000], found -1");
  EXPECT_ERROR(hostile_errors("/nodes/1/count", 2.5), "/nodes/1/count",
               "expected an integer in [1, 10000000], found 2.5");
  EXPECT_ERROR(hostile_errors("/seed", std::numeric_limits<std::uint64_t>::max()), "/seed",
               "expected an integer in [0, 9223372036854775807], found 18446744073709551615");
  EXPECT_ERROR(hostile_errors("/workload/channels/0/messages/size", 1e300),
               "/workload/channels/0/messages/size", "expected an integer in [1, 1000000], found 1e+300");
  EXPECT_ERROR(hostile_errors("/network/latency", {{"model", "constant"}, {"delay", "2500000h"}}),
               "/network/latency/delay", "expected a duration of at most 10000h, found \"2500000h\"");
  // Review M6: one beyond what parse_duration holds is out of range too, not malformed.
  EXPECT_ERROR(hostile_errors("/network/latency", {{"model", "constant"}, {"delay", "2562048h"}}),
               "/network/latency/delay",
               "expected a duration of at most 10000h, found \"2562048h\" (out of range)");
  EXPECT_ERROR(hostile_errors("/network/latency", {{"model", "constant"}, {"delay", "1.5.2s"}}),
               "/network/latency/delay",
               "expected a duration such as \"250ms\" or \"10s\", found \"1.5.2s\"");
  EXPECT_ERROR(hostile_errors("/network/latency", {{"model", "constant"}, {"delay", "-5ms"}}),
               "/network/latency/delay", "expected a non-negative duration, found \"-5ms\"");
  // Review 12 m4: 10 x 10 x 10 values x 1000 seeds (a million points) read "found 10001": the count
  // stops at the bound, so the message says "more".
  const nlohmann::json ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  EXPECT_ERROR(hostile_errors("/sweep", {{"parameters",
                                          {{"/nodes/0/count", ten}, {"/nodes/1/count", ten}, {"/seed", ten}}},
                                         {"seeds", 1000}}),
               "/sweep", "expected at most 10000 points (values x seeds), found more");
}

// Every integer field reads an integral number written with an exponent or ".0" as that
// integer, and refuses a fraction with its pointer (review M5: sizes, bandwidths, queue bytes,
// sweep seeds and edges refused what counts and NodeParams took).
TEST(HostileNumbers, EveryIntegerFieldReadsAnExponentAsItsInteger) {
  EXPECT_TRUE(hostile_errors("/workload/channels/0/messages/size", 100.0).empty());
  EXPECT_TRUE(hostile_errors("/workload/channels/0/messages/size", 1e3).empty());
  EXPECT_TRUE(hostile_errors("/network/bandwidth", {{"uplink_bps", 1e6}, {"queue_bytes", 65536.0}}).empty());
  EXPECT_TRUE(hostile_errors("/topology", {{"edges", {{1e0, 2.0}}}}).empty());
  EXPECT_ERROR(hostile_errors("/workload/channels/0/messages/size", 100.5),
               "/workload/channels/0/messages/size", "expected an integer in [1, 1000000], found 100.5");
  EXPECT_ERROR(hostile_errors("/network/bandwidth", {{"queue_bytes", 10.5}}),
               "/network/bandwidth/queue_bytes",
               "expected a non-negative integer or a string such as \"64KiB\", found 10.5");
}

// A timeline entry that picks nodes by share and by count is refused: count won and the share
// was still recorded (review M7).
TEST(HostileNumbers, ShareAndCountTogetherAreRefused) {
  EXPECT_ERROR(hostile_errors(
                   "/timeline",
                   {{{"at", "1s"}, {"action", "crash"}, {"group", "clients"}, {"share", 0.5}, {"count", 1}}}),
               "/timeline/0/count", "expected either share or count, found both (share 0.5, count 1)");
}

TEST(HostileNumbers, TotalsCannotBeReachedBySplitting) {
  // Ten attacker entries of 20,000 hosts each: every entry is within its bound, the total is not.
  nlohmann::json attackers = nlohmann::json::array();
  for (int i = 0; i < 10; ++i)
    attackers.push_back(
        {{"name", std::string(1, static_cast<char>('a' + i))}, {"count", 20'000}, {"rate_per_s", 1}});
  EXPECT_ERROR(hostile_errors("/attackers", attackers), "/attackers",
               "expected at most 100000 attacker hosts in all, found 200000");
  // Three channels at 1e7 messages/s over 30 days, each valid alone.
  nlohmann::json channels = nlohmann::json::array();
  for (int i = 0; i < 3; ++i)
    channels.push_back({{"name", std::string(1, static_cast<char>('c' + i))},
                        {"messages", {{"rate_per_s", 1e7}, {"size", 100}}}});
  nlohmann::json doc = nlohmann::json::parse(kHostileBase);
  doc["duration"] = "720h";
  doc["workload"]["channels"] = channels;
  const auto loaded = load_scenario(doc.dump());
  ASSERT_FALSE(loaded);
  EXPECT_ERROR(loaded.error(), "/workload/channels",
               "expected at most 100000000 messages (rate_per_s x time, over every channel) in all, found "
               "77760000000000");
  // Ten million nodes linked pairwise with probability 0.5.
  doc = nlohmann::json::parse(kHostileBase);
  doc["nodes"][1]["count"] = 9'000'000;
  doc["topology"] = {{"erdos_renyi", {{"p", 0.5}}}};
  const auto linked = load_scenario(doc.dump());
  ASSERT_FALSE(linked);
  EXPECT_THAT(linked.error(), ::testing::Contains(::testing::Field(
                                  &ValidationError::message,
                                  ::testing::StartsWith("expected at most 100000000 initial links"))))
      << test_support::show(linked.error());
}

// Found by overrides_fuzz: a --set value that is not UTF-8 was stored as a string, and the first
// description or dump of the document threw out of the loader (std::terminate).
TEST(HostileNumbers, AnOverrideThatIsNotUtf8IsRefused) {
  for (const std::string& set : {std::string("/nodes/-=[1,\xff\xff"), std::string("/name=\xc3"),
                                 std::string("/n\xff"
                                             "ame=x")}) {
    const auto loaded = load_scenario(kHostileBase, {set});
    ASSERT_FALSE(loaded);
    EXPECT_ERROR(loaded.error(), "", "--set: expected UTF-8 text, found bytes that are not UTF-8");
  }
}

// Found by scenario_fuzz: a number beyond a double (1e999) made nlohmann throw out_of_range.406,
// which the loader did not catch (std::terminate); in a --set value it is now a string.
TEST(HostileNumbers, ANumberBeyondADoubleIsAnError) {
  const auto loaded = load_scenario(R"({"name": "big", "seed": 1e999, "nodes": [{"count": 2}]})");
  ASSERT_FALSE(loaded);
  ASSERT_EQ(loaded.error().size(), 1u);
  // It says where (review finding: "number overflow" with no line or pointer).
  EXPECT_EQ(
      loaded.error()[0].message,
      "not valid JSON: number overflow parsing '1e999' at line 1, column 25 (beyond the largest double, "
      "about 1.8e308)");
  const auto deeper =
      load_scenario("{\"name\": \"big\",\n  // a comment\n  \"nodes\": [{\"count\": -2e400}]}");
  ASSERT_FALSE(deeper);
  EXPECT_THAT(deeper.error()[0].message, ::testing::HasSubstr("'-2e400' at line 3, column 23"));
  // Found by overrides_fuzz: a path below a missing member created an array of index + 1 items.
  const auto huge = load_scenario(kHostileBase, {"/new/7370955162/x=1"});
  ASSERT_FALSE(huge);
  EXPECT_ERROR(huge.error(), "/new/7370955162",
               "--set /new/7370955162/x=1: expected index 0 (or \"-\") in an array the path creates, found "
               "\"7370955162\"");
  // Found by overrides_fuzz (session 8): appending an item (index == size, or "-") returned
  // before the rest of the path was checked, so /nodes/2/x/99999999999/y asked for 10^11 items.
  for (const std::string path : {"/nodes/2/x/99999999999/y=1", "/nodes/-/x/99999999999/y=1"}) {
    const auto appended = load_scenario(kHostileBase, {path});
    ASSERT_FALSE(appended) << path;
    EXPECT_ERROR(appended.error(), path.substr(0, path.find("/y")),
                 "--set " + path +
                     ": expected index 0 (or \"-\") in an array the path creates, found "
                     "\"99999999999\"");
  }
  const auto set = load_scenario(kHostileBase, {"/seed=1e999"});
  ASSERT_FALSE(set);
  EXPECT_ERROR(set.error(), "/seed", "expected an integer in [0, 9223372036854775807], found \"1e999\"");
}

}  // namespace
}  // namespace ptplab::scenarios
