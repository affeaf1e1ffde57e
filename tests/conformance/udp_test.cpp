// Over real loopback UDP: the reference Node on a UdpHost (engine/io) in a thread, checked by a
// handful of cases through the harness's real sockets; and the reachability probe's verdicts.
#include <gtest/gtest.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <csignal>
#include <map>
#include <set>
#include <thread>

#include "conformance/engine_target.hpp"
#include "conformance/exec_process.hpp"
#include "conformance/registry.hpp"
#include "conformance/runner.hpp"
#include "conformance/writers.hpp"
#include "engine/io/udp_host.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {
namespace {

// The reference node on 127.0.0.1:<any port>, served by a thread until destroyed.
class LoopbackNode {
 public:
  LoopbackNode() : node_(reference_node_params(), 7, default_target_channels()), host_(io_, node_, nullptr) {
    node_.node().set_epoch_offset(engine::epoch_offset_now());  // as `ptplab node`: epoch-ms timestamps
    address_ = host_.bind(Address{0x7f000001, 0}).value();
    host_.start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~LoopbackNode() {
    boost::asio::post(io_, [this] { host_.stop(); });
    thread_.join();
  }
  [[nodiscard]] Address address() const { return address_; }

 private:
  boost::asio::io_context io_;
  NodeWithChannels node_;
  engine::UdpHost host_;
  Address address_;
  std::thread thread_;
};

TEST(Udp, ReferenceNodePassesCasesOverLoopback) {
  LoopbackNode node;
  UdpTarget target(node.address());
  RunOptions options;
  options.globs = {"head/1",    "ack/*",     "cert/2",   "cert/4",  "key/2",
                   "message/3", "connect/4", "robust/1", "robust/7"};
  const auto results = run_cases(all_cases(), options, target);
  EXPECT_EQ(results.size(), 18u);  // ack/* is ten cases
  for (const auto& r : results) {
    EXPECT_EQ(r.outcome.status, Status::kPass) << r.c->id << ": " << failure_sentence(r.outcome) << "\n"
                                               << r.outcome.note << "\n"
                                               << r.wire_log;
  }
}

// A NAT-like UDP proxy on 127.0.0.1: each harness socket reaches the target from a socket of its
// own (another port), and whatever comes back to that socket goes to the harness socket.
class NatProxy {
  using udp = boost::asio::ip::udp;

 public:
  explicit NatProxy(Address target)
      : target_(boost::asio::ip::address_v4(target.ip), target.port), front_(io_) {
    front_.open(udp::v4());
    front_.bind(udp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    receive_front();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~NatProxy() {
    boost::asio::post(io_, [this] { io_.stop(); });
    thread_.join();
  }
  [[nodiscard]] Address address() const { return Address{0x7f000001, front_.local_endpoint().port()}; }

 private:
  struct Mapping {
    explicit Mapping(boost::asio::io_context& io) : socket(io) {}
    udp::socket socket;
    udp::endpoint inside, from;
    std::array<char, 65536> buffer{};
  };

  void receive_front() {
    front_.async_receive_from(boost::asio::buffer(buffer_), client_, [this](auto ec, std::size_t n) {
      if (ec) return;
      auto& m = mappings_[client_];
      if (!m) {
        m = std::make_unique<Mapping>(io_);
        m->inside = client_;
        m->socket.open(udp::v4());
        m->socket.bind(udp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
        receive_back(*m);
      }
      boost::system::error_code ignored;
      m->socket.send_to(boost::asio::buffer(buffer_.data(), n), target_, 0, ignored);
      receive_front();
    });
  }
  void receive_back(Mapping& m) {
    m.socket.async_receive_from(boost::asio::buffer(m.buffer), m.from, [this, &m](auto ec, std::size_t n) {
      if (ec == boost::asio::error::operation_aborted) return;
      boost::system::error_code ignored;
      if (!ec) front_.send_to(boost::asio::buffer(m.buffer.data(), n), m.inside, 0, ignored);
      receive_back(m);
    });
  }

  boost::asio::io_context io_;
  udp::endpoint target_;
  udp::socket front_;
  udp::endpoint client_;
  std::array<char, 65536> buffer_{};
  std::map<udp::endpoint, std::unique_ptr<Mapping>> mappings_;
  std::thread thread_;
};

std::map<std::string, Outcome> run_through(Address address, const std::vector<std::string>& globs,
                                           std::string* translation) {
  UdpTarget target(address);
  RunOptions options;
  options.globs = globs;
  *translation = detect_address_translation(options.settings, target);
  options.settings.address_translation = *translation;
  std::map<std::string, Outcome> out;
  for (auto& r : run_cases(all_cases(), options, target)) out[r.c->id] = std::move(r.outcome);
  return out;
}

TEST(Udp, ThroughANatLikeProxyOnlyAddressCasesDifferAndSaySo) {
  const std::vector<std::string> globs = {
      "hello/1",   "hello/7",   "ack/1",     "ack/5",     "ack/6",     "ack/10",    "cert/1",    "cert/2",
      "message/1", "message/3", "connect/*", "routing/1", "routing/2", "routing/4", "routing/7", "channel/1"};
  LoopbackNode direct_node;
  std::string direct_translation;
  const auto direct = run_through(direct_node.address(), globs, &direct_translation);
  EXPECT_EQ(direct_translation, "");
  LoopbackNode proxied_node;
  NatProxy proxy(proxied_node.address());
  std::string translation;
  const auto proxied = run_through(proxy.address(), globs, &translation);
  EXPECT_NE(translation.find("NAT or proxy"), std::string::npos) << translation;
  ASSERT_EQ(direct.size(), proxied.size());
  std::set<std::string> about_addresses;
  for (const auto& [id, o] : proxied) {
    if (o.status == Status::kUnsupported && o.note.find("about addresses") != std::string::npos) {
      about_addresses.insert(id);
      continue;
    }
    EXPECT_EQ(status_name(o.status), status_name(direct.at(id).status))
        << id << ": " << o.note << " / direct: " << direct.at(id).note;
  }
  EXPECT_EQ(about_addresses, (std::set<std::string>{"connect/1", "connect/2", "connect/3", "connect/4",
                                                    "connect/7", "connect/8", "routing/4", "routing/7"}));
}

// A target like the third-party node of issue 14: it never answers a datagram directly; every
// `period` it says HELLO to every node_id it has heard, at the address it first heard it from.
class TimerOnlyTarget {
  using udp = boost::asio::ip::udp;

 public:
  explicit TimerOnlyTarget(TimeNs period) : socket_(io_), timer_(io_), period_(period) {
    socket_.open(udp::v4());
    socket_.bind(udp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    receive();
    tick();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TimerOnlyTarget() {
    boost::asio::post(io_, [this] { io_.stop(); });
    thread_.join();
  }
  [[nodiscard]] Address address() const { return Address{0x7f000001, socket_.local_endpoint().port()}; }

 private:
  void receive() {
    socket_.async_receive_from(boost::asio::buffer(buffer_), from_, [this](auto ec, std::size_t n) {
      if (ec) return;
      if (const auto m = wire::decode(std::string(buffer_.data(), n))) {
        if (const auto* h = std::get_if<wire::Hello>(&*m); h && h->node_id)
          known_.emplace(*h->node_id, from_);
      }
      receive();
    });
  }
  void tick() {
    timer_.expires_after(std::chrono::nanoseconds(period_));
    timer_.async_wait([this](auto ec) {
      if (ec) return;
      const std::string hello = wire::encode(wire::Hello{std::string("timer-only"), std::nullopt});
      boost::system::error_code ignored;
      for (const auto& [id, to] : known_) socket_.send_to(boost::asio::buffer(hello), to, 0, ignored);
      tick();
    });
  }

  boost::asio::io_context io_;
  udp::socket socket_;
  boost::asio::steady_timer timer_;
  TimeNs period_;
  udp::endpoint from_;
  std::array<char, 65536> buffer_{};
  std::map<std::string, udp::endpoint> known_;  // the first address of each node_id, kept
  std::thread thread_;
};

TEST(Udp, ProbeSeesATargetThatAnswersOnlyOnItsTimerAgainAndAgain) {
  TimerOnlyTarget target(kSecond);
  ProbeOptions probe;
  probe.wait_ns = 3 * kSecond;
  // Back to back, each with a fresh node id: the target keeps greeting the old sockets of old ids.
  EXPECT_TRUE(probe_reachable(target.address(), "00000000-0000-4000-8000-000000000001", probe).has_value());
  EXPECT_TRUE(probe_reachable(target.address(), "00000000-0000-4000-8000-000000000002", probe).has_value());
  // An id it already knows at another (now closed) socket is never greeted here: the reason for
  // fresh ids.
  probe.wait_ns = 2500 * kMillisecond;
  const auto reused = probe_reachable(target.address(), "00000000-0000-4000-8000-000000000001", probe);
  ASSERT_FALSE(reused.has_value());
  EXPECT_NE(reused.error().find("--ready-timeout"), std::string::npos) << reused.error();
}

TEST(Udp, ExecTargetThatEndsEarlySaysHowInWords) {
  EXPECT_EQ(describe_wait_status(3 << 8), "exited with status 3");  // as waitpid reports exit(3)
  EXPECT_EQ(describe_wait_status(SIGKILL), "killed by signal SIGKILL");
  const auto exited = ExecProcess::start("exit 3", 5 * kSecond, "probe");
  ASSERT_FALSE(exited.has_value());
  EXPECT_NE(exited.error().find("ended before answering a HELLO: exited with status 3"), std::string::npos)
      << exited.error();
  const auto killed = ExecProcess::start("kill -9 $$", 5 * kSecond, "probe");
  ASSERT_FALSE(killed.has_value());
  EXPECT_NE(killed.error().find("killed by signal SIGKILL"), std::string::npos) << killed.error();
}

TEST(Udp, ProbeSeesALiveNode) {
  LoopbackNode node;
  EXPECT_TRUE(
      probe_reachable(node.address(), "00000000-0000-4000-8000-00000000000a", ProbeOptions{}).has_value());
}

TEST(Udp, ProbeReportsADeadPortAtOnce) {
  const auto port = free_udp_port();
  ASSERT_TRUE(port.has_value());
  const auto r =
      probe_reachable(Address{0x7f000001, *port}, "00000000-0000-4000-8000-00000000000b", ProbeOptions{});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().find("nothing listens"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace ptplab::conformance
