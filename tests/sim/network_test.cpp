// The simulated network end to end with raw endpoints: latency, routing errors, size limit,
// partitions, crash/restart, wake-ups, spoofing, congestion, duplication, reordering, churn.
#include "sim/network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/sim/test_endpoints.hpp"

namespace ptplab::sim {
namespace {

using testing::CountingObserver;
using testing::ScriptFactory;
using testing::send_text;

using testing::addr;

// Public hosts 10.0.0.1:9000, 10.0.0.2:9000, ... on one network.
struct Net {
  Simulator sim;
  CountingObserver obs;
  Network net;
  ScriptFactory factory;

  explicit Net(NetworkConfig config = {}, std::size_t hosts = 2) : net(sim, std::move(config), &obs) {
    for (std::size_t i = 0; i < hosts; ++i) add(HostSpec{});
  }
  HostId add(HostSpec spec) {
    const auto id = static_cast<std::uint32_t>(net.host_count());
    if (spec.address == Address{}) spec.address = Address{0x0a000001u + id, 9000};
    const HostId h = *net.add_host(spec, factory.factory());
    net.start_host(h);
    return h;
  }
  testing::ScriptEndpoint& at(HostId h) { return *factory.latest[h]; }
};

TEST(Network, DeliversAfterTheLatencyWithTheSourceAddress) {
  Net t;
  send_text(t.net, 0, t.net.address(1), "hi");
  t.sim.run_until(kSecond);
  ASSERT_EQ(t.at(1).received.size(), 1u);
  EXPECT_EQ(t.at(1).received[0].at, 20 * kMillisecond);
  EXPECT_EQ(t.at(1).received[0].from, t.net.address(0));
  EXPECT_EQ(t.at(1).received[0].bytes, "hi");
  ASSERT_EQ(t.obs.deliveries.size(), 1u);
  EXPECT_EQ(t.obs.deliveries[0].sent, 0);
  EXPECT_EQ(t.obs.deliveries[0].src, 0u);
  EXPECT_EQ(t.obs.deliveries[0].dst, 1u);
  EXPECT_EQ(t.net.counters().delivered, 1u);
}

TEST(Network, RejectsTakenAddressesAndUnknownNatBoxes) {
  Net t;
  EXPECT_FALSE(t.net.add_host({.address = t.net.address(0)}, t.factory.factory()).has_value());
  EXPECT_FALSE(t.net.add_host({.address = addr("10.9.9.9:1"), .nat = 3}, t.factory.factory()).has_value());
  EXPECT_FALSE(t.net.add_nat(t.net.address(1).ip, NatConfig{}).has_value());
  EXPECT_EQ(t.net.public_host(t.net.address(1).ip), 1u);
}

TEST(Network, DropsUnroutableAndOversizedDatagrams) {
  NetworkConfig config;
  config.datagram_bytes_max = 10;
  Net t(config);
  send_text(t.net, 0, addr("10.200.0.1:9000"), "nobody");
  send_text(t.net, 0, Address{t.net.address(1).ip, 1}, "wrong port");
  send_text(t.net, 0, t.net.address(1), std::string(11, 'x'));
  send_text(t.net, 0, t.net.address(1), std::string(10, 'x'));
  t.sim.run_until(kSecond);
  EXPECT_EQ(t.obs.count(DropReason::kNoHost), 2u);
  EXPECT_EQ(t.obs.count(DropReason::kExceedsMtu), 1u);
  EXPECT_EQ(t.net.counters().drops(DropReason::kExceedsMtu), 1u);
  EXPECT_EQ(t.at(1).received.size(), 1u);
  EXPECT_EQ(drop_reason_name(DropReason::kQueueOverflow), "queue_overflow");
}

TEST(Network, PartitionsSeparateGroupsUntilHealed) {
  Net t({}, 3);
  const std::vector<std::vector<HostId>> groups{{0, 99}, {1}};  // 99 names no host: ignored
  t.net.partition(groups);
  send_text(t.net, 0, t.net.address(1), "x");
  send_text(t.net, 0, t.net.address(2), "x");  // host 2 is in the unlisted group
  send_text(t.net, 1, t.net.address(1), "self");
  t.sim.run_until(kSecond);
  EXPECT_EQ(t.obs.count(DropReason::kPartition), 2u);
  EXPECT_EQ(t.at(1).received.size(), 1u);
  t.net.heal();
  send_text(t.net, 0, t.net.address(1), "x");
  t.sim.run_until(2 * kSecond);
  EXPECT_EQ(t.at(1).received.size(), 2u);
}

TEST(Network, CrashLosesStateAndRestartBuildsAFreshEndpoint) {
  Net t;
  t.net.act(1, [](Endpoint&, Output& out) { out.wake_at(500 * kMillisecond); });
  send_text(t.net, 0, t.net.address(1), "before");
  t.sim.run_until(100 * kMillisecond);
  auto* first = t.factory.latest[1];
  ASSERT_EQ(first->received.size(), 1u);
  t.net.crash_host(1);
  EXPECT_FALSE(t.net.is_up(1));
  EXPECT_EQ(t.net.endpoint(1), nullptr);
  send_text(t.net, 0, t.net.address(1), "while down");
  t.sim.run_until(200 * kMillisecond);
  EXPECT_EQ(t.obs.count(DropReason::kHostDown), 1u);
  t.net.start_host(1);
  t.sim.run_until(kSecond);
  EXPECT_TRUE(t.at(1).received.empty());
  EXPECT_TRUE(t.at(1).timers.empty());  // the old endpoint's wake-up died with it
  ASSERT_EQ(t.factory.starts.size(), 3u);
  EXPECT_EQ(t.factory.starts[2].incarnation, 1u);
  EXPECT_NE(t.factory.starts[2].seed, t.factory.starts[1].seed);
  ASSERT_EQ(t.obs.host_states.size(), 4u);  // up, up, down, up
  EXPECT_FALSE(t.obs.host_states[2].up);
}

TEST(Network, TheLatestWakeRequestReplacesEarlierOnes) {
  Net t;
  t.net.act(0, [](Endpoint&, Output& out) {
    out.wake_at(10);
    out.wake_at(5);
  });
  t.net.act(1, [](Endpoint&, Output& out) {
    out.wake_at(10);
    out.wake_at(20);
    out.wake_at(kNever);
    out.wake_at(30);
  });
  t.sim.run_until(kSecond);
  EXPECT_EQ(t.at(0).timers, (std::vector<TimeNs>{5}));
  EXPECT_EQ(t.at(1).timers, (std::vector<TimeNs>{30}));
}

TEST(Network, OnlyAdversariesForgeTheirSource) {
  Net t;
  const HostId adversary = t.add({.adversary = true});
  const Address forged = addr("10.0.0.99:1234");
  for (HostId h : {HostId{0}, adversary}) {
    t.net.act(h,
              [&](Endpoint&, Output& out) { out.send_spoofed(forged, t.net.address(1), make_bytes("s")); });
  }
  t.sim.run_until(kSecond);
  ASSERT_EQ(t.at(1).received.size(), 2u);
  EXPECT_EQ(t.at(1).received[0].from, t.net.address(0));
  EXPECT_EQ(t.at(1).received[1].from, forged);
}

TEST(Network, AFloodCongestsTheVictimsDownlink) {
  NetworkConfig config;
  config.latency.kind = LatencyKind::kUniform;  // 10..50 ms: no lock-step between the two senders
  Net t(config);
  LinkConfig thin;
  thin.downlink_bytes_per_s = 100'000;
  thin.downlink_queue_bytes_max = 10'000;
  const HostId victim = t.add({.link_profile = *t.net.add_link_profile(thin)});
  const HostId attacker = t.add({});
  // 1 MB/s of flood for one second, and one honest datagram of the same size every 10 ms.
  for (int i = 0; i < 1000; ++i) {
    t.sim.call_at(i * kMillisecond,
                  [&] { send_text(t.net, attacker, t.net.address(victim), std::string(1000, 'f')); });
  }
  for (int i = 0; i < 100; ++i) {
    t.sim.call_at(i * 10 * kMillisecond,
                  [&] { send_text(t.net, 0, t.net.address(victim), std::string(1000, 'h')); });
  }
  t.sim.run_until(3 * kSecond);
  std::size_t honest = 0, bytes = 0;
  TimeNs last = 0;
  for (const auto& r : t.at(victim).received) {
    honest += r.from == t.net.address(0);
    bytes += r.bytes.size();
    last = r.at;
  }
  EXPECT_GT(t.obs.count(DropReason::kQueueOverflow), 800u);
  EXPECT_LT(honest, 50u);  // most honest datagrams were lost in the queue
  // Most of those that got through waited behind the flood (a full queue is 100 ms).
  std::size_t delayed = 0;
  for (const auto& d : t.obs.deliveries)
    delayed += d.src == 0 && d.at - d.sent > 10 * kMillisecond + 60 * kMillisecond;
  EXPECT_GT(2 * delayed, honest);
  // Never faster than the downlink: bytes delivered fit in the time since the first arrival.
  EXPECT_LE(static_cast<double>(bytes),
            100'000.0 * static_cast<double>(last - 10 * kMillisecond) / 1e9 + 1000);
}

TEST(Network, DuplicationDeliversTwiceAndJitterReorders) {
  NetworkConfig config;
  config.duplicate_probability = 1.0;
  config.latency.kind = LatencyKind::kUniform;
  Net t(config);
  for (int i = 0; i < 100; ++i) {
    t.sim.call_at(i * kMillisecond, [&, i] { send_text(t.net, 0, t.net.address(1), std::to_string(i)); });
  }
  t.sim.run_until(kSecond);
  const auto& got = t.at(1).received;
  ASSERT_EQ(got.size(), 200u);
  EXPECT_EQ(t.net.counters().duplicated, 100u);
  std::vector<int> order;
  for (const auto& r : got) order.push_back(std::stoi(r.bytes));
  EXPECT_FALSE(std::is_sorted(order.begin(), order.end()));
}

TEST(Network, UplinkLossAndRegionMatrix) {
  NetworkConfig config;
  config.latency.kind = LatencyKind::kMatrix;
  config.latency.regions = 2;
  config.latency.matrix_ns = {5 * kMillisecond, 100 * kMillisecond, 100 * kMillisecond, 5 * kMillisecond};
  Net t(config, 0);
  const HostId eu = t.add({.region = 0});
  const HostId us = t.add({.region = 1});
  LinkConfig lossy;
  lossy.uplink_loss.kind = LossKind::kBernoulli;
  lossy.uplink_loss.probability = 1.0;
  const HostId mute = t.add({.link_profile = *t.net.add_link_profile(lossy)});
  send_text(t.net, eu, t.net.address(us), "x");
  send_text(t.net, mute, t.net.address(us), "x");
  t.sim.run_until(kSecond);
  ASSERT_EQ(t.at(us).received.size(), 1u);
  EXPECT_EQ(t.at(us).received[0].at, 100 * kMillisecond);
  EXPECT_EQ(t.obs.count(DropReason::kLoss), 1u);
}

// A link's own delay is added to what its host sends and to what it receives, on top of the
// latency model (20 ms constant); a host on profile 0 keeps the model's delay alone.
TEST(Network, LinkDelayAddsToBothDirections) {
  Net t;
  LinkConfig home;
  home.delay_ns = 7 * kMillisecond;
  const HostId far = t.add({.link_profile = *t.net.add_link_profile(home)});
  EXPECT_EQ(t.net.link_of(far).delay_ns, 7 * kMillisecond);
  EXPECT_EQ(t.net.link_of(0).delay_ns, 0);
  send_text(t.net, 0, t.net.address(far), "in");
  send_text(t.net, far, t.net.address(1), "out");
  send_text(t.net, 0, t.net.address(1), "plain");
  t.sim.run_until(kSecond);
  ASSERT_EQ(t.at(far).received.size(), 1u);
  EXPECT_EQ(t.at(far).received[0].at, 27 * kMillisecond);
  ASSERT_EQ(t.at(1).received.size(), 2u);
  EXPECT_EQ(t.at(1).received[0].at, 20 * kMillisecond);  // "plain"
  EXPECT_EQ(t.at(1).received[1].at, 27 * kMillisecond);  // "out"
  EXPECT_EQ(t.at(1).received[1].bytes, "out");
}

TEST(Network, ChurnAlternatesSessionsUntilStopped) {
  Net t({}, 20);
  std::vector<HostId> all(20);
  for (HostId i = 0; i < 20; ++i) all[i] = i;
  t.net.start_churn(all, ChurnConfig{{SessionKind::kExponential, 10 * kSecond, 2.0},
                                     {SessionKind::kPareto, 5 * kSecond, 2.0}});
  t.sim.run_until(100 * kSecond);
  std::size_t downs = 0, ups = 0;
  for (const auto& s : t.obs.host_states) (s.up ? ups : downs) += 1;
  EXPECT_GT(downs, 50u);  // about 20 hosts * 100 s / 15 s
  EXPECT_GT(ups, 50u);
  t.net.stop_churn();
  const std::size_t at_stop = t.obs.host_states.size();
  t.sim.run_until(200 * kSecond);
  EXPECT_EQ(t.obs.host_states.size(), at_stop);
}

}  // namespace
}  // namespace ptplab::sim
