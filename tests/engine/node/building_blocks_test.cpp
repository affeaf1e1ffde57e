// The Node's building blocks on their own: the token bucket's bound, the envelope format, id
// generation, the de-dup window and the NodeParams table.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "engine/node/dedup_window.hpp"
#include "engine/node/envelope.hpp"
#include "engine/node/ids.hpp"
#include "engine/node/node_params.hpp"
#include "engine/node/token_bucket.hpp"

namespace ptplab::engine {
namespace {

// Over any window of length t, a bucket accepts at most burst + rate * t units.
RC_GTEST_PROP(TokenBucket, AcceptsAtMostBurstPlusRateTimesWindow, ()) {
  const double rate = *rc::gen::inRange(1, 1000);
  const double burst = *rc::gen::inRange(1, 100);
  const auto gaps = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 50'000'000));
  TokenBucket bucket(burst, 0);
  std::vector<TimeNs> accepted;
  TimeNs now = 0;
  for (const int gap : gaps) {
    now += gap;
    if (bucket.take(now, rate, burst, 1.0)) accepted.push_back(now);
  }
  for (std::size_t i = 0; i < accepted.size(); ++i)
    for (std::size_t j = i; j < accepted.size(); ++j) {
      const double window_s = static_cast<double>(accepted[j] - accepted[i]) / kSecond;
      RC_ASSERT(static_cast<double>(j - i + 1) <= burst + rate * window_s + 1e-9);
    }
}

TEST(TokenBucket, RefillsAtTheRate) {
  TokenBucket b(2, 0);
  EXPECT_TRUE(b.take(0, 1, 2, 1));
  EXPECT_TRUE(b.take(0, 1, 2, 1));
  EXPECT_FALSE(b.take(0, 1, 2, 1));
  EXPECT_FALSE(b.take(999 * kMillisecond, 1, 2, 1));
  EXPECT_TRUE(b.take(kSecond, 1, 2, 1));
}

RC_GTEST_PROP(Envelope, RoundTrips,
              (std::string msg_id, std::string node_id, std::string channel_id, std::int64_t ts,
               std::string body)) {
  Envelope e{msg_id.substr(0, 100),
             node_id.substr(0, 100),
             channel_id.substr(0, 100),
             ts,
             BodyKind::kChannelKey,
             body,
             std::string(kSignatureBytes, 's')};
  const auto parsed = parse_envelope(encode_envelope(e));
  RC_ASSERT(parsed.has_value());
  RC_ASSERT(parsed->msg_id == e.msg_id);
  RC_ASSERT(parsed->node_id == e.node_id);
  RC_ASSERT(parsed->channel_id == e.channel_id);
  RC_ASSERT(parsed->timestamp_ms == e.timestamp_ms);
  RC_ASSERT(parsed->kind == e.kind);
  RC_ASSERT(parsed->body == e.body);
  RC_ASSERT(parsed->signature == e.signature);
}

RC_GTEST_PROP(Envelope, EveryTruncationIsRejected, (std::string body)) {
  Envelope e{"m", "n", "c", 5, BodyKind::kPlain, body, std::string(kSignatureBytes, 's')};
  const auto bytes = encode_envelope(e);
  const auto cut = *rc::gen::inRange<std::size_t>(0, bytes.size());
  RC_ASSERT(!parse_envelope(std::string_view(bytes).substr(0, cut)).has_value());
}

TEST(Envelope, LayoutIsTheDocumentedOne) {
  Envelope e{"m", "n", "c", 0x0102, BodyKind::kPlain, "hi", std::string(kSignatureBytes, 'S')};
  const std::string expected = std::string(
                                   "\x01\x00\x01m\x00\x01n\x00\x01"
                                   "c",
                                   10) +
                               std::string("\x00\x00\x00\x00\x00\x00\x01\x02", 8) + std::string("\x00", 1) +
                               std::string("\x00\x00\x00\x02hi", 6) + std::string(kSignatureBytes, 'S');
  EXPECT_EQ(encode_envelope(e), expected);
  ASSERT_TRUE(parse_envelope(expected));
  EXPECT_FALSE(parse_envelope(expected + "x"));  // trailing bytes
  std::string unknown_kind = expected;
  unknown_kind[18] = '\x03';  // the body kind byte: 0..2 are defined
  EXPECT_FALSE(parse_envelope(unknown_kind));
}

TEST(Envelope, MultiCertBodyRoundTrips) {
  const std::vector<WrappedCopy> copies = {{"a", "xyz"}, {"bb", ""}};
  const auto parsed = parse_multi_cert_body(encode_multi_cert_body(copies));
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].node_id, "a");
  EXPECT_EQ((*parsed)[0].wrapped, "xyz");
  EXPECT_EQ((*parsed)[1].node_id, "bb");
  EXPECT_FALSE(parse_multi_cert_body("\x00\x01"));
}

TEST(Ids, Uuid4HasVersionAndVariant) {
  Rng rng(3);
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    const auto id = make_uuid4(rng);
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
    EXPECT_EQ(id[8], '-');
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 100u);
}

TEST(Ids, RandomWidthGivesCeilBitsOverFourHexDigitsWithExactlyThatManyBits) {
  Rng rng(3);
  EXPECT_EQ(make_random_id(rng, 16).size(), 4u);
  EXPECT_EQ(make_random_id(rng, 128).size(), 32u);
  std::set<std::string> ids;
  for (int i = 0; i < 20000; ++i) {
    const auto id = make_random_id(rng, 9);  // 3 digits, the first one 0 or 1
    ASSERT_EQ(id.size(), 3u);
    EXPECT_TRUE(id[0] == '0' || id[0] == '1') << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 512u);  // all 2^9 values show up
  for (int i = 0; i < 200; ++i) {
    const auto id = make_random_id(rng, 11);  // 3 digits, the first one 0..7
    EXPECT_LT(id[0], '8') << id;
  }
}

TEST(Ids, KeyDerivedIsAPrefixOfTheKeyHash) {
  EXPECT_EQ(make_key_derived_id("abc", 32), "ba7816bf");  // SHA-256("abc") = ba7816bf...
  EXPECT_EQ(make_key_derived_id("abc", 128), "ba7816bf8f01cfea414140de5dae2223");
}

TEST(Dedup, BoundedInEntriesAndTime) {
  DedupWindow w;
  const std::vector<std::string> ids = {"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"};
  for (std::size_t i = 0; i < ids.size(); ++i) w.insert(ids[i], i, static_cast<TimeNs>(i) * kSecond, 4);
  EXPECT_EQ(w.size(), 4u);
  EXPECT_FALSE(w.find("m5"));
  EXPECT_EQ(w.find("m9"), 9u);
  w.expire(20 * kSecond, 12 * kSecond + 1);  // keeps entries seen at 8 s and later
  EXPECT_EQ(w.size(), 2u);
  EXPECT_TRUE(w.find("m8"));
  w.erase("m8");
  EXPECT_FALSE(w.find("m8"));
}

TEST(Dedup, TheBoundEvictsByLastInsertionNotFirst) {
  DedupWindow w;
  w.insert("m0", 0, 0, 2);
  w.insert("m1", 1, 1, 2);
  w.insert("m0", 2, 2, 2);  // m0 inserted again: m1 is now the oldest
  w.insert("m2", 3, 3, 2);
  EXPECT_EQ(w.find("m0"), 2u);
  EXPECT_FALSE(w.find("m1"));
  EXPECT_EQ(w.find("m2"), 3u);
}

TEST(Dedup, ErasingInsideProbeRunsKeepsEveryOtherEntryFindable) {
  // 1,000 entries grow the flat table past several doublings; erasing every third one shifts
  // later entries of its probe run back, and each remaining entry must still be found.
  DedupWindow w;
  for (std::uint64_t i = 0; i < 1000; ++i) w.insert(std::to_string(i), i, 0, 0);
  for (std::uint64_t i = 0; i < 1000; i += 3) w.erase(std::to_string(i));
  EXPECT_EQ(w.size(), 666u);
  for (std::uint64_t i = 0; i < 1000; ++i) {
    const auto digest = w.find(std::to_string(i));
    if (i % 3 == 0) {
      EXPECT_FALSE(digest) << i;
    } else {
      EXPECT_EQ(digest, i) << i;
    }
  }
  w.expire(1, 1);
  EXPECT_EQ(w.size(), 0u);
  EXPECT_FALSE(w.find("1"));
}

TEST(Dedup, ExpiresAtExactlyTheWindow) {
  DedupWindow w;
  w.insert("m0", 0, 10, 0);
  w.expire(19, 10);
  EXPECT_TRUE(w.find("m0"));
  w.expire(20, 10);
  EXPECT_FALSE(w.find("m0"));
}

TEST(Params, SetByNameWithDurationsAsStringsOrNanoseconds) {
  NodeParams p;
  ASSERT_TRUE(set_param(p, "peer_timeout_ns", "20s"));
  EXPECT_EQ(p.peer_timeout_ns, 20 * kSecond);
  ASSERT_TRUE(set_param(p, "ack_timeout_ns", 250'000'000));
  EXPECT_EQ(p.ack_timeout_ns, 250 * kMillisecond);
  ASSERT_TRUE(set_param(p, "gossip_fanout", 8));
  EXPECT_EQ(p.gossip_fanout, 8u);
  ASSERT_TRUE(set_param(p, "propagation", "gossip"));
  ASSERT_TRUE(set_param(p, "rate_limit_enabled", false));
  EXPECT_FALSE(p.rate_limit_enabled);
}

TEST(Params, ErrorsNameTheFieldAndWhatWasExpected) {
  NodeParams p;
  auto r = set_param(p, "gossip_fanuot", 3);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("did you mean \"gossip_fanout\""), std::string::npos) << r.error();
  r = set_param(p, "propagation", "carrier-pigeon");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("\"flood\""), std::string::npos) << r.error();
  r = set_param(p, "node_id_bits", 4);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "parameter \"node_id_bits\": expected an integer in [8, 128], got 4");
  // The bound named is the one broken: the field's type, for a number beyond it.
  r = set_param(p, "gossip_fanout", 1e20);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "parameter \"gossip_fanout\": expected an integer in [1, 4294967295], got 1e+20");
  // Review M5: a real field's bound is stated even when it has none of its own (1e300 "is >= 1").
  r = set_param(p, "rate_burst_datagrams", 1e300);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(),
            "parameter \"rate_burst_datagrams\": expected a number >= 1.0 and <= 1e+18, got 1e+300");
  r = set_param(p, "peer_timeout_ns", "soon");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("duration"), std::string::npos) << r.error();
  EXPECT_FALSE(set_param(p, "verify_before_relay", 1));
}

TEST(Params, JsonRoundTripCoversEveryName) {
  NodeParams p;
  p.gossip_fanout = 9;
  p.peer_timeout_ns = 3 * kSecond;
  const auto j = params_to_json(p);
  EXPECT_EQ(j.size(), param_names().size());
  NodeParams q;
  ASSERT_TRUE(set_params(q, j));
  EXPECT_EQ(params_to_json(q), j);
  NodeParams bad;
  bad.hello_interval_min_ns = 3 * kSecond;
  EXPECT_FALSE(validate_params(bad));
}

// Review 7, M3: a retry period the peer timeout always cuts short is refused, not run.
TEST(Params, RefusesARetryPeriodThePeerTimeoutCutsShort) {
  NodeParams p;
  p.hello_retry_interval_ns = 2 * kMinute;
  p.peer_timeout_ns = 60 * kSecond;
  const auto retry = validate_params(p);
  ASSERT_FALSE(retry);
  EXPECT_NE(retry.error().find("hello_retry_interval_ns must be shorter than peer_timeout_ns"),
            std::string::npos);
  p.hello_retry_interval_ns = kSecond;
  EXPECT_TRUE(validate_params(p));
}

// The catalogue is the definition table: one row per name set_param accepts, each with a meaning,
// every default inside its row's bound, and the bound enforced: set_param accepts min and max
// and refuses just outside them.
TEST(Params, CatalogueDeclaresUnitBoundAndMeaningOfEveryField) {
  const auto catalogue = param_catalogue();
  const auto names = param_names();
  ASSERT_EQ(catalogue.size(), names.size());
  const auto defaults = params_to_json(NodeParams{});
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    const auto& p = catalogue[i];
    SCOPED_TRACE(std::string(p.name));
    EXPECT_EQ(p.name, names[i]);
    EXPECT_FALSE(p.meaning.empty());
    const auto& v = defaults.at(std::string(p.name));
    if (p.type == "duration" || p.type == "integer" || p.type == "number") {
      EXPECT_GE(v.get<double>(), p.min);
      if (p.max) {
        EXPECT_LE(v.get<double>(), *p.max);
      }
      NodeParams q;
      EXPECT_TRUE(set_param(q, p.name, p.min));
      const double below = p.type == "number" ? p.min - 0.5 : p.min - 1;
      EXPECT_FALSE(set_param(q, p.name, below));
      if (p.max) {
        EXPECT_TRUE(set_param(q, p.name, *p.max));
        const auto above = p.type == "number"     ? nlohmann::json(*p.max + 0.5)
                           : p.type == "duration" ? nlohmann::json(static_cast<TimeNs>(*p.max) + 1)
                                                  : nlohmann::json(*p.max + 1);
        EXPECT_FALSE(set_param(q, p.name, above));
      }
      EXPECT_NE(p.unit, ParamUnit::kNone);
    } else {
      EXPECT_EQ(p.unit, ParamUnit::kNone);
      EXPECT_EQ(p.type == "string", p.choices.empty());
      for (const auto c : p.choices) {
        NodeParams q;
        EXPECT_TRUE(set_param(q, p.name, p.type == "bool" ? nlohmann::json(c == "true") : nlohmann::json(c)));
      }
    }
  }
}

}  // namespace
}  // namespace ptplab::engine
