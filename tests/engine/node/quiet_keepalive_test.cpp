// The "quiet-keepalive" preset's two mechanisms (PROTOCOL.md "Node: presets"): a peer that has
// not answered yet is HELLOed at hello_retry_interval_ns, a live one at the HELLO period (RFC 8445
// §14 paces checks, §11 keep-alives); and a JOIN, LEAVE or CHANNEL relay refused by the
// anti-amplification budget to a peer not yet proving its address is held (held_relays_max) and
// sent once it proves it (RFC 9000 §8.1), instead of lost.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "engine/node/held_relays.hpp"
#include "tests/engine/node/fixture.hpp"

namespace ptplab::engine::test {
namespace {

// Quiet keep-alives (10-20 s) with routing off, so that only HELLOs and probes go out.
NodeParams quiet_params(TimeNs retry_ns) {
  NodeParams p;
  p.hello_interval_min_ns = 10 * kSecond;
  p.hello_interval_max_ns = 20 * kSecond;
  p.peer_timeout_ns = 60 * kSecond;
  p.hello_retry_interval_ns = retry_ns;
  p.routing_enabled = false;
  return p;
}

// The times of the HELLOs `n` sends `to` while its timers run in 10 ms ticks over (from, until].
std::vector<TimeNs> hellos_to(Node& n, const Address& to, TimeNs from, TimeNs until) {
  std::vector<TimeNs> at;
  RecordingOutput out;
  for (TimeNs t = from + 10 * kMillisecond; t <= until; t += 10 * kMillisecond) {
    n.on_timer(t, out);
    for (const auto& s : out.sent()) {
      const auto m = wire::decode(*s.bytes);
      if (s.to == to && m && wire::verb_of(m.value()) == wire::Verb::kHello) at.push_back(t);
    }
    out.clear();
  }
  return at;
}

TEST(QuietKeepalive, APeerNotYetAnsweringIsRetriedAtTheRetryPeriod) {
  Node n(quiet_params(1 * kSecond), 1);
  RecordingOutput out;
  n.start(0, out);
  n.add_peer(kT0, kA, out);  // a graft or bootstrap target: we greet it first
  const auto at = hellos_to(n, kA, kT0, kT0 + 5 * kSecond + 500 * kMillisecond);
  EXPECT_EQ(at, (std::vector<TimeNs>{kT0 + 1 * kSecond, kT0 + 2 * kSecond, kT0 + 3 * kSecond,
                                     kT0 + 4 * kSecond, kT0 + 5 * kSecond}));
}

TEST(QuietKeepalive, WithoutTheRetryPeriodItWaitsTheHelloPeriodAsTheSpec) {
  Node n(quiet_params(0), 1);
  RecordingOutput out;
  n.start(0, out);
  n.add_peer(kT0, kA, out);
  EXPECT_TRUE(hellos_to(n, kA, kT0, kT0 + 9 * kSecond).empty()) << "the next HELLO comes after 10-20 s";
}

TEST(QuietKeepalive, OnceItAnswersItIsKeptAliveAtTheHelloPeriod) {
  Node n(quiet_params(1 * kSecond), 1);
  RecordingOutput out;
  n.start(0, out);
  n.add_peer(kT0, kA, out);
  const TimeNs answered = kT0 + 2 * kSecond + 500 * kMillisecond;
  ASSERT_EQ(hellos_to(n, kA, kT0, answered).size(), 2u);
  n.on_datagram(answered, kA, datagram(wire::Hello{kIdA, "t"}), out);
  // The retry already due at kT0 + 3 s goes; the one after it waits 10-20 s.
  const auto at = hellos_to(n, kA, answered, answered + 12 * kSecond);
  EXPECT_EQ(at, std::vector<TimeNs>{kT0 + 3 * kSecond});
}

TEST(QuietKeepalive, APeerThatGreetedUsFirstIsKeptAliveAtTheHelloPeriod) {
  Node n(quiet_params(1 * kSecond), 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kB, datagram(wire::Hello{kIdB, "t"}), out);
  EXPECT_TRUE(hellos_to(n, kB, kT0, kT0 + 9 * kSecond).empty());
}

// For any retry period shorter than the HELLO period: gaps between HELLOs to a silent peer are
// the retry period; after it answers, every gap from the second on lies in the HELLO period.
RC_GTEST_PROP(QuietKeepalive, RetryGapsUntilAnsweredThenHelloPeriodGaps, ()) {
  const TimeNs retry = *rc::gen::inRange(1, 40) * 100 * kMillisecond;  // 0.1-3.9 s, a tick multiple
  const int silent_retries = *rc::gen::inRange(1, 6);
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
  Node n(quiet_params(retry), seed);
  RecordingOutput out;
  n.start(0, out);
  n.add_peer(kT0, kA, out);
  const TimeNs answered = kT0 + silent_retries * retry + retry / 2;
  const auto before = hellos_to(n, kA, kT0, answered);
  RC_ASSERT(before.size() == static_cast<std::size_t>(silent_retries));
  for (std::size_t i = 0; i < before.size(); ++i)
    RC_ASSERT(before[i] == kT0 + static_cast<TimeNs>(i + 1) * retry);
  n.on_datagram(answered, kA, datagram(wire::Hello{kIdA, "t"}), out);
  auto after = hellos_to(n, kA, answered, answered + 50 * kSecond);
  RC_ASSERT(after.size() >= 3u);
  RC_ASSERT(after[0] == kT0 + static_cast<TimeNs>(silent_retries + 1) * retry);
  for (std::size_t i = 1; i < after.size(); ++i) {
    RC_ASSERT(after[i] - after[i - 1] >= 10 * kSecond);
    RC_ASSERT(after[i] - after[i - 1] <= 20 * kSecond + 10 * kMillisecond);
  }
}

// --- held relays ---

const std::string kHeldChannel = "c0ffee00-0000-4000-8000-0000000000bb";

NodeParams holding_params(std::uint32_t held_max) {
  NodeParams p;
  p.propagation = Propagation::kMesh;
  p.routing_enabled = false;
  p.held_relays_max = held_max;
  return p;
}

// A mesh node with A met and proved, and B verified (two HELLOs) but not yet proving its
// address: B's 3x budget (about 3 of its HELLOs) cannot carry a channel's first listing of 40
// members. `probe` is the msg_id of the GETCERTIFICATE that asks B to prove it.
struct HalfProved {
  Node n;
  RecordingOutput out;
  std::string probe;
  explicit HalfProved(std::uint32_t held_max) : n(holding_params(held_max), 1) {
    n.start(0, out);
    meet_neighbour(n, kT0, kA, kIdA, out);
    n.on_datagram(kT0 + 10, kB, datagram(wire::Hello{kIdB, "t"}), out);
    n.on_datagram(kT0 + 11, kB, datagram(wire::Hello{kIdB, "t"}), out);
    for (const auto& s : out.sent()) {
      const auto m = wire::decode(*s.bytes);
      if (const auto* g = m ? std::get_if<wire::GetCertificate>(&m.value()) : nullptr; g && s.to == kB)
        probe = g->msg_id;
    }
    out.clear();
  }
  // A's first listing of the channel (discovery: relayed to every peer), 40 members.
  void first_listing(TimeNs t) {
    std::vector<std::string> members;
    for (int i = 0; i < 40; ++i) members.push_back(numbered_id(100 + i));
    members.push_back(kIdA);
    wire::Channel c{"listing-1", kIdA, "lobby", kHeldChannel, std::move(members), false};
    n.on_datagram(t, kA, datagram(c), out);
  }
  [[nodiscard]] std::size_t channels_to(const Address& a) const {
    std::size_t k = 0;
    for (const auto& s : out.sent()) {
      const auto m = wire::decode(*s.bytes);
      k += s.to == a && m && wire::verb_of(m.value()) == wire::Verb::kChannel ? 1 : 0;
    }
    return k;
  }
  [[nodiscard]] std::size_t refused() const {
    std::size_t k = 0;
    for (const auto& e : out.recorded())
      k += e.kind == EventKind::kDropped && e.reason == "amplification_limit" && e.verb == "CHANNEL" ? 1 : 0;
    return k;
  }
};

TEST(HeldRelays, WithoutThemTheBudgetDropsTheDiscoveryRelay) {
  HalfProved h(0);
  ASSERT_FALSE(h.probe.empty());
  h.first_listing(kT0 + 20);
  EXPECT_EQ(h.channels_to(kB), 0u);
  EXPECT_EQ(h.refused(), 1u);
  h.out.clear();
  h.n.on_datagram(kT0 + 30, kB, datagram(wire::Ack{h.probe}), h.out);
  EXPECT_EQ(h.channels_to(kB), 0u) << "lost for good";
}

TEST(HeldRelays, TheRelayWaitsForTheProofAndThenGoes) {
  HalfProved h(8);
  ASSERT_FALSE(h.probe.empty());
  h.first_listing(kT0 + 20);
  EXPECT_EQ(h.channels_to(kB), 0u) << "the budget still holds";
  EXPECT_EQ(h.refused(), 0u) << "held, not dropped";
  h.out.clear();
  h.n.on_datagram(kT0 + 30, kB, datagram(wire::Ack{h.probe}), h.out);
  EXPECT_EQ(h.channels_to(kB), 1u) << "sent once B proved its address";
  h.out.clear();
  h.n.on_datagram(kT0 + 40, kB, datagram(wire::Ack{h.probe}), h.out);
  EXPECT_EQ(h.channels_to(kB), 0u) << "and only once";
}

TEST(HeldRelays, APeerLeavingTheTableTakesItsHeldRelaysAsDrops) {
  HalfProved h(8);
  h.first_listing(kT0 + 20);
  h.out.clear();
  // B never proves its address nor says anything more: its peer timeout (15 s) removes it.
  for (TimeNs t = kT0 + kSecond; t <= kT0 + 40 * kSecond; t += 100 * kMillisecond) {
    h.n.on_timer(t, h.out);
    if ((t - kT0) % (2 * kSecond) == 0) h.n.on_datagram(t, kA, datagram(wire::Hello{kIdA, "t"}), h.out);
  }
  EXPECT_EQ(h.channels_to(kB), 0u);
  EXPECT_EQ(h.refused(), 1u) << "counted where it was finally lost";
}

TEST(HeldRelays, BeyondTheBoundTheOldestIsDropped) {
  HeldRelays held;
  const auto bytes = make_bytes("x");
  EXPECT_FALSE(held.hold({kA, bytes, wire::Verb::kJoin}, 2).has_value());
  EXPECT_FALSE(held.hold({kB, bytes, wire::Verb::kChannel}, 2).has_value());
  const auto oldest = held.hold({kA, bytes, wire::Verb::kLeave}, 2);
  ASSERT_TRUE(oldest.has_value());
  EXPECT_EQ(oldest->verb, wire::Verb::kJoin);
  const auto for_a = held.take(kA);
  ASSERT_EQ(for_a.size(), 1u);
  EXPECT_EQ(for_a[0].verb, wire::Verb::kLeave);
  EXPECT_EQ(held.size(), 1u);
}

// --- routing_to_new_peer ---

// The ROUTINGs `n` sent `to` in `out`.
std::vector<wire::Routing> routings_to(const RecordingOutput& out, const Address& to) {
  std::vector<wire::Routing> r;
  for (const auto& s : out.sent()) {
    const auto m = wire::decode(*s.bytes);
    if (const auto* routing = m ? std::get_if<wire::Routing>(&m.value()) : nullptr; routing && s.to == to)
      r.push_back(*routing);
  }
  return r;
}

// A node (ROUTING every 15 s) greets A, which answers at kT0 + 50 ms.
std::vector<wire::Routing> routings_on_answer(bool tell) {
  NodeParams p = quiet_params(1 * kSecond);
  p.routing_enabled = true;
  p.routing_interval_ns = 15 * kSecond;
  p.routing_to_new_peer = tell;
  Node n(p, 1);
  RecordingOutput out;
  n.start(0, out);
  n.add_peer(kT0, kA, out);
  out.clear();
  n.on_datagram(kT0 + 50 * kMillisecond, kA, datagram(wire::Hello{kIdA, "t"}), out);
  return routings_to(out, kA);
}

TEST(RoutingToNewPeer, APeerThatAnswersLearnsAtOnceWhereWeSeeIt) {
  const auto r = routings_on_answer(true);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].nodes.size(), 1u) << "it names the new peer alone";
  EXPECT_EQ(r[0].nodes[0].node_id, kIdA);
  EXPECT_EQ(r[0].nodes[0].address, kA.to_string());
}

TEST(RoutingToNewPeer, WithoutItThePeerWaitsForTheNextRound) {
  EXPECT_TRUE(routings_on_answer(false).empty());
}

}  // namespace
}  // namespace ptplab::engine::test
