// The node's event log: every event a JSON line, per-datagram lines capped per second with one
// "suppressed" line for the rest, and the tally of the stopping event counting everything.
#include "tools/ptplab/node_log.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <vector>

namespace ptplab::cli {
namespace {

struct NullEndpoint final : Endpoint {
  void start(TimeNs, Output&) override {}
  void on_datagram(TimeNs, const Address&, const SharedBytes&, Output&) override {}
  void on_timer(TimeNs, Output&) override {}
};

struct LogFixture {
  explicit LogFixture(std::uint64_t cap) : host(io, endpoint, {}), log(out, host, cap) {}
  // The lines written so far, parsed.
  std::vector<nlohmann::json> lines() const {
    std::vector<nlohmann::json> parsed;
    std::istringstream in(out.str());
    for (std::string l; std::getline(in, l);) parsed.push_back(nlohmann::json::parse(l));
    return parsed;
  }
  boost::asio::io_context io;
  NullEndpoint endpoint;
  engine::UdpHost host;
  std::ostringstream out;
  NodeLog log;
};

Event dropped(Reason reason) {
  Event e;
  e.kind = EventKind::kDropped;
  e.reason = reason;
  e.peer = Address{0x7f000001, 4000};
  return e;
}

TEST(NodeLog, CapsPerDatagramLinesPerSecondAndSummarisesTheRest) {
  LogFixture f(2);
  Event added;
  added.kind = EventKind::kDelivered;
  Event limited;
  limited.kind = EventKind::kRateLimited;
  for (int i = 0; i < 4; ++i) f.log.event(kSecond + i, dropped(Reason::kNotJson));
  f.log.event(kSecond + 5, limited);
  f.log.event(kSecond + 6, added);  // not one a flood multiplies: never capped
  auto lines = f.lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].at("event"), "dropped");
  EXPECT_EQ(lines[0].at("reason"), "not_json");
  EXPECT_EQ(lines[0].at("peer"), "127.0.0.1:4000");
  EXPECT_EQ(lines[1].at("event"), "dropped");
  EXPECT_EQ(lines[2].at("event"), "delivered");
  // The next second: first the summary of what the last one suppressed, then the event.
  f.log.event(2 * kSecond + 10, dropped(Reason::kTooLarge));
  lines = f.lines();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[3].at("event"), "suppressed");
  EXPECT_EQ(lines[3].at("lines"), 3);
  EXPECT_EQ(lines[3].at("events"), (nlohmann::json{{"dropped", 2}, {"rate_limited", 1}}));
  EXPECT_EQ(lines[3].at("dropped"), (nlohmann::json{{"not_json", 2}}));
  EXPECT_EQ(lines[4].at("reason"), "too_large");
  const auto tally = f.log.tally();
  EXPECT_EQ(tally.at("events"), (nlohmann::json{{"dropped", 5}, {"rate_limited", 1}, {"delivered", 1}}));
  EXPECT_EQ(tally.at("dropped"), (nlohmann::json{{"not_json", 4}, {"too_large", 1}}));
}

// Review M3: a flood of new source ports and of un-ACKed answers wrote a peer_added and a
// retransmitted line each (3,619 of 4,284 lines in 4 s); they share the cap.
TEST(NodeLog, PeersAddedAndRetransmissionsShareTheCap) {
  LogFixture f(3);
  for (const auto kind : {EventKind::kPeerAdded, EventKind::kRetransmitted, EventKind::kPeerRemoved,
                          EventKind::kGaveUp, EventKind::kPeerAdded, EventKind::kRetransmitted}) {
    Event e;
    e.kind = kind;
    f.log.event(kSecond, e);
  }
  f.log.event(2 * kSecond, dropped(Reason::kNotJson));
  const auto lines = f.lines();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[2].at("event"), "peer_removed");
  EXPECT_EQ(lines[3].at("event"), "suppressed");
  EXPECT_EQ(lines[3].at("lines"), 3);
  EXPECT_EQ(lines[3].at("events"), (nlohmann::json{{"gave_up", 1}, {"peer_added", 1}, {"retransmitted", 1}}));
}

TEST(NodeLog, ACapOfZeroWritesEveryLine) {
  LogFixture f(0);
  for (int i = 0; i < 50; ++i) f.log.event(i, dropped(Reason::kNotObject));
  EXPECT_EQ(f.lines().size(), 50u);
  EXPECT_EQ(f.log.tally().at("dropped"), (nlohmann::json{{"not_object", 50}}));
}

// Send failures are logged by errno, at most one line per error per second carrying the count
// since the last one, and tallied for the stopping event (review finding S2).
TEST(NodeLog, LogsSendFailuresOncePerErrorPerSecond) {
  LogFixture f(100);
  const Address to{0x7f000001, 7000};
  for (int i = 0; i < 3; ++i) f.log.send_failed(kSecond + i, to, ENETUNREACH);
  f.log.send_failed(kSecond + 4, to, EAGAIN);
  f.log.send_failed(2 * kSecond + 1, to, ENETUNREACH);
  const auto lines = f.lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].at("event"), "send_failed");
  EXPECT_EQ(lines[0].at("error"), "ENETUNREACH");
  EXPECT_EQ(lines[0].at("message"), std::strerror(ENETUNREACH));
  EXPECT_EQ(lines[0].at("peer"), "127.0.0.1:7000");
  EXPECT_EQ(lines[0].at("failures"), 1);
  EXPECT_EQ(lines[1].at("error"), "EAGAIN");
  EXPECT_EQ(lines[2].at("error"), "ENETUNREACH");
  EXPECT_EQ(lines[2].at("failures"), 3);  // the two suppressed ones and this one
  const auto tally = f.log.tally();
  EXPECT_EQ(tally.at("send_failed").at("ENETUNREACH"), 4);
  EXPECT_EQ(tally.at("send_failed").at("EAGAIN"), 1);
  EXPECT_FALSE(LogFixture(1).log.tally().contains("send_failed"));
}

}  // namespace
}  // namespace ptplab::cli
