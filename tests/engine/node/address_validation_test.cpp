// Address validation (PROTOCOL.md "Node: peers", review S3): a peer that answers our HELLO is a
// neighbour, but our sends to it escape the 3x anti-amplification budget only once it echoed one
// of our msg_ids. Two HELLOs forged from a victim that never sends used to lift the bound (the
// victim got 58,814 bytes of ROUTING, HELLO and CHANNEL for 144 spoofed bytes); now what the
// victim receives stays within 3x what was sent in its name, and a real peer that ACKs our
// probe gets our ROUTING again.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "tests/engine/node/fixture.hpp"

namespace ptplab::engine::test {
namespace {

std::string crowd_id(int i) {
  char text[40];
  std::snprintf(text, sizeof text, "6f1c2a3b-0000-4000-8000-%012d", 500 + i);
  return text;
}

constexpr int kCrowd = 40;  // live peers: our ROUTING lists them all (about 3 KB)
const Address kVictim = addr(9);

// A node with kCrowd peers that keep HELLOing every second, run in 10 ms ticks from kT0 to
// `end`; `each_tick(t, out)` sees every call's output before it is cleared.
template <class F>
void run_with_crowd(Node& n, TimeNs end, F&& each_tick) {
  RecordingOutput out;
  for (TimeNs t = kT0; t <= end; t += 10 * kMillisecond) {
    if ((t - kT0) % kSecond == 0)
      for (int i = 0; i < kCrowd; ++i)
        n.on_datagram(t, addr(100 + static_cast<std::uint32_t>(i)), datagram(wire::Hello{crowd_id(i), "t"}),
                      out);
    n.on_timer(t, out);
    each_tick(t, out);
    out.clear();
  }
}

std::size_t bytes_to(const RecordingOutput& out, const Address& a) {
  std::size_t n = 0;
  for (const auto& s : out.sent()) n += s.to == a ? s.bytes->size() : 0;
  return n;
}

TEST(AddressValidation, TwoSpoofedHellosDoNotLiftTheAmplificationBound) {
  Node n({}, 3);
  RecordingOutput start;
  n.start(0, start);
  const auto forged = datagram(wire::Hello{kIdB, "t"});
  std::size_t to_victim = 0;
  std::size_t routing_refused = 0;
  run_with_crowd(n, kT0 + 25 * kSecond, [&](TimeNs t, RecordingOutput& out) {
    // The spoofer's two HELLOs "from" the victim, after the crowd is in place; the victim sends nothing.
    if (t == kT0 + 100 * kMillisecond || t == kT0 + 200 * kMillisecond)
      n.on_datagram(t, kVictim, forged, out);
    to_victim += bytes_to(out, kVictim);
    for (const auto& e : out.recorded())
      routing_refused += e.kind == EventKind::kDropped && e.peer == kVictim && e.verb == "ROUTING" &&
                         e.reason == "amplification_limit";
  });
  EXPECT_GT(routing_refused, 0u);  // the victim counts as a neighbour: our ROUTING was due to it
  EXPECT_LE(to_victim, 3 * 2 * forged->size());
}

TEST(AddressValidation, APeerThatAcksOurProbeGetsOurRouting) {
  Node n({}, 3);
  RecordingOutput start;
  n.start(0, start);
  std::optional<std::string> probe;
  std::size_t routings_before_ack = 0;
  std::size_t routings_after_ack = 0;
  bool acked = false;
  run_with_crowd(n, kT0 + 12 * kSecond, [&](TimeNs t, RecordingOutput& out) {
    // kA is a real peer: it HELLOs every second, and ACKs the first GETCERTIFICATE we send it.
    if ((t - kT0) % kSecond == 50 * kMillisecond) n.on_datagram(t, kA, datagram(wire::Hello{kIdA, "t"}), out);
    for (const auto& s : out.sent()) {
      if (s.to != kA) continue;
      const auto m = wire::decode(*s.bytes);
      ASSERT_TRUE(m.has_value());
      if (const auto* g = std::get_if<wire::GetCertificate>(&m.value()); g && !probe) probe = g->msg_id;
      if (wire::verb_of(m.value()) == wire::Verb::kRouting)
        ++(acked ? routings_after_ack : routings_before_ack);
    }
    if (probe && !acked) {
      out.clear();
      n.on_datagram(t + 1, kA, datagram(wire::Ack{*probe}), out);
      acked = true;
    }
  });
  ASSERT_TRUE(probe.has_value()) << "a refused ROUTING makes the next HELLO tick probe kA";
  EXPECT_EQ(routings_before_ack, 0u);  // ~3 KB of ROUTING exceeds 3x kA's HELLOs
  EXPECT_GE(routings_after_ack, 3u);   // every 2 s once kA proved it receives
}

}  // namespace
}  // namespace ptplab::engine::test
