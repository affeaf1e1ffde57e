// Engine drop rows of the `traffic` table are charged to the datagram their event names, through
// the simulator's real drain path: the network tells the collector which input each event came
// from. Regression for issue [A]: the collector used to charge the size of whatever datagram any
// host had received last, so a drop raised by a timer or a user action (no input datagram) got
// another host's datagram size; then, when an event named no size, it charged the size of the
// datagram being handled (review-ae finding 16). Now the event's own size is the only one, and
// an event about no datagram (size 0) is no traffic row at all (review-ae finding 3).
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "scenarios/metrics/collector.hpp"
#include "sim/network.hpp"

namespace ptplab::scenarios {
namespace {

// A datagram of `size` bytes whose msg_type is `verb` (the collector scans for it, never decodes).
SharedBytes datagram_of(std::string_view verb, std::size_t size) {
  std::string s = R"({"msg_type":")" + std::string(verb) + R"(","msg_data":{"pad":")";
  const std::string tail = "\"}}";
  s.append(size - s.size() - tail.size(), 'x');
  return make_bytes(s + tail);
}

// A kDropped event about `size` bytes (0: about no datagram).
Event drop(std::optional<Verb> verb, Reason reason, std::size_t size = 0) {
  Event e;
  e.kind = EventKind::kDropped;
  e.verb = verb;
  e.reason = reason;
  e.size = size;
  return e;
}

// The size of the parked MESSAGE a Dropper's wake-up drops.
constexpr std::size_t kParkedBytes = 333;

// Drops every datagram it receives as undecodable (the event names no verb: the input's is
// meant), and at its wake-up drops a parked MESSAGE that timed out (no input: the event carries
// the size of the datagram the MESSAGE came in).
class Dropper final : public Endpoint {
 public:
  explicit Dropper(TimeNs wake_ns) : wake_ns_(wake_ns) {}
  void start(TimeNs, Output& out) override { out.wake_at(wake_ns_); }
  void on_datagram(TimeNs, const Address&, const SharedBytes& bytes, Output& out) override {
    out.event(drop(std::nullopt, Reason::kNotJson, bytes ? bytes->size() : 0));
  }
  void on_timer(TimeNs, Output& out) override {
    out.event(drop(Verb::kMessage, Reason::kVerificationTimeout, kParkedBytes));
    out.wake_at(kNever);
  }

 private:
  TimeNs wake_ns_;
};

// Whether the traffic table has a row for (verb, reason).
bool has_row(const Collector& c, std::string_view verb, std::string_view reason) {
  for (const auto& r : c.traffic_rows())
    if (r.verb == verb && r.drop_reason == reason) return true;
  return false;
}

// (datagrams, bytes) dropped in the one row for (verb, reason); fails the test if there is none.
std::pair<std::uint64_t, std::uint64_t> dropped(const Collector& c, std::string_view verb,
                                                std::string_view reason) {
  for (const auto& r : c.traffic_rows())
    if (r.verb == verb && r.drop_reason == reason) return {r.datagrams_dropped, r.bytes_dropped};
  ADD_FAILURE() << "no traffic row " << verb << "/" << reason;
  return {};
}
using Dropped = std::pair<std::uint64_t, std::uint64_t>;

TEST(TrafficCause, EngineDropsAreChargedToTheDatagramTheirEventNames) {
  Collector collector(CollectorOptions{3, true, 10 * kSecond, 10 * kSecond, nullptr});
  sim::Simulator s;
  sim::Network net(s, sim::NetworkConfig{}, &collector);  // 20 ms latency
  const auto add = [&](std::uint32_t ip, TimeNs wake_ns) {
    return *net.add_host({.address = Address{ip, 7000}},
                         [wake_ns](const sim::HostStart&) { return std::make_unique<Dropper>(wake_ns); });
  };
  const auto a = add(0x0b000001, kNever);
  const auto b = add(0x0b000002, 200 * kMillisecond);  // its timer fires after both deliveries
  const auto c = add(0x0b000003, kNever);
  for (const auto h : {a, b, c}) net.start_host(h);

  // b receives a 700-byte MESSAGE, then c a 60-byte HELLO: different sizes, different hosts.
  net.act(a, [&](Endpoint&, Output& out) { out.send(net.address(b), datagram_of("MESSAGE", 700)); });
  s.run_until(50 * kMillisecond);
  net.act(a, [&](Endpoint&, Output& out) { out.send(net.address(c), datagram_of("HELLO", 60)); });
  s.run_until(100 * kMillisecond);
  // A user action on a that drops a MESSAGE of its own (e.g. no channel key yet): no input either.
  net.act(a, [&](Endpoint&, Output& out) { out.event(drop(Verb::kMessage, Reason::kNoKey)); });
  s.run_until(300 * kMillisecond);

  EXPECT_EQ(dropped(collector, "MESSAGE", "not_json"), Dropped(1, 700));
  EXPECT_EQ(dropped(collector, "HELLO", "not_json"), Dropped(1, 60));
  // Neither the timer's drop on b nor the action's on a is about a datagram that arrived: the
  // old collector charged both the 60 bytes of the HELLO c received last. The timer's names the
  // parked MESSAGE's datagram; the action's is about no datagram: no traffic row, a not_sent count.
  EXPECT_EQ(dropped(collector, "MESSAGE", "verification_timeout"), Dropped(1, kParkedBytes));
  EXPECT_FALSE(has_row(collector, "MESSAGE", "no_key"));
  const auto d = collector.diagnostics();
  ASSERT_EQ(d.not_sent.size(), 1u);
  EXPECT_EQ(d.not_sent[0].reason, "no_key");
  EXPECT_EQ(d.not_sent[0].count, 1u);
}

// An event that names no size is about no datagram, even while a datagram is being handled:
// the collector never falls back to the input's size (review-ae finding 16), and the engine's
// no_route (a GETCERTIFICATE with no address: it never existed) is not a dropped datagram of 0
// bytes (review-ae finding 3).
class Refuser final : public Endpoint {
 public:
  void start(TimeNs, Output&) override {}
  void on_datagram(TimeNs, const Address&, const SharedBytes&, Output& out) override {
    out.event(drop(Verb::kGetCertificate, Reason::kNoRoute));
  }
  void on_timer(TimeNs, Output&) override {}
};

TEST(TrafficCause, EventsAboutNoDatagramAreNoTraffic) {
  Collector collector(CollectorOptions{2, true, 10 * kSecond, 10 * kSecond, nullptr});
  sim::Simulator s;
  sim::Network net(s, sim::NetworkConfig{}, &collector);
  const auto a = *net.add_host({.address = Address{0x0b000001, 7000}},
                               [](const sim::HostStart&) { return std::make_unique<Refuser>(); });
  const auto b = *net.add_host({.address = Address{0x0b000002, 7000}},
                               [](const sim::HostStart&) { return std::make_unique<Refuser>(); });
  net.start_host(a);
  net.start_host(b);
  const auto to = net.address(b);
  net.act(a, [&](Endpoint&, Output& out) { out.send(to, datagram_of("GETCERTIFICATE", 120)); });
  s.run_until(100 * kMillisecond);
  EXPECT_FALSE(has_row(collector, "GETCERTIFICATE", "no_route"));
  for (const auto& r : collector.traffic_rows())
    EXPECT_EQ(r.datagrams_dropped, 0u) << r.verb << r.drop_reason;
  const auto d = collector.diagnostics();
  ASSERT_EQ(d.not_sent.size(), 1u);
  EXPECT_EQ(d.not_sent[0].reason, "no_route");
}

// Two Dropper hosts a and b (b wakes at `b_wake_ns`) on a network observed by a collector.
struct TwoDroppers {
  Collector collector{CollectorOptions{2, true, 10 * kSecond, 10 * kSecond, nullptr}};
  sim::Simulator s;
  sim::Network net{s, sim::NetworkConfig{}, &collector};
  sim::HostId a, b;
  explicit TwoDroppers(TimeNs b_wake_ns) : a(add(0x0b000001, kNever)), b(add(0x0b000002, b_wake_ns)) {
    net.start_host(a);
    net.start_host(b);
  }
  sim::HostId add(std::uint32_t ip, TimeNs wake_ns) {
    return *net.add_host({.address = Address{ip, 7000}},
                         [wake_ns](const sim::HostStart&) { return std::make_unique<Dropper>(wake_ns); });
  }
};

// One host receiving two datagrams in a row charges each drop to its own input's verb: the
// collector's one-scan-per-input cache never serves the previous datagram's verb.
TEST(TrafficCause, EachInputIsChargedItsOwnVerb) {
  TwoDroppers t(kNever);
  auto& [collector, s, net, a, b] = t;
  const auto message = datagram_of("MESSAGE", 500);
  const auto to = net.address(b);  // a lambda cannot name a structured binding in clang 14
  net.act(a, [&](Endpoint&, Output& out) {
    out.send(to, message);
    out.send(to, datagram_of("HELLO", 70));
    out.send(to, message);  // the same buffer again: scanned once, charged twice
  });
  s.run_until(100 * kMillisecond);
  EXPECT_EQ(dropped(collector, "MESSAGE", "not_json"), Dropped(2, 1000));
  EXPECT_EQ(dropped(collector, "HELLO", "not_json"), Dropped(1, 70));
}

// A MESSAGE dropped while the user action sending it runs was never sent: the collector counts
// it as unsent by reason; the same drop raised by a timer or an input is not an unsent message.
TEST(TrafficCause, MessagesDroppedBySendingActionsAreUnsent) {
  TwoDroppers t(50 * kMillisecond);
  auto& [collector, s, net, a, b] = t;
  for (int i = 0; i < 3; ++i)
    net.act(a, [&](Endpoint&, Output& out) { out.event(drop(Verb::kMessage, Reason::kTooLarge, 9000)); });
  net.act(a, [&](Endpoint&, Output& out) { out.event(drop(Verb::kMessage, Reason::kNoKey)); });
  s.run_until(100 * kMillisecond);  // b's timer drops a parked MESSAGE: not an unsent one
  const auto d = collector.diagnostics();
  ASSERT_EQ(d.unsent.size(), 2u);
  EXPECT_EQ(d.unsent[0].reason, "too_large");
  EXPECT_EQ(d.unsent[0].count, 3u);
  EXPECT_EQ(d.unsent[1].reason, "no_key");
  EXPECT_EQ(d.unsent[1].count, 1u);
}

// A drop that names a peer is one copy of a sent MESSAGE refused for that next hop (a full
// retransmission table, anti-amplification): counted as a copy, never as an unsent MESSAGE,
// however many peers a MESSAGE had (the new user's repro counted 2,113 "unsent" of 105 sent).
TEST(TrafficCause, CopiesRefusedForOnePeerAreNotUnsentMessages) {
  TwoDroppers t(kNever);
  auto& [collector, s, net, a, b] = t;
  net.act(a, [&](Endpoint&, Output& out) {
    for (std::uint16_t port = 1; port <= 4; ++port) {
      Event e = drop(Verb::kMessage, Reason::kRetransmitQueueFull, 400);
      e.peer = Address{0x0a000001, port};
      out.event(e);
    }
  });
  s.run_until(100 * kMillisecond);
  const auto d = collector.diagnostics();
  EXPECT_TRUE(d.unsent.empty());
  ASSERT_EQ(d.unsent_copies.size(), 1u);
  EXPECT_EQ(d.unsent_copies[0].reason, "retransmit_queue_full");
  EXPECT_EQ(d.unsent_copies[0].count, 4u);
}

// Each event is reported with the input the host handed the endpoint, after its sends.
struct CauseLog final : sim::Observer {
  std::vector<sim::CauseKind> kinds;
  std::vector<std::size_t> sizes;  // the cause datagram's size, 0 for none
  std::size_t sends = 0;
  std::vector<std::size_t> sends_before_event;
  void on_send(TimeNs, const sim::DatagramView&) override { ++sends; }
  void on_event(TimeNs, sim::HostId, const Event&, const sim::EventCause& cause) override {
    kinds.push_back(cause.kind);
    sizes.push_back(cause.datagram != nullptr ? cause.datagram->size() : 0);
    sends_before_event.push_back(sends);
  }
};

TEST(TrafficCause, NetworkNamesTheCauseOfEveryEvent) {
  CauseLog log;
  sim::Simulator s;
  sim::Network net(s, sim::NetworkConfig{}, &log);  // 20 ms latency
  const auto a = *net.add_host({.address = Address{0x0b000001, 7000}},
                               [](const sim::HostStart&) { return std::make_unique<Dropper>(kNever); });
  const auto b = *net.add_host({.address = Address{0x0b000002, 7000}}, [](const sim::HostStart&) {
    return std::make_unique<Dropper>(60 * kMillisecond);
  });
  net.start_host(a);
  net.start_host(b);
  net.act(a, [&](Endpoint&, Output& out) {
    out.event(drop(Verb::kMessage, Reason::kNoKey));
    out.send(net.address(b), datagram_of("HELLO", 90));  // sent before the event is reported
  });
  s.run_until(100 * kMillisecond);
  ASSERT_EQ(log.kinds.size(), 3u);
  EXPECT_EQ(log.kinds[0], sim::CauseKind::kAction);
  EXPECT_EQ(log.sends_before_event[0], 1u);
  EXPECT_EQ(log.kinds[1], sim::CauseKind::kDatagram);  // b handles the HELLO at 20 ms
  EXPECT_EQ(log.sizes[1], 90u);
  EXPECT_EQ(log.kinds[2], sim::CauseKind::kTimer);  // b's wake-up at 60 ms
  EXPECT_EQ(log.sizes[2], 0u);
}

}  // namespace
}  // namespace ptplab::scenarios
