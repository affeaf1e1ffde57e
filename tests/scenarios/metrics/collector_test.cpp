// The collector's metrics on hand-built observations with literal timestamps: three honest
// hosts and one attacker, every number computable by hand.
#include "scenarios/metrics/collector.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <tuple>
#include <type_traits>
#include <vector>

#include "engine/wire/codec.hpp"
#include "tests/scenarios/kept_rows.hpp"

namespace ptplab::scenarios {
namespace {

constexpr TimeNs ms = kMillisecond;

// Feeds a Collector the way sim::Network would.
struct Feed {
  Collector c;
  explicit Feed(std::size_t hosts) : c(CollectorOptions{hosts, true, 10 * kSecond, kSecond, nullptr}) {}

  void up(sim::HostId h, TimeNs t = 0) { c.on_host_state(t, h, true); }
  void originate(TimeNs t, sim::HostId h, std::string_view msg_id, std::string_view channel) {
    Event e;
    e.kind = EventKind::kMessageOriginated;
    e.msg_id = msg_id;
    e.channel_id = channel;
    e.value = 100;
    c.on_event(t, h, e, {});
  }
  void deliver(TimeNs t, sim::HostId h, std::string_view msg_id, std::string_view origin_node_id = "") {
    Event e;
    e.kind = EventKind::kDelivered;
    e.msg_id = msg_id;
    e.node_id = origin_node_id;
    c.on_event(t, h, e, {});
  }
  void datagram(TimeNs t, sim::HostId from, sim::HostId to, const SharedBytes& b, Address src = {},
                Address dst = {}) {
    sim::DatagramView d{t, from, to, src, dst, &b};
    c.on_send(t, d);
    c.on_delivery(t + 10 * ms, d);
  }
};

// A sink that keeps the membership rows it is given.
using MembershipRows = test_support::KeptRows<reports::MembershipRecord>;

TEST(Collector, DeliveryRatioCountsOnlyMembersThatWereUp) {
  Feed f(3);
  for (sim::HostId h = 0; h < 3; ++h) {
    f.up(h);
    f.c.set_node_id(h, "node" + std::to_string(h));
  }
  f.c.add_channel("ch");
  for (sim::HostId h = 0; h < 3; ++h) f.c.note_member(500 * ms, h, "ch");
  f.originate(1000 * ms, 0, "m1", "ch");  // intended: hosts 1 and 2
  f.deliver(1010 * ms, 1, "m1");
  f.deliver(1020 * ms, 2, "m1");
  f.c.on_host_state(1500 * ms, 2, false);  // host 2 crashes: no longer intended
  f.originate(2000 * ms, 0, "m2", "ch");   // intended: host 1 only
  f.deliver(2030 * ms, 1, "m2");
  f.originate(3000 * ms, 1, "m3", "ch");  // intended: host 0; never delivered
  const auto m = f.c.finish(10 * kSecond);
  EXPECT_EQ(m.at("messages_sent"), 3);
  EXPECT_EQ(m.at("delivered_messages"), 3);
  EXPECT_DOUBLE_EQ(m.at("delivery_ratio"), 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(m.at("latency_p50_ms"), 20);  // sorted 10, 20, 30: rank ceil(1.5) = 2
  EXPECT_DOUBLE_EQ(m.at("latency_p90_ms"), 30);
  EXPECT_DOUBLE_EQ(m.at("latency_max_ms"), 30);
  // No attacker host: every node is honest, so the honest figure is the delivery ratio itself.
  EXPECT_DOUBLE_EQ(m.at("honest_delivery_ratio"), 3.0 / 4.0);
}

// With an attacker host, honest_delivery_ratio counts only the messages sent while an attack
// window was open; with no message sent then, it is absent.
TEST(Collector, HonestDeliveryRatioCountsMessagesSentUnderAttack) {
  for (const bool window : {true, false}) {
    SCOPED_TRACE(window ? "attack window 1.5 s to 2.5 s" : "no attack window");
    Feed f(4);  // hosts 0-2 honest, host 3 the attacker
    for (sim::HostId h = 0; h < 4; ++h) f.up(h);
    for (sim::HostId h = 0; h < 3; ++h) f.c.set_node_id(h, "node" + std::to_string(h));
    HostRole attacker;
    attacker.attacker = true;
    f.c.set_role(3, attacker);
    if (window) f.c.set_attack_windows({AttackWindow{1500 * ms, 2500 * ms}});
    f.c.add_channel("ch");
    for (sim::HostId h = 0; h < 3; ++h) f.c.note_member(500 * ms, h, "ch");
    f.originate(1000 * ms, 0, "m1", "ch");  // before the attack: hosts 1 and 2 get it
    f.deliver(1010 * ms, 1, "m1");
    f.deliver(1020 * ms, 2, "m1");
    f.originate(2000 * ms, 0, "m2", "ch");  // under attack: only host 1 gets it
    f.deliver(2030 * ms, 1, "m2");
    const auto m = f.c.finish(10 * kSecond);
    EXPECT_DOUBLE_EQ(m.at("delivery_ratio"), 3.0 / 4.0);
    if (window) {
      EXPECT_DOUBLE_EQ(m.at("honest_delivery_ratio"), 1.0 / 2.0);
    } else {
      EXPECT_EQ(m.count("honest_delivery_ratio"), 0u);
    }
  }
}

// The `node` rows' result columns add up to the metrics: per recipient, the messages it was an
// intended recipient of and their first deliveries; and the per-group totals come from them.
TEST(Collector, NodeRowsAndGroupTotalsSplitTheDeliveryRatio) {
  Feed f(3);
  for (sim::HostId h = 0; h < 3; ++h) {
    f.up(h);
    f.c.set_node_id(h, "node" + std::to_string(h));
  }
  f.c.set_group(0, 0, "a");
  f.c.set_group(1, 1, "b");
  f.c.set_group(2, 1, "b");
  f.c.add_channel("ch");
  for (sim::HostId h = 0; h < 3; ++h) f.c.note_member(500 * ms, h, "ch");
  f.originate(1000 * ms, 0, "m1", "ch");
  f.deliver(1010 * ms, 1, "m1");
  f.deliver(1020 * ms, 2, "m1");
  f.c.on_host_state(1500 * ms, 2, false);
  f.originate(2000 * ms, 0, "m2", "ch");
  f.deliver(2030 * ms, 1, "m2");
  f.originate(3000 * ms, 1, "m3", "ch");
  const auto rows = f.c.node_rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].messages_intended, 1u);  // m3
  EXPECT_EQ(rows[1].messages_intended, 2u);  // m1, m2 (m3 is its own)
  EXPECT_EQ(rows[2].messages_intended, 1u);  // m1; down when m2 was sent
  EXPECT_EQ(rows[0].deliveries + rows[1].deliveries + rows[2].deliveries, 3u);
  EXPECT_EQ(rows[1].deliveries, 2u);
  EXPECT_EQ(rows[2].joined_ns, 500 * ms);
  EXPECT_EQ(rows[2].left_ns, 1500 * ms);
  EXPECT_FALSE(rows[1].left_ns.has_value());
  const auto groups = f.c.group_totals();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].group_name, "a");
  EXPECT_EQ(groups[0].intended, 1u);
  EXPECT_EQ(groups[0].delivery_ratio, 0.0);
  EXPECT_FALSE(groups[0].latency_p50_ms.has_value());
  EXPECT_EQ(groups[1].nodes, 2u);
  EXPECT_EQ(groups[1].delivered, 3u);
  EXPECT_EQ(groups[1].delivery_ratio, 1.0);
  EXPECT_DOUBLE_EQ(*groups[1].latency_p50_ms, 20);  // 10, 20, 30 ms
  EXPECT_DOUBLE_EQ(*groups[1].latency_p99_ms, 30);
}

// A message its origin could not send still had intended recipients: each of them is charged
// the pair in its `node` row, so per-group delivery is against intention like the headline.
TEST(Collector, UnsentMessagesCountInEachRecipientsIntendedPairs) {
  Feed f(3);
  for (sim::HostId h = 0; h < 3; ++h) f.up(h);
  f.c.set_group(0, 0, "a");
  f.c.set_group(1, 0, "a");
  f.c.set_group(2, 1, "b");
  f.c.add_channel("ch");
  f.c.note_intended(0, 0, "ch");
  f.c.note_member(0, 1, "ch");
  f.c.note_intended(0, 2, "ch");        // never joins
  f.c.note_unsent(1000 * ms, 0, "ch");  // intended: hosts 1 and 2 (0 is the origin)
  f.c.on_host_state(1500 * ms, 2, false);
  f.c.note_unsent(2000 * ms, 1, "ch");    // intended: host 0 (2 is down, 1 the origin)
  f.originate(3000 * ms, 0, "m1", "ch");  // intended: host 1
  f.deliver(3010 * ms, 1, "m1");
  const auto rows = f.c.node_rows();
  EXPECT_EQ(rows[0].messages_intended, 1u);
  EXPECT_EQ(rows[1].messages_intended, 2u);
  EXPECT_EQ(rows[2].messages_intended, 1u);
  const auto groups = f.c.group_totals();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].intended, 3u);
  EXPECT_DOUBLE_EQ(*groups[0].delivery_ratio, 1.0 / 3.0);
  EXPECT_EQ(groups[1].intended, 1u);
  EXPECT_EQ(groups[1].delivery_ratio, 0.0);
}

// A MESSAGE whose msg_id only another verb's datagram shares has no second message: the node
// that drops a copy as a collision tells the collector, and the id counts as shared.
TEST(Collector, MsgIdSharedWithAnotherVerbCountsAsCollision) {
  Feed f(3);
  for (sim::HostId h = 0; h < 3; ++h) f.up(h);
  f.c.add_channel("ch");
  for (sim::HostId h = 0; h < 3; ++h) f.c.note_member(0, h, "ch");
  f.originate(1000 * ms, 0, "m1", "ch");  // intended: hosts 1 and 2
  f.originate(1000 * ms, 0, "m2", "ch");
  f.deliver(1010 * ms, 1, "m1");
  f.deliver(1010 * ms, 1, "m2");
  f.deliver(1010 * ms, 2, "m2");
  Event e;
  e.kind = EventKind::kCollision;
  e.reason = Reason::kMsgId;
  e.msg_id = "m1";  // host 2 had seen m1's id on a JOIN
  f.c.on_event(1020 * ms, 2, e, {});
  const auto m = f.c.finish(2 * kSecond);
  EXPECT_EQ(m.at("msg_id_collisions"), 1.0);
  EXPECT_EQ(m.at("messages_wrongly_suppressed"), 1.0);
}

TEST(Collector, DeliveryAfterLeavingStillCountsAndLateJoinersDoNot) {
  Feed f(3);
  for (sim::HostId h = 0; h < 3; ++h) f.up(h);
  f.c.add_channel("ch");
  f.c.note_member(0, 0, "ch");
  f.c.note_member(0, 1, "ch");
  f.originate(1000 * ms, 0, "m1", "ch");  // intended: host 1
  f.c.note_left(1005 * ms, 1, "ch");
  f.c.note_member(1006 * ms, 2, "ch");
  f.deliver(1010 * ms, 1, "m1");  // was a member when sent
  f.deliver(1011 * ms, 2, "m1");  // joined later: not intended
  const auto m = f.c.finish(2 * kSecond);
  EXPECT_DOUBLE_EQ(m.at("delivery_ratio"), 1.0);
  EXPECT_EQ(m.at("delivered_messages"), 1);
}

// Delivery against intention: a member the scenario picked counts as an intended recipient from
// the moment it was picked, joined or not; delivery_ratio_joined is the figure over joined ones.
TEST(Collector, MembersThatNeverJoinedCountAgainstDelivery) {
  Feed f(4);
  for (sim::HostId h = 0; h < 4; ++h) f.up(h);
  f.c.add_channel("ch");
  for (sim::HostId h = 0; h < 4; ++h) f.c.note_intended(100 * ms, h, "ch");
  f.c.note_member(100 * ms, 0, "ch");  // the creator: joined at once
  f.c.note_member(600 * ms, 1, "ch");
  f.originate(1000 * ms, 0, "m1", "ch");  // intended 1, 2, 3; joined: 1
  f.deliver(1010 * ms, 1, "m1");
  f.c.note_member(1600 * ms, 2, "ch");    // joins after m1 was sent; host 3 never joins
  f.deliver(1700 * ms, 2, "m1");          // intended, though not joined when sent
  f.originate(2000 * ms, 0, "m2", "ch");  // intended 1, 2, 3; joined: 1, 2
  f.deliver(2010 * ms, 1, "m2");
  f.deliver(2020 * ms, 2, "m2");
  const auto m = f.c.finish(3 * kSecond);
  EXPECT_EQ(m.at("delivered_messages"), 4);
  EXPECT_DOUBLE_EQ(m.at("delivery_ratio"), 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(m.at("delivery_ratio_joined"), 3.0 / 3.0);
  EXPECT_EQ(m.at("members_intended"), 4);
  EXPECT_EQ(m.at("members_joined"), 3);
  EXPECT_DOUBLE_EQ(m.at("join_success_ratio"), 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(m.at("join_time_p50_ms"), 500);  // sorted 0, 500, 1500: rank ceil(1.5) = 2
  EXPECT_DOUBLE_EQ(m.at("join_time_p99_ms"), 1500);
}

// A membership ends when the scenario makes the host leave or the host goes down; picked again,
// it is a second membership (a second membership row).
TEST(Collector, MembershipsEndOnLeaveAndCrash) {
  reports::RecordBuffer buffer;
  Collector c(CollectorOptions{3, true, 10 * kSecond, kSecond, &buffer});
  for (sim::HostId h = 0; h < 3; ++h) c.on_host_state(0, h, true);
  c.add_channel("ch");
  c.note_member(0, 0, "ch");
  c.note_intended(0, 1, "ch");
  c.note_intended(0, 2, "ch");
  c.note_member(200 * ms, 1, "ch");
  c.note_left(300 * ms, 1, "ch");
  c.note_intended(400 * ms, 1, "ch");   // picked again, never joins
  c.on_host_state(500 * ms, 2, false);  // down before joining
  c.note_intended(600 * ms, 2, "ch");   // ignored: the host is down
  const auto m = c.finish(kSecond);
  EXPECT_EQ(m.at("members_intended"), 4);
  EXPECT_EQ(m.at("members_joined"), 2);
  MembershipRows rows;
  buffer.drain_into(rows);
  using reports::MembershipRecord;
  using N = std::optional<reports::Nanoseconds>;
  const std::vector<std::tuple<std::int64_t, reports::Nanoseconds, N, N>> expected = {
      {0, 0, 0, std::nullopt},
      {1, 0, 200 * ms, 300 * ms},
      {1, 400 * ms, std::nullopt, std::nullopt},
      {2, 0, std::nullopt, 500 * ms},
  };
  ASSERT_EQ(rows.rows.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& r = rows.rows[i];
    EXPECT_EQ(r.channel, "ch");
    EXPECT_EQ(std::make_tuple(r.node, r.intended_ns, r.joined_ns, r.left_ns), expected[i]) << i;
  }
}

TEST(Collector, CollisionsAndTheirCost) {
  Feed f(4);
  for (sim::HostId h = 0; h < 4; ++h) f.up(h);
  f.c.set_node_id(0, "a");
  f.c.set_node_id(1, "b");
  f.c.set_node_id(2, "same");
  f.c.set_node_id(3, "same");  // a node_id collision
  f.c.add_channel("ch");
  f.c.note_member(0, 0, "ch");
  f.c.note_member(0, 1, "ch");
  f.c.note_member(0, 2, "ch");
  f.originate(1000 * ms, 0, "dup", "ch");  // intended 1, 2
  f.originate(1001 * ms, 1, "dup", "ch");  // same msg_id: intended 0, 2
  f.deliver(1010 * ms, 1, "dup", "a");
  f.deliver(1011 * ms, 2, "dup", "a");
  f.deliver(1012 * ms, 0, "dup", "b");  // host 2 never gets b's message: wrongly suppressed
  f.deliver(1013 * ms, 3, "dup", "a");  // host 3 is no member but shares a node_id: misrouted
  const auto m = f.c.finish(2 * kSecond);
  EXPECT_EQ(m.at("msg_id_collisions"), 1);
  EXPECT_EQ(m.at("node_id_collisions"), 1);
  EXPECT_EQ(m.at("messages_wrongly_suppressed"), 1);
  EXPECT_EQ(m.at("messages_misrouted"), 1);
  EXPECT_DOUBLE_EQ(m.at("delivery_ratio"), 3.0 / 4.0);
}

TEST(Collector, TrafficPerVerbAndBytesPerDelivery) {
  Feed f(2);
  f.up(0);
  f.up(1);
  const auto hello = make_bytes(wire::encode(wire::Hello{std::string("x"), std::nullopt}));
  const auto ack = make_bytes(wire::encode(wire::Ack{"m"}));
  f.datagram(100 * ms, 0, 1, hello);
  f.datagram(200 * ms, 1, 0, hello);
  f.datagram(1500 * ms, 0, 1, ack);
  sim::DatagramView lost{1600 * ms, 0, 1, {}, {}, &ack};
  f.c.on_send(1600 * ms, lost);
  f.c.on_drop(1600 * ms, lost, sim::DropReason::kLoss);
  const auto m = f.c.finish(2 * kSecond);
  EXPECT_EQ(m.at("datagrams_sent"), 4);
  EXPECT_EQ(m.at("bytes_sent"), static_cast<double>(2 * hello->size() + 2 * ack->size()));
  EXPECT_EQ(m.count("bytes_per_delivered_message"), 0u);  // no delivery: undefined
  EXPECT_EQ(m.count("delivery_ratio"), 0u);
}

TEST(Collector, AmplificationCountsRepliesToAddressesAttackersShowed) {
  Feed f(3);  // hosts 0, 1 honest; host 2 the attacker, spoofing host 1's address
  for (sim::HostId h = 0; h < 3; ++h) f.up(h);
  HostRole attacker;
  attacker.attacker = true;
  f.c.set_role(2, attacker);
  HostRole victim;
  victim.victim = true;
  f.c.set_role(1, victim);
  const Address a0{0x14000001, 7000}, a1{0x14000002, 7000};
  const auto request = make_bytes(std::string(100, 'r'));
  const auto reply = make_bytes(std::string(250, 'c'));
  f.datagram(0, 0, 1, reply, a0, a1);           // before the attack: not induced
  f.datagram(100 * ms, 2, 0, request, a1, a0);  // spoofed as a1, to reflector 0
  f.datagram(200 * ms, 0, 1, reply, a0, a1);    // the reflection lands on the victim
  f.datagram(300 * ms, 0, 1, reply, a0, a1);
  const auto m = f.c.finish(kSecond);
  EXPECT_DOUBLE_EQ(m.at("amplification_factor"), 500.0 / 100.0);
  EXPECT_EQ(m.at("victim_datagrams_received"), 3);
  // The same figures from the `node` rows' columns (the metric table's SQL reads them).
  const auto rows = f.c.node_rows();
  EXPECT_EQ(rows[0].bytes_induced, 500u);
  EXPECT_EQ(rows[2].bytes_out, 100u);
  EXPECT_TRUE(rows[1].attack_target);
  EXPECT_EQ(rows[1].datagrams_in, 3u);
  EXPECT_EQ(rows[1].bytes_in, 750u);
}

// A CONNECT naming `src` and `dst` (the spec's ####CONNECT): step 1 (A to S, dst an ip alone)
// by default, step 3 (B answering A through S: dst A's full address) when `answer`.
SharedBytes connect_bytes(std::string_view src, std::string_view dst, bool answer = false) {
  wire::Connect c;
  c.dst = answer ? "20.0.0.1:7000" : "0.0.0.0";
  c.src = "0";
  c.src_node_id = std::string(src);
  c.dst_node_id = std::string(dst);
  return make_bytes(wire::encode(c));
}

// A failed CONNECT attempt carries the first evidence seen while it was open: a refusal of a
// CONNECT between A and B (the rendezvous' rate limit), else a NAT filtering their datagrams,
// else the engine's reason; an attempt still open at the end is unfinished.
TEST(Collector, FailedConnectAttemptsCarryTheirReason) {
  const std::array<std::string, 7> ids = {"n0", "n1", "n2", "n3", "n4", "n5", "n6"};
  Feed f(ids.size());
  for (sim::HostId h = 0; h < ids.size(); ++h) {
    f.up(h);
    f.c.set_node_id(h, ids[h]);
  }
  f.c.note_connect(1000 * ms, 0, 1);  // refused by the rendezvous (host 6)
  f.c.note_connect(1000 * ms, 2, 3);  // 3's punches filtered by 2's NAT
  f.c.note_connect(1000 * ms, 4, 5);  // nothing seen: the engine's timeout
  f.c.note_connect(5000 * ms, 0, 5);  // still open at the end
  const auto hello = make_bytes(R"({"msg_type":"HELLO","msg_data":{}})");
  const auto connect_01 = connect_bytes("n0", "n1");
  sim::DatagramView from_a{1000 * ms, 0, 6, {}, {}, &connect_01};
  Event limited;
  limited.kind = EventKind::kRateLimited;
  limited.verb = Verb::kConnect;
  limited.size = connect_01->size();
  f.c.on_event(1020 * ms, 6, limited, {sim::CauseKind::kDatagram, &from_a});
  sim::DatagramView punch{1500 * ms, 3, sim::kNoHost, {}, {}, &hello};
  f.c.on_drop(1520 * ms, punch, sim::DropReason::kNatFilter);
  Event failed;
  failed.kind = EventKind::kConnectFailed;
  failed.reason = Reason::kTimeout;
  for (sim::HostId a : {0u, 2u, 4u}) {
    failed.node_id = ids[a + 1];
    f.c.on_event(4000 * ms, a, failed, {});
  }
  const auto d = f.c.diagnostics();
  const std::vector<std::pair<std::string, std::uint64_t>> expected = {
      {"nat_filter", 1}, {"rate_limited", 1}, {"timeout", 1}, {"unfinished", 1}};
  ASSERT_EQ(d.connect_failures.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(d.connect_failures[i].reason, expected[i].first);
    EXPECT_EQ(d.connect_failures[i].count, expected[i].second);
  }
}

// A refusal belongs to the attempt whose CONNECT it refused: a CONNECT its initiator (or its
// target) started on its own towards another node (routing greetings) being rate limited, or
// the rendezvous not knowing that other node, is no evidence for the scenario's attempt, which
// the NAT made fail (review S1: infeasible pairs read rate_limited).
TEST(Collector, ARefusalOfAnotherCONNECTOfTheSameNodeIsNotTheAttemptsReason) {
  const std::array<std::string, 5> ids = {"n0", "n1", "n2", "n3", "s"};
  Feed f(ids.size());
  for (sim::HostId h = 0; h < ids.size(); ++h) {
    f.up(h);
    f.c.set_node_id(h, ids[h]);
  }
  f.c.note_connect(1000 * ms, 0, 1);                    // the scenario's attempt: n0 -> n1, filtered by a NAT
  f.c.note_connect(1000 * ms, 2, 3);                    // n2 -> n3: its step-3 CONNECT (from n3) is refused
  const auto greeting = connect_bytes("n0", "n2");      // n0's own CONNECT to n2
  const auto answer = connect_bytes("n3", "n2", true);  // n3 answering n2 through the rendezvous
  const auto reverse = connect_bytes("n1", "n0");       // n1's own CONNECT to n0 (the other way)
  sim::DatagramView greeting_view{1010 * ms, 0, 4, {}, {}, &greeting};
  sim::DatagramView answer_view{1030 * ms, 3, 4, {}, {}, &answer};
  Event limited;
  limited.kind = EventKind::kRateLimited;
  limited.verb = Verb::kConnect;
  limited.size = greeting->size();
  f.c.on_event(1020 * ms, 4, limited, {sim::CauseKind::kDatagram, &greeting_view});
  sim::DatagramView reverse_view{1025 * ms, 1, 4, {}, {}, &reverse};
  f.c.on_event(1025 * ms, 4, limited, {sim::CauseKind::kDatagram, &reverse_view});
  Event unknown;
  unknown.kind = EventKind::kDropped;
  unknown.verb = Verb::kConnect;
  unknown.reason = Reason::kConnectTargetUnknown;
  unknown.size = answer->size();
  f.c.on_event(1040 * ms, 4, unknown, {sim::CauseKind::kDatagram, &answer_view});
  const auto hello = make_bytes(R"({"msg_type":"HELLO","msg_data":{}})");
  sim::DatagramView punch{1500 * ms, 1, sim::kNoHost, {}, {}, &hello};
  f.c.on_drop(1520 * ms, punch, sim::DropReason::kNatFilter);
  Event failed;
  failed.kind = EventKind::kConnectFailed;
  failed.reason = Reason::kTimeout;
  for (sim::HostId a : {0u, 2u}) {
    failed.node_id = ids[a + 1];
    f.c.on_event(4000 * ms, a, failed, {});
  }
  const auto d = f.c.diagnostics();
  const std::vector<std::pair<std::string, std::uint64_t>> expected = {{"connect_target_unknown", 1},
                                                                       {"nat_filter", 1}};
  ASSERT_EQ(d.connect_failures.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(d.connect_failures[i].reason, expected[i].first);
    EXPECT_EQ(d.connect_failures[i].count, expected[i].second);
  }
}

TEST(Collector, NatAttemptsAndTableMaxima) {
  Feed f(3);
  for (sim::HostId h = 0; h < 3; ++h) f.up(h);
  f.c.set_node_id(1, "b");
  f.c.set_node_id(2, "c");
  f.c.note_connect(1000 * ms, 0, 1);
  f.c.note_connect(1000 * ms, 0, 2);
  Event ok;
  ok.kind = EventKind::kConnectSucceeded;
  ok.node_id = "b";
  f.c.on_event(1120 * ms, 0, ok, {});
  Event failed;
  failed.kind = EventKind::kConnectFailed;
  failed.node_id = "c";
  f.c.on_event(6000 * ms, 0, failed, {});
  engine::TableSizes s{};
  s.peers = 7;
  s.routing = 3;
  f.c.sample_tables(s);
  s.peers = 9;
  f.c.sample_tables(s);
  f.c.end_sample_round(kSecond);
  const auto m = f.c.finish(7 * kSecond);
  EXPECT_EQ(m.at("nat_attempts"), 2);
  EXPECT_DOUBLE_EQ(m.at("nat_success_ratio"), 0.5);
  EXPECT_DOUBLE_EQ(m.at("connect_time_p50_ms"), 120);
  EXPECT_EQ(m.at("peers_table_max"), 9);
  EXPECT_EQ(m.at("routing_table_max"), 3);
}

// A run that ends before the first sampling round (tables are sampled once a simulated second)
// has no table maxima: absent, as their SQL over the timeseries gives, not 0 (review 13 m2).
TEST(Collector, TableMaximaAbsentBeforeTheFirstSampleRound) {
  Feed f(2);
  for (sim::HostId h = 0; h < 2; ++h) f.up(h);
  const auto m = f.c.finish(500 * ms);
  for (const char* name :
       {"peers_table_max", "routing_table_max", "dedup_table_max", "certificates_table_max"})
    EXPECT_EQ(m.count(name), 0u) << name;
}

}  // namespace
}  // namespace ptplab::scenarios
