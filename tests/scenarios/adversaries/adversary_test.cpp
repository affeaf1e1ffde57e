// Adversary behaviours on a recording Output: rates, windows, spoofing and what they send.
#include <gtest/gtest.h>

#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"

namespace ptplab::scenarios {
namespace {

// A minimal host: runs one endpoint call at a time and records what it asked for.
struct Recorder {
  struct Sent {
    Address from;  // {} when not spoofed
    Address to;
    std::string bytes;
  };
  std::vector<Sent> sent;
  TimeNs wake = kNever;

  // Runs f(Output&), then drains the output.
  template <class F>
  void call(F&& f) {
    Output out;
    f(out);
    for (const auto& d : out.datagrams())
      sent.push_back({d.spoofed_from.value_or(Address{}), d.to, *d.bytes});
    if (out.wake()) wake = *out.wake();
  }
};

// Runs the endpoint's timer until `end`.
void drive(Endpoint& e, Recorder& out, TimeNs end) {
  out.call([&](Output& o) { e.start(0, o); });
  while (out.wake < end) out.call([&](Output& o) { e.on_timer(out.wake, o); });
}

const Address kVictim{0x14000001, 7000};
const Address kReflector{0x14000002, 7000};

AdversaryContext context(double rate) {
  AdversaryContext c;
  c.self = {0x42000001, 7000};
  c.targets = {kVictim};
  c.reflectors = {kReflector};
  c.rate_per_s = rate;
  c.seed = 9;
  return c;
}

TEST(Adversary, EveryBehaviourBuildsAndRuns) {
  for (const auto& b : kBehaviours) {
    const std::string_view name = b.name;
    auto c = context(50);
    c.population_node_ids = {"a", "b"};
    auto a = make_adversary(b.value, c);
    ASSERT_TRUE(a) << name;
    Recorder out;
    drive(*a, out, kSecond);
    if (b.value != Behaviour::kIdReuse && b.value != Behaviour::kReplay) {
      EXPECT_FALSE(out.sent.empty()) << name;
    }
  }
}

TEST(Adversary, HelloFloodSendsAtItsRateInsideItsWindow) {
  auto c = context(10);
  c.windows = {{kSecond, 2 * kSecond}};
  auto a = make_adversary(Behaviour::kHelloFlood, c);
  Recorder out;
  drive(*a, out, 5 * kSecond);
  ASSERT_EQ(out.sent.size(), 10u);  // steps at 1.0, 1.1, ..., 1.9 s
  for (const auto& s : out.sent) {
    EXPECT_EQ(s.to, kVictim);
    const auto m = wire::decode(s.bytes);
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(wire::verb_of(*m), wire::Verb::kHello);
  }
  EXPECT_EQ(out.wake, kNever);  // nothing after the last window
}

TEST(Adversary, SpoofedFloodForgesTheVictimAsSource) {
  auto a = make_adversary(Behaviour::kSpoofedFlood, context(4));
  Recorder out;
  drive(*a, out, kSecond);
  ASSERT_EQ(out.sent.size(), 4u);
  for (const auto& s : out.sent) {
    EXPECT_EQ(s.from, kVictim);
    EXPECT_EQ(s.to, kReflector);
    EXPECT_EQ(wire::verb_of(*wire::decode(s.bytes)), wire::Verb::kGetCertificate);
  }
}

TEST(Adversary, RoutingPoisoningMapsHonestIdsToItself) {
  auto c = context(2);
  c.population_node_ids = {"n1", "n2", "n3"};
  auto a = make_adversary(Behaviour::kRoutingPoisoning, c);
  Recorder out;
  drive(*a, out, kSecond);
  bool saw_routing = false;
  for (const auto& s : out.sent) {
    const auto m = wire::decode(s.bytes);
    if (!m || wire::verb_of(*m) != wire::Verb::kRouting) continue;
    saw_routing = true;
    const auto& r = std::get<wire::Routing>(*m);
    ASSERT_EQ(r.nodes.size(), 3u);
    for (const auto& entry : r.nodes) EXPECT_EQ(entry.address, c.self.to_string());
  }
  EXPECT_TRUE(saw_routing);
}

TEST(Adversary, MalformedDatagramsAreRejectedByTheDecoder) {
  auto a = make_adversary(Behaviour::kMalformed, context(7));  // a step every 142857143 ns: 14 in 2 s
  Recorder out;
  drive(*a, out, 2 * kSecond);
  ASSERT_EQ(out.sent.size(), 14u);
  for (const auto& s : out.sent) EXPECT_FALSE(wire::decode(s.bytes).has_value());
}

TEST(Adversary, ReplayResendsWhatItRecorded) {
  auto a = make_adversary(Behaviour::kReplay, context(10));
  Recorder out;
  out.call([&](Output& o) { a->start(0, o); });
  wire::ChatMessage m;
  m.msg_id = "m1";
  m.node_id = "n1";
  m.channel = "c";
  m.channel_id = "cid";
  m.message = "envelope";
  const auto bytes = make_bytes(wire::encode(m));
  out.call([&](Output& o) { a->on_datagram(0, kVictim, bytes, o); });
  while (out.wake < kSecond) out.call([&](Output& o) { a->on_timer(out.wake, o); });
  std::size_t replays = 0;
  for (const auto& s : out.sent) replays += s.bytes == *bytes ? 1 : 0;
  EXPECT_EQ(replays, 10u);
}

}  // namespace
}  // namespace ptplab::scenarios
