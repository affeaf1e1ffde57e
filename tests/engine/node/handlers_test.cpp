// One Node fed hand-built datagrams at literal timestamps: what each verb handler answers,
// which events it emits and which timers it asks for.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/parse_cache.hpp"
#include "engine/node/envelope.hpp"
#include "tests/engine/node/fixture.hpp"
#include "tests/engine/node/harness.hpp"

namespace ptplab::engine::test {
namespace {

SharedBytes hello(std::string_view id = kIdA) { return datagram(wire::Hello{std::string(id), "test; 1"}); }

TEST(Hello, NewSourceBecomesPeerAndIsGreetedBack) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  out.clear();
  n.on_datagram(kT0, kA, hello(), out);
  EXPECT_TRUE(n.has_peer(kA));
  EXPECT_EQ(n.peer_address(kIdA), kA);
  ASSERT_EQ(out.count(EventKind::kPeerAdded), 1u);
  const auto hellos = out.sent_of(wire::Verb::kHello);
  ASSERT_EQ(hellos.size(), 1u);
  EXPECT_EQ(std::get<wire::Hello>(hellos[0]).node_id, n.node_id());
  EXPECT_EQ(out.sent()[0].to, kA);
  EXPECT_LE(out.wake().value_or(kNever), kT0 + 2 * kSecond);
}

TEST(Hello, WithoutMsgDataRegistersAnAddressOnlyPeer) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, make_bytes(R"({"msg_type":"HELLO"})"), out);
  EXPECT_TRUE(n.has_peer(kA));
}

TEST(Hello, KeepAliveIntervalsStayWithinHalfToTwoSeconds) {
  Node n({}, 7);
  RecordingOutput out;
  n.start(0, out);
  TimeNs last = kT0;
  n.on_datagram(kT0, kA, hello(), out);
  for (TimeNs t = kT0; t < kT0 + 10 * kSecond; t += 10 * kMillisecond) {
    n.on_datagram(t, kA, hello(), out);  // keep it alive
    const auto before = out.sent_of(wire::Verb::kHello).size();
    n.on_timer(t, out);
    if (out.sent_of(wire::Verb::kHello).size() > before) {
      EXPECT_GE(t - last, 500 * kMillisecond - 10 * kMillisecond);
      EXPECT_LE(t - last, 2 * kSecond + 10 * kMillisecond);
      last = t;
    }
  }
  EXPECT_GT(last, kT0);
}

TEST(Hello, SilentPeerIsDroppedAfterPeerTimeout) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, hello(), out);
  for (TimeNs t = kT0; t <= kT0 + 16 * kSecond; t += 100 * kMillisecond) n.on_timer(t, out);
  EXPECT_FALSE(n.has_peer(kA));
  const auto removed = out.find(EventKind::kPeerRemoved);
  ASSERT_TRUE(removed.has_value());
  EXPECT_EQ(removed->reason, "timeout");
}

TEST(Hello, SameNodeIdFromTwoLiveAddressesIsCollisionEvidence) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, hello(), out);
  n.on_datagram(kT0 + 1, addr(51), hello(), out);
  const auto c = out.find(EventKind::kCollision);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->reason, "node_id");
  EXPECT_EQ(c->node_id, kIdA);
}

TEST(Hello, SilentPeerReappearingElsewhereLatches) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, hello(), out);
  n.on_datagram(kT0 + 5 * kSecond, addr(51), hello(), out);
  EXPECT_EQ(out.count(EventKind::kCollision), 0u);
  EXPECT_EQ(n.peer_address(kIdA), addr(51));
  EXPECT_EQ(n.peer_count(), 1u);
}

TEST(Malformed, DroppedWithTheDecodeErrorCode) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, make_bytes("{not json"), out);
  n.on_datagram(kT0, kA, make_bytes(R"({"msg_type":"NOPE"})"), out);
  n.on_datagram(kT0, kA, make_bytes(R"({"msg_type":"ACK","msg_data":{}})"), out);
  ASSERT_EQ(out.recorded().size(), 3u);
  EXPECT_EQ(out.recorded()[0].reason, "not_json");
  EXPECT_EQ(out.recorded()[1].reason, "unknown_verb");
  EXPECT_EQ(out.recorded()[2].reason, "missing_field");
  EXPECT_TRUE(out.sent().empty());
}

// Every drop and duplicate names the size of the datagram it is about, so an observer never has
// to guess which datagram an event belongs to.
TEST(EventSize, DropsAndDuplicatesCarryTheirDatagramsSize) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  const std::string garbage = "{not json";
  n.on_datagram(kT0, kA, make_bytes(garbage), out);
  ASSERT_EQ(out.events().size(), 1u);
  EXPECT_EQ(out.events()[0].size, garbage.size());
  const auto listing =
      datagram(wire::Channel{"m1", kIdA, "lobby", "c0ffee00-0000-4000-8000-000000000000", {kIdA}, false});
  n.on_datagram(kT0 + 1, kA, listing, out);
  out.clear();
  n.on_datagram(kT0 + 2, kA, listing, out);
  const auto dup = out.find(EventKind::kDuplicate);
  ASSERT_TRUE(dup.has_value());
  EXPECT_EQ(dup->size, listing->size());
  out.clear();
  const auto routing = datagram(wire::Routing{"stranger", {}});
  n.on_datagram(kT0 + 3, addr(77), routing, out);
  const auto drop = out.find(EventKind::kDropped);
  ASSERT_TRUE(drop.has_value());
  EXPECT_EQ(drop->reason, "not_a_peer");
  EXPECT_EQ(drop->size, routing->size());
}

TEST(GetCertificate, StrangerGetsOnlyAnAckUntilItHasSentEnough) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, datagram(wire::GetCertificate{"m1", kIdA}), out);
  ASSERT_EQ(out.sent_of(wire::Verb::kAck).size(), 1u);
  EXPECT_EQ(std::get<wire::Ack>(out.sent_of(wire::Verb::kAck)[0]).msg_id, "m1");
  EXPECT_TRUE(out.sent_of(wire::Verb::kCertificate).empty());
  const auto d = out.find(EventKind::kDropped);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->reason, "amplification_limit");
}

TEST(GetCertificate, AnsweredWithSameMsgIdOnceTheRequesterPaidItsWay) {
  Node asker({}, 2);
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  // The requester sends its own certificate first (as ours do), then asks.
  n.on_datagram(
      kT0, kA, datagram(wire::Certificate{"c1", asker.node_id(), n.node_id(), asker.certificate_der()}), out);
  EXPECT_EQ(out.count(EventKind::kCertificateFetched), 1u);
  n.on_datagram(kT0 + 1, kA, datagram(wire::GetCertificate{"m1", asker.node_id()}), out);
  const auto certs = out.sent_of(wire::Verb::kCertificate);
  ASSERT_EQ(certs.size(), 1u);
  const auto& c = std::get<wire::Certificate>(certs[0]);
  EXPECT_EQ(c.msg_id, "m1");
  EXPECT_EQ(c.node_id, n.node_id());
  EXPECT_EQ(c.recipient_id, asker.node_id());
  EXPECT_EQ(c.certificate, n.certificate_der());
  EXPECT_EQ(out.sent_of(wire::Verb::kAck).size(), 2u);
}

// A node's own certificate is held once, in the parsed form its peers share through the
// process's ParseCache: the DER a peer's store keeps is the very string the node answers with
// (reports/BENCHMARKS.md, "[P] idle memory, session 13").
TEST(Certificate, OwnDerIsTheSharedParsedForm) {
  crypto::ParseCache cache(4);
  Node n(std::make_shared<const NodeParams>(), 1, NodeShared{nullptr, &cache});
  const std::string& der = n.certificate_der();
  const auto parsed = crypto::parse_cached(&cache, der);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(&parsed->der(), &der);
  EXPECT_EQ(&n.certificate_der(), &der);
  Node alone({}, 1);  // no cache: the same certificate, its own copy
  EXPECT_EQ(alone.certificate_der(), der);
}

TEST(Certificate, MismatchedNodeIdIsDropped) {
  Node other({}, 2);
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA,
                datagram(wire::Certificate{"c1", "someone-else", n.node_id(), other.certificate_der()}), out);
  EXPECT_EQ(out.count(EventKind::kCertificateFetched), 0u);
  ASSERT_TRUE(out.find(EventKind::kDropped).has_value());
  EXPECT_EQ(out.find(EventKind::kDropped)->reason, "certificate_mismatch");
}

TEST(Retransmit, UnackedCertificateIsResentWithBackoffThenGivenUp) {
  NodeParams p;
  p.retransmit_max = 3;
  p.anti_amplification_enabled = false;
  Node n(p, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, datagram(wire::GetCertificate{"m1", kIdA}), out);
  std::vector<TimeNs> resent;
  for (TimeNs t = kT0; t <= kT0 + 10 * kSecond; t += 10 * kMillisecond) {
    out.clear();
    n.on_timer(t, out);
    if (out.count(EventKind::kRetransmitted)) resent.push_back(t - kT0);
    if (out.count(EventKind::kGaveUp)) resent.push_back(-(t - kT0));
  }
  ASSERT_EQ(resent.size(), 4u);
  EXPECT_EQ(resent[0], 500 * kMillisecond);
  EXPECT_EQ(resent[1], 1500 * kMillisecond);
  EXPECT_EQ(resent[2], 3500 * kMillisecond);
  EXPECT_EQ(resent[3], -7500 * kMillisecond);
  EXPECT_EQ(n.table_sizes().pending_retransmissions, 0u);
}

TEST(Retransmit, AckStopsIt) {
  NodeParams p;
  p.anti_amplification_enabled = false;
  Node n(p, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, datagram(wire::GetCertificate{"m1", kIdA}), out);
  EXPECT_EQ(n.table_sizes().pending_retransmissions, 1u);
  n.on_datagram(kT0 + 1, kA, datagram(wire::Ack{"m1"}), out);
  EXPECT_EQ(n.table_sizes().pending_retransmissions, 0u);
  for (TimeNs t = kT0; t <= kT0 + 5 * kSecond; t += 100 * kMillisecond) n.on_timer(t, out);
  EXPECT_EQ(out.count(EventKind::kRetransmitted), 0u);
}

TEST(RateLimit, FloodFromOneSourceIsCutAtTheBurst) {
  NodeParams p;
  p.rate_burst_datagrams = 50;
  p.rate_datagrams_per_s = 10;
  Node n(p, 1);
  RecordingOutput out;
  n.start(0, out);
  for (int i = 0; i < 200; ++i) n.on_datagram(kT0, kA, make_bytes("{}"), out);
  EXPECT_EQ(out.count(EventKind::kRateLimited), 150u);
  EXPECT_EQ(out.count(EventKind::kDropped), 50u);
}

TEST(Bounds, PeerTableStopsAtPeersMax) {
  NodeParams p;
  p.peers_max = 4;
  Node n(p, 1);
  RecordingOutput out;
  n.start(0, out);
  for (std::uint32_t i = 0; i < 10; ++i)
    n.on_datagram(kT0, addr(100 + i), make_bytes(R"({"msg_type":"HELLO"})"), out);
  EXPECT_EQ(n.peer_count(), 4u);
  EXPECT_EQ(n.table_sizes().peers, 4u);
  std::size_t full = 0;
  for (const auto& e : out.recorded()) full += e.reason == "peers_full" ? 1 : 0;
  EXPECT_EQ(full, 6u);
  // Unbounded for comparison.
  p.bounded_tables_enabled = false;
  Node m(p, 1);
  m.start(0, out);
  for (std::uint32_t i = 0; i < 10; ++i)
    m.on_datagram(kT0, addr(100 + i), make_bytes(R"({"msg_type":"HELLO"})"), out);
  EXPECT_EQ(m.peer_count(), 10u);
}

TEST(Connect, RendezvousForwardsBetweenLivePeersAtABoundedRate) {
  NodeParams p;
  p.connect_burst = 5;
  p.connect_rate_per_s = 1;
  Node s(p, 1);
  RecordingOutput out;
  s.start(0, out);
  const std::string b_id = "6f1c2a3b-0000-4000-8000-00000000000b";
  // S contacted B first (initiated): forwards to B escape the anti-amplification budget that a
  // peer known only by its HELLOs is held to until it ACKs one of S's msg_ids (AddressValidation.*).
  s.add_peer(kT0 - 1, addr(60), out);
  for (int i = 0; i < 2; ++i) {
    s.on_datagram(kT0 + i, kA, hello(), out);
    s.on_datagram(kT0 + i, addr(60), hello(b_id), out);
  }
  out.clear();
  wire::Connect step1{"10.0.0.60", "4000", kIdA, b_id};
  for (int i = 0; i < 8; ++i) s.on_datagram(kT0 + 2, kA, datagram(step1), out);
  const auto forwarded = out.sent_of(wire::Verb::kConnect);
  ASSERT_EQ(forwarded.size(), 5u);
  EXPECT_EQ(out.count(EventKind::kRateLimited), 3u);
  const auto& c = std::get<wire::Connect>(forwarded[0]);
  EXPECT_EQ(c.dst, kA.to_string());  // A's ip with its claimed port
  EXPECT_EQ(c.src, "10.0.0.60");     // B's ip, as S sees it
  EXPECT_EQ(c.dst_node_id, kIdA);
  for (const auto& sent : out.sent()) EXPECT_EQ(sent.to, addr(60));
  // A stranger gets nothing forwarded.
  out.clear();
  s.on_datagram(kT0 + 10 * kSecond, addr(70), datagram(step1), out);
  EXPECT_TRUE(out.sent_of(wire::Verb::kConnect).empty());
  ASSERT_TRUE(out.find(EventKind::kDropped).has_value());
  EXPECT_EQ(out.find(EventKind::kDropped)->reason, "not_a_peer");
}

TEST(Channel, ListingWithoutUsWhileSubscribedTriggersJoin) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, hello(), out);
  n.on_datagram(kT0 + 1, kA, hello(), out);  // verified: it answered after our HELLO
  const std::string ch = "c0ffee00-0000-4000-8000-000000000000";
  n.on_datagram(kT0 + 2, kA, datagram(wire::Channel{"m1", kIdA, "lobby", ch, {kIdA}, false}), out);
  ASSERT_TRUE(n.knows_channel(ch));
  ASSERT_TRUE(n.join_channel(kT0 + 3, ch, out));
  out.clear();
  n.on_datagram(kT0 + 4, kA, datagram(wire::Channel{"m2", kIdA, "lobby", ch, {kIdA}, false}), out);
  const auto joins = out.sent_of(wire::Verb::kJoin);
  ASSERT_FALSE(joins.empty());
  EXPECT_EQ(std::get<wire::Join>(joins[0]).node_id, n.node_id());
  EXPECT_EQ(n.members(ch),
            (std::vector<std::string>{std::min(kIdA, n.node_id()), std::max(kIdA, n.node_id())}));
}

// 100 made-up members, 36-character ids: about 5 kB of members, more than a 2 kB datagram holds.
std::vector<std::string> many_members() {
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    char id[40];
    std::snprintf(id, sizeof id, "0000%04d-0000-4000-8000-000000000000", i);
    ids.emplace_back(id);
  }
  return ids;
}

// A's listing of `members` in pages of 20 (each fits 2 kB), as a paging node sends it.
void learn_in_pages(Node& n, TimeNs now, const std::string& ch, const std::vector<std::string>& members,
                    RecordingOutput& out) {
  for (std::size_t i = 0; i < members.size(); i += 20) {
    std::vector<std::string> page{kIdA};
    for (std::size_t j = i; j < std::min(members.size(), i + 20); ++j) page.push_back(members[j]);
    n.on_datagram(now, kA, datagram(wire::Channel{std::to_string(i), kIdA, "lobby", ch, page, false}), out);
  }
  ASSERT_EQ(n.members(ch).size(), members.size());
}

TEST(Channel, AListingTooLargeForOneDatagramIsSentInPagesThatNameEveryMember) {
  NodeParams params;
  params.max_datagram_bytes = 2048;
  Node n(params, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, hello(), out);
  n.on_datagram(kT0 + 1, kA, hello(), out);
  const std::string ch = "c0ffee00-0000-4000-8000-000000000000";
  auto members = many_members();
  members.push_back(kIdA);
  learn_in_pages(n, kT0 + 2, ch, members, out);
  ASSERT_TRUE(n.join_channel(kT0 + 3, ch, out));
  out.clear();
  // A stays live while the refresh comes due (30 s x U[1, 1.5]): our listing goes out.
  for (TimeNs t = kT0 + 5 * kSecond; t <= kT0 + 50 * kSecond; t += 5 * kSecond) {
    n.on_datagram(t, kA, hello(), out);
    n.on_timer(t, out);
  }
  std::set<std::string> named;
  std::size_t pages = 0;
  for (const auto& sent : out.sent()) {
    const auto m = wire::decode(*sent.bytes);
    if (!m || wire::verb_of(m.value()) != wire::Verb::kChannel) continue;
    EXPECT_LE(sent.bytes->size(), params.max_datagram_bytes);
    const auto& listing = std::get<wire::Channel>(m.value());
    if (sent.to != kA) continue;  // one neighbour's copy of each page
    ++pages;
    ASSERT_FALSE(listing.members.empty());
    EXPECT_EQ(listing.members.front(), n.node_id()) << "every page names its sender first";
    named.insert(listing.members.begin(), listing.members.end());
  }
  EXPECT_GE(pages, 3u);
  EXPECT_EQ(named.size(), members.size() + 1);  // the 101 listed members and us
}

TEST(Channel, APageOfALargeChannelWithoutUsTriggersNoJoin) {
  NodeParams params;
  params.max_datagram_bytes = 2048;
  Node n(params, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, hello(), out);
  n.on_datagram(kT0 + 1, kA, hello(), out);
  const std::string ch = "c0ffee00-0000-4000-8000-000000000000";
  auto members = many_members();
  members.push_back(kIdA);
  learn_in_pages(n, kT0 + 2, ch, members, out);
  ASSERT_TRUE(n.join_channel(kT0 + 3, ch, out));
  out.clear();
  // A page of A's listing: A and a few members, not us. Our view holds 102 members, which no
  // single datagram could list, so the page says nothing of our membership.
  n.on_datagram(kT0 + 4, kA,
                datagram(wire::Channel{"m2", kIdA, "lobby", ch, {kIdA, members[0], members[1]}, false}), out);
  EXPECT_TRUE(out.sent_of(wire::Verb::kJoin).empty());
}

TEST(Channel, ListingWithUsWhileNotSubscribedTriggersLeave) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  n.on_datagram(kT0, kA, hello(), out);
  n.on_datagram(kT0 + 1, kA, hello(), out);
  const std::string ch = "c0ffee00-0000-4000-8000-000000000000";
  n.on_datagram(kT0 + 2, kA, datagram(wire::Channel{"m1", kIdA, "lobby", ch, {kIdA, n.node_id()}, false}),
                out);
  const auto leaves = out.sent_of(wire::Verb::kLeave);
  ASSERT_FALSE(leaves.empty());
  EXPECT_EQ(std::get<wire::Leave>(leaves[0]).channel_id, ch);
  EXPECT_EQ(n.members(ch), std::vector<std::string>{kIdA});
}

TEST(Channel, DuplicateAnnouncementIsReportedNotRelayed) {
  Node n({}, 1);
  RecordingOutput out;
  n.start(0, out);
  const auto m = datagram(wire::Channel{"m1", kIdA, "lobby", "ch", {kIdA}, false});
  n.on_datagram(kT0, kA, m, out);
  n.on_datagram(kT0 + 1, kA, m, out);
  EXPECT_EQ(out.count(EventKind::kDuplicate), 1u);
}

// A receiver that knows `sender`'s certificate and is a member of `channel_id`.
struct Pair {
  Node sender{{}, 11};
  Node receiver{{}, 12};
  RecordingOutput out;
  std::string channel;
  std::vector<wire::ChatMessage> sent;

  Pair() {
    sender.start(0, out);
    receiver.start(0, out);
    // Peer them by hand: each contacts the other first (as a bootstrap does: initiated, so its
    // sends escape the anti-amplification budget), then HELLOs both ways, twice.
    RecordingOutput first;
    sender.add_peer(kT0 - 1, addr(2), first);
    receiver.add_peer(kT0 - 1, addr(1), first);
    for (int i = 0; i < 2; ++i) {
      RecordingOutput o1, o2;
      sender.on_datagram(kT0 + i, addr(2), datagram(wire::Hello{receiver.node_id(), "t"}), o1);
      receiver.on_datagram(kT0 + i, addr(1), datagram(wire::Hello{sender.node_id(), "t"}), o2);
    }
    RecordingOutput o;
    channel = sender.create_channel(kT0 + 2, "room", false, o);
    for (const auto& s : o.sent())
      if (s.to == addr(2)) receiver.on_datagram(kT0 + 3, addr(1), s.bytes, out);
    receiver.join_channel(kT0 + 4, channel, out);
    receiver.on_datagram(
        kT0 + 5, addr(1),
        datagram(wire::Certificate{"c1", sender.node_id(), receiver.node_id(), sender.certificate_der()}),
        out);
    out.clear();
  }
  wire::ChatMessage message(TimeNs now) {
    RecordingOutput o;
    EXPECT_TRUE(sender.send_message(now, channel, "hello there", {}, o));
    for (const auto& m : o.sent_of(wire::Verb::kMessage)) return std::get<wire::ChatMessage>(m);
    ADD_FAILURE() << "no MESSAGE sent";
    return {};
  }
};

TEST(Message, SignedMessageIsDeliveredOnceAndAcked) {
  Pair p;
  const auto m = p.message(10 * kSecond);
  p.receiver.on_datagram(10 * kSecond + 5 * kMillisecond, addr(1), datagram(m), p.out);
  ASSERT_EQ(p.out.count(EventKind::kDelivered), 1u);
  const auto d = p.out.find(EventKind::kDelivered);
  EXPECT_EQ(d->msg_id, m.msg_id);
  EXPECT_EQ(d->node_id, p.sender.node_id());
  EXPECT_EQ(d->origin_time, 10 * kSecond);
  EXPECT_EQ(d->hops, 0u);
  EXPECT_EQ(std::get<wire::Ack>(p.out.sent_of(wire::Verb::kAck).at(0)).msg_id, m.msg_id);
}

TEST(Message, ReplayIsAckedAgainButNotDeliveredAgain) {
  Pair p;
  const auto m = p.message(10 * kSecond);
  p.receiver.on_datagram(10 * kSecond, addr(1), datagram(m), p.out);
  p.receiver.on_datagram(11 * kSecond, addr(1), datagram(m), p.out);
  EXPECT_EQ(p.out.count(EventKind::kDelivered), 1u);
  EXPECT_EQ(p.out.count(EventKind::kDuplicate), 1u);
  EXPECT_EQ(p.out.sent_of(wire::Verb::kAck).size(), 2u);
  // Past the de-dup window the signed timestamp still gives the replay away.
  p.receiver.on_datagram(10 * kSecond + p.receiver.params().dedup_window_ns + kSecond, addr(1), datagram(m),
                         p.out);
  EXPECT_EQ(p.out.count(EventKind::kDelivered), 1u);
}

TEST(Message, ForgedSignatureIsNotDelivered) {
  Pair p;
  auto m = p.message(10 * kSecond);
  auto e = parse_envelope(m.message);
  ASSERT_TRUE(e);
  e->body = "hello thera";  // altered text, original signature
  m.message = encode_envelope(*e);
  p.receiver.on_datagram(10 * kSecond, addr(1), datagram(m), p.out);
  EXPECT_EQ(p.out.count(EventKind::kDelivered), 0u);
  EXPECT_EQ(p.out.count(EventKind::kSignatureFailed), 1u);
}

TEST(Message, SplicedEnvelopeIsDropped) {
  Pair p;
  auto m = p.message(10 * kSecond);
  m.channel_id = "another-channel";
  p.receiver.on_datagram(10 * kSecond, addr(1), datagram(m), p.out);
  EXPECT_EQ(p.out.count(EventKind::kDelivered), 0u);
  ASSERT_TRUE(p.out.find(EventKind::kDropped).has_value());
  EXPECT_EQ(p.out.find(EventKind::kDropped)->reason, "envelope_mismatch");
}

// A relay compares hops with hops_max before adding one: hops is a wire uint32 outside the
// signature, and UINT32_MAX + 1 wrapped to 0, so the copy went on with a fresh hop budget.
TEST(Message, HopsAtTheBoundOrAtUint32MaxAreNotRelayed) {
  Pair p;
  RecordingOutput o;
  p.receiver.add_peer(kT0 - 1, addr(3), o);  // initiated: the relay escapes the 3x budget
  for (int i = 0; i < 2; ++i) p.receiver.on_datagram(kT0 + i, addr(3), datagram(wire::Hello{kIdB, "t"}), o);
  const std::uint32_t bound = p.receiver.params().hops_max;
  for (const std::uint32_t hops : {bound - 1, bound, std::numeric_limits<std::uint32_t>::max()}) {
    auto m = p.message(10 * kSecond + hops);
    m.hops = hops;
    p.out.clear();
    p.receiver.on_datagram(10 * kSecond + hops, addr(1), datagram(m), p.out);
    const auto relayed = p.out.sent_of(wire::Verb::kMessage);
    if (hops == bound - 1) {
      ASSERT_EQ(relayed.size(), 1u);
      EXPECT_EQ(std::get<wire::ChatMessage>(relayed[0]).hops, bound);
    } else {
      EXPECT_TRUE(relayed.empty()) << "hops " << hops;
    }
    EXPECT_EQ(p.out.count(EventKind::kDelivered), 1u) << "hops " << hops;  // still delivered here
  }
}

// One de-dup window covers every verb: a MESSAGE under a msg_id first seen on a LEAVE is
// suppressed, and that is a msg_id collision (reported), not a duplicate (counted nowhere).
TEST(Message, MsgIdFirstSeenOnAnotherVerbIsCollisionEvidence) {
  Pair p;
  const auto m = p.message(10 * kSecond);
  RecordingOutput o;
  p.receiver.on_datagram(10 * kSecond, addr(3), datagram(wire::Leave{m.msg_id, kIdB, "other", "other-id"}),
                         o);
  p.out.clear();
  p.receiver.on_datagram(10 * kSecond + 1, addr(1), datagram(m), p.out);
  EXPECT_EQ(p.out.count(EventKind::kDelivered), 0u);
  EXPECT_EQ(p.out.count(EventKind::kDuplicate), 0u);
  const auto c = p.out.find(EventKind::kCollision);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->reason, "msg_id");
  ASSERT_TRUE(p.out.find(EventKind::kDropped).has_value());
  EXPECT_EQ(p.out.find(EventKind::kDropped)->reason, "msg_id_collision");
}

TEST(Message, SameMsgIdWithOtherContentIsCollisionEvidence) {
  NodeParams narrow;
  narrow.msg_id_scheme = MsgIdScheme::kRandom;
  narrow.msg_id_bits = 8;  // 256 ids: 40 messages collide with near certainty
  Pair p;
  Node sender(narrow, 11);  // same seed as p.sender: same node_id and key
  ASSERT_EQ(sender.node_id(), p.sender.node_id());
  RecordingOutput o;
  sender.start(0, o);
  sender.add_peer(kT0 - 1, addr(2), o);  // initiated, as in Pair
  for (int i = 0; i < 2; ++i)
    sender.on_datagram(kT0 + i, addr(2), datagram(wire::Hello{p.receiver.node_id(), "t"}), o);
  const auto ch = p.channel;
  // Make `sender` a member of the receiver's channel by feeding it the announcement.
  sender.on_datagram(
      kT0 + 3, addr(2),
      datagram(wire::Channel{
          "x1", p.sender.node_id(), "room", ch, {p.sender.node_id(), p.receiver.node_id()}, false}),
      o);
  ASSERT_TRUE(sender.join_channel(kT0 + 4, ch, o));
  std::map<std::string, int> seen;
  int repeats = 0;
  for (int i = 0; i < 40; ++i) {
    o.clear();
    const auto id =
        sender.send_message(10 * kSecond + i * kMillisecond, ch, "text " + std::to_string(i), {}, o);
    ASSERT_TRUE(id);
    repeats += seen[*id]++ > 0 ? 1 : 0;
    for (const auto& m : o.sent_of(wire::Verb::kMessage))
      p.receiver.on_datagram(11 * kSecond, addr(1), datagram(m), p.out);
  }
  ASSERT_GT(repeats, 0);
  EXPECT_EQ(p.out.count(EventKind::kCollision), static_cast<std::size_t>(repeats));
  EXPECT_EQ(p.out.find(EventKind::kCollision)->reason, "msg_id");
  EXPECT_EQ(p.out.count(EventKind::kDelivered), static_cast<std::size_t>(40 - repeats));
}

TEST(Message, AttachedCertificateLetsTheReceiverVerifyWithoutAsking) {
  Node sender({}, 11);
  Node receiver({}, 12);
  RecordingOutput out;
  receiver.start(0, out);
  sender.start(0, out);
  {
    RecordingOutput first;  // each contacts the other first (initiated, as in Pair)
    sender.add_peer(kT0 - 1, addr(2), first);
    receiver.add_peer(kT0 - 1, addr(1), first);
  }
  for (int i = 0; i < 2; ++i) {
    RecordingOutput o;
    sender.on_datagram(kT0 + i, addr(2), datagram(wire::Hello{receiver.node_id(), "t"}), o);
    receiver.on_datagram(kT0 + i, addr(1), datagram(wire::Hello{sender.node_id(), "t"}), out);
  }
  RecordingOutput o;
  const auto ch = sender.create_channel(kT0 + 2, "room", false, o);
  for (const auto& s : o.sent())
    if (s.to == addr(2)) receiver.on_datagram(kT0 + 3, addr(1), s.bytes, out);
  receiver.join_channel(kT0 + 4, ch, out);
  o.clear();
  sender.send_message(5 * kSecond, ch, "x", {}, o);
  const auto messages = o.sent_of(wire::Verb::kMessage);
  ASSERT_EQ(messages.size(), 1u);
  const auto& attachments = std::get<wire::ChatMessage>(messages[0]).attachment;
  ASSERT_EQ(attachments.size(), 1u);
  EXPECT_EQ(attachments[0].attachment_type, "application/pkix-cert");
  EXPECT_EQ(attachments[0].attachment, sender.certificate_der());
  out.clear();
  receiver.on_datagram(5 * kSecond, addr(1), datagram(messages[0]), out);
  EXPECT_EQ(out.count(EventKind::kCertificateFetched), 1u);
  EXPECT_EQ(out.count(EventKind::kDelivered), 1u);
  EXPECT_TRUE(out.sent_of(wire::Verb::kGetCertificate).empty());
}

TEST(Message, MissingCertificateIsFetchedThenDelivered) {
  NodeParams bare;
  bare.certificate_in_message = false;
  Node sender(bare, 11);
  Node receiver({}, 12);
  RecordingOutput out;
  receiver.start(0, out);
  sender.start(0, out);
  {
    RecordingOutput first;  // each contacts the other first (initiated, as in Pair)
    sender.add_peer(kT0 - 1, addr(2), first);
    receiver.add_peer(kT0 - 1, addr(1), first);
  }
  for (int i = 0; i < 2; ++i) {
    RecordingOutput o;
    sender.on_datagram(kT0 + i, addr(2), datagram(wire::Hello{receiver.node_id(), "t"}), o);
    receiver.on_datagram(kT0 + i, addr(1), datagram(wire::Hello{sender.node_id(), "t"}), out);
  }
  RecordingOutput o;
  const auto ch = sender.create_channel(kT0 + 2, "room", false, o);
  for (const auto& s : o.sent())
    if (s.to == addr(2)) receiver.on_datagram(kT0 + 3, addr(1), s.bytes, out);
  receiver.join_channel(kT0 + 4, ch, out);
  o.clear();
  sender.send_message(5 * kSecond, ch, "x", {}, o);
  out.clear();
  receiver.on_datagram(
      5 * kSecond, addr(1),
      o.sent_of(wire::Verb::kMessage).size() ? datagram(o.sent_of(wire::Verb::kMessage)[0]) : nullptr, out);
  EXPECT_EQ(out.count(EventKind::kDelivered), 0u);
  EXPECT_EQ(receiver.table_sizes().pending_verifications, 1u);
  const auto gets = out.sent_of(wire::Verb::kGetCertificate);
  ASSERT_EQ(gets.size(), 1u);
  EXPECT_EQ(std::get<wire::GetCertificate>(gets[0]).node_id, receiver.node_id());
  // The sender answers; the parked MESSAGE is verified and delivered.
  RecordingOutput answer;
  sender.on_datagram(5 * kSecond + 1, addr(2), datagram(gets[0]), answer);
  const auto certs = answer.sent_of(wire::Verb::kCertificate);
  ASSERT_EQ(certs.size(), 1u);
  receiver.on_datagram(5 * kSecond + 2, addr(1), datagram(certs[0]), out);
  EXPECT_EQ(out.count(EventKind::kCertificateFetched), 1u);
  EXPECT_EQ(out.count(EventKind::kDelivered), 1u);
  EXPECT_EQ(receiver.table_sizes().pending_verifications, 0u);
}

}  // namespace
}  // namespace ptplab::engine::test
