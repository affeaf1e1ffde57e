// Over real loopback UDP: the reference Node on a UdpHost (engine/io) in a thread, checked by a
// handful of cases through the harness's real sockets; and the reachability probe's verdicts.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <thread>

#include "conformance/engine_target.hpp"
#include "conformance/exec_process.hpp"
#include "conformance/registry.hpp"
#include "conformance/runner.hpp"
#include "conformance/writers.hpp"
#include "engine/io/udp_host.hpp"

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
