// UdpHost's addresses: HOST:PORT forms (IPv4, [IPv6], names), IPv6 peers as 240/4 stand-ins that
// describe() prints as the real address, and an exchange between two hosts on ::1; a burst
// drained in batches and answered in batches, and the kernel's queue drops counted.
#include "engine/io/udp_host.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <vector>

namespace ptplab::engine {
namespace {

// Remembers who sent what; answers every datagram with "pong".
class Recorder final : public Endpoint {
 public:
  void start(TimeNs, Output&) override {}
  void on_datagram(TimeNs, const Address& from, const SharedBytes& bytes, Output& out) override {
    got.emplace_back(from, *bytes);
    if (*bytes != "pong") out.send(from, make_bytes("pong"));
  }
  void on_timer(TimeNs, Output&) override {}
  std::vector<std::pair<Address, std::string>> got;
};

TEST(UdpHost, IPv6PeersGetStandInsThatDescribeAsTheRealAddress) {
  boost::asio::io_context io;
  Recorder ra, rb;
  UdpHost a(io, ra, {}), b(io, rb, {});
  const auto bound_a = a.bind("[::1]:0");
  const auto bound_b = b.bind("[::1]:0");
  ASSERT_TRUE(bound_a) << "IPv6 loopback ::1 unavailable: " << bound_a.error();
  ASSERT_TRUE(bound_b) << bound_b.error();
  EXPECT_EQ(bound_a->ip & 0xf0000000u, 0xf0000000u);  // a stand-in from 240.0.0.0/4
  EXPECT_EQ(a.describe(*bound_a), "[::1]:" + std::to_string(bound_a->port));
  a.start();
  b.start();
  const auto to_b = a.resolve("[::1]:" + std::to_string(bound_b->port));
  ASSERT_TRUE(to_b) << to_b.error();
  EXPECT_EQ(a.describe(*to_b), "[::1]:" + std::to_string(bound_b->port));
  a.act([&](TimeNs, Output& out) { out.send(*to_b, make_bytes("ping")); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ra.got.empty() && std::chrono::steady_clock::now() < deadline)
    io.run_one_for(std::chrono::milliseconds(100));
  ASSERT_EQ(rb.got.size(), 1u);
  EXPECT_EQ(rb.got[0].second, "ping");
  EXPECT_EQ(b.describe(rb.got[0].first), "[::1]:" + std::to_string(bound_a->port));
  ASSERT_EQ(ra.got.size(), 1u);
  EXPECT_EQ(ra.got[0], std::pair(*to_b, std::string("pong")));  // the same stand-in both ways
  // A 240/4 address that stands for nothing here is described as it is, not sent anywhere, and
  // counted as dropped.
  const Address stray{0xf0000fffu, 9};
  EXPECT_EQ(a.describe(stray), "240.0.15.255:9");
  const auto sent = a.sent();
  EXPECT_EQ(a.dropped_unmapped(), 0u);
  a.act([&](TimeNs, Output& out) { out.send(stray, make_bytes("x")); });
  EXPECT_EQ(a.sent(), sent);
  EXPECT_EQ(a.dropped_unmapped(), 1u);
  a.stop();
  b.stop();
}

TEST(UdpHost, HostPortFormsAndTheirErrors) {
  boost::asio::io_context io;
  Recorder r;
  UdpHost v4(io, r, {});
  const auto bound = v4.bind("localhost:0");
  ASSERT_TRUE(bound) << bound.error();
  EXPECT_EQ(bound->ip, 0x7f000001u);  // a name: its IPv4 address first
  EXPECT_EQ(v4.describe(*bound), bound->to_string());
  const auto peer = v4.resolve("127.0.0.1:7000");
  ASSERT_TRUE(peer);
  EXPECT_EQ(*peer, (Address{0x7f000001, 7000}));
  const auto v6_peer = v4.resolve("[::1]:7000");
  ASSERT_FALSE(v6_peer);
  EXPECT_NE(v6_peer.error().find("listens on IPv4"), std::string::npos) << v6_peer.error();
  for (const char* bad :
       {"::1:7000", "[::1:7000", "[]:7", "127.0.0.1:70000", "127.0.0.1:", ":7000", "127.0.0.1:7x"})
    EXPECT_FALSE(v4.resolve(bad)) << bad;
  UdpHost unbindable(io, r, {});
  EXPECT_FALSE(unbindable.bind("[::1:0"));
}

// Only [::] reaches IPv4 peers: a socket bound to one IPv6 address refuses them at resolve time
// instead of losing every datagram to ENETUNREACH (review finding S2).
TEST(UdpHost, OnlyTheIPv6WildcardReachesIPv4Peers) {
  boost::asio::io_context io;
  Recorder r;
  UdpHost one(io, r, {}), any(io, r, {});
  const auto bound_one = one.bind("[::1]:0");
  ASSERT_TRUE(bound_one) << "IPv6 loopback ::1 unavailable: " << bound_one.error();
  const auto refused = one.resolve("127.0.0.1:7000");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("is IPv4 and this node listens on [::1]:"), std::string::npos)
      << refused.error();
  EXPECT_NE(refused.error().find("[::]"), std::string::npos) << refused.error();
  EXPECT_FALSE(one.resolve("[::ffff:127.0.0.1]:7000"));
  EXPECT_TRUE(one.resolve("[::1]:7000"));
  ASSERT_TRUE(any.bind("[::]:0"));
  EXPECT_TRUE(any.resolve("127.0.0.1:7000"));
}

// A datagram the kernel refuses to send is counted by errno and shown to the sink, not
// swallowed (review finding S2): from 127.0.0.1 to TEST-NET-1 the kernel says EINVAL.
TEST(UdpHost, CountsAndReportsTheDatagramsTheKernelRefusesToSend) {
  boost::asio::io_context io;
  Recorder r;
  UdpHost host(io, r, {});
  ASSERT_TRUE(host.bind("127.0.0.1:0"));
  std::vector<std::pair<Address, int>> failed;
  host.set_send_failure([&](TimeNs, const Address& to, int error) { failed.emplace_back(to, error); });
  host.start();
  const Address away{0xc0000201u, 7000};  // 192.0.2.1
  host.act([&](TimeNs, Output& out) {
    out.send(away, make_bytes("x"));
    out.send(away, make_bytes("y"));
  });
  EXPECT_EQ(host.sent(), 0u);
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0].first, away);
  EXPECT_NE(failed[0].second, 0);
  ASSERT_EQ(host.send_failures().size(), 1u);
  EXPECT_EQ(host.send_failures().begin()->first, failed[0].second);
  EXPECT_EQ(host.send_failures().begin()->second, 2u);
  host.stop();
}

// A plain socket on 127.0.0.1 that sends `count` datagrams of `size` bytes to `port` at once.
struct Burst {
  explicit Burst(boost::asio::io_context& io)
      : socket(io, {boost::asio::ip::make_address_v4("127.0.0.1"), 0}) {}
  void send(std::uint16_t port, int count, std::size_t size) {
    const boost::asio::ip::udp::endpoint to(boost::asio::ip::make_address_v4("127.0.0.1"), port);
    const std::string bytes(size, 'b');
    for (int i = 0; i < count; ++i) socket.send_to(boost::asio::buffer(bytes), to);
  }
  boost::asio::ip::udp::socket socket;
};

// A started host on 127.0.0.1:<any> answering "pong", and a burst socket aimed at it.
struct LoopbackHost {
  explicit LoopbackHost(std::size_t receive_buffer) {
    const auto b = host.bind("127.0.0.1:0");
    EXPECT_TRUE(b) << (b ? "" : b.error());
    if (b) port = b->port;
    granted = host.set_receive_buffer(receive_buffer);
    EXPECT_TRUE(granted) << (granted ? "" : granted.error());
  }
  boost::asio::io_context io;
  Recorder r;
  UdpHost host{io, r, {}};
  std::uint16_t port = 0;
  Expected<std::size_t, std::string> granted = std::size_t{0};
  Burst burst{io};
};

// Runs `io` until `done` or 10 s.
template <class Done>
void run_until(boost::asio::io_context& io, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done() && std::chrono::steady_clock::now() < deadline)
    io.run_one_for(std::chrono::milliseconds(50));
}

TEST(UdpHost, DrainsABurstInBatchesAndAnswersEveryDatagram) {
  LoopbackHost h(1 << 20);
  int flushes = 0;
  h.host.set_flush([&] { ++flushes; });
  ASSERT_TRUE(h.granted);
  EXPECT_GE(*h.granted, std::size_t{1} << 16);  // rmem_max is at least 208 KiB on Linux
  EXPECT_EQ(*h.granted, h.host.receive_buffer());
  h.host.start();
  constexpr int kBurst = 200;  // several recvmmsg batches, several sendmmsg batches of answers
  h.burst.send(h.port, kBurst, 100);
  run_until(h.io, [&] { return h.r.got.size() == kBurst; });
  ASSERT_EQ(h.r.got.size(), std::size_t{kBurst});
  EXPECT_EQ(h.host.received(), std::uint64_t{kBurst});
  EXPECT_EQ(h.host.sent(), std::uint64_t{kBurst});  // one "pong" each, sent in batches
  EXPECT_EQ(h.host.dropped_queue_full(), 0u);
  EXPECT_LT(flushes, kBurst);  // once per wake-up, not once per datagram
  std::array<char, 16> answer{};
  for (int i = 0; i < kBurst; ++i) {
    ASSERT_EQ(h.burst.socket.receive(boost::asio::buffer(answer)), 4u);
    EXPECT_EQ(std::string(answer.data(), 4), "pong");
  }
  h.host.stop();
}

TEST(UdpHost, CountsTheDatagramsTheKernelDroppedForAFullQueue) {
  LoopbackHost h(1);  // the kernel's minimum: a few datagrams
  h.host.start();
  constexpr int kBurst = 500;
  h.burst.send(h.port, kBurst, 1000);  // before the host reads: most overflow the queue
  run_until(h.io, [&] { return h.host.received() > 0 && h.io.poll() == 0; });
  // The count rides on the datagrams that arrive after the drops: one more carries the total.
  const auto before = h.host.received();
  h.burst.send(h.port, 1, 1000);
  run_until(h.io, [&] { return h.host.received() > before; });
  EXPECT_GT(h.host.dropped_queue_full(), 0u);
  EXPECT_EQ(h.host.received() + h.host.dropped_queue_full(), std::uint64_t{kBurst} + 1);
  h.host.stop();
}

}  // namespace
}  // namespace ptplab::engine
