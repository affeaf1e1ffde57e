// Reproducibility: a 1,000-host run with random traffic, every model switched on, hashed over
// its trace of delivered (and dropped) datagrams, gives the same hash twice for one seed and a
// different hash for another seed.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "sim/network.hpp"

namespace ptplab::sim {
namespace {

constexpr std::uint32_t kHosts = 1000;
constexpr std::uint32_t kNatted = 200;  // the last kNatted hosts sit behind NAT boxes of 4

// Sends a datagram of random size to a random public host every ~100 ms and answers each
// datagram it receives with a short one.
class RandomTraffic final : public Endpoint {
 public:
  RandomTraffic(std::uint64_t seed, std::uint32_t publics) : rng_(seed), publics_(publics) {}
  void start(TimeNs now, Output& out) override {
    out.wake_at(now + static_cast<TimeNs>(rng_.below(100 * kMillisecond)));
  }
  void on_datagram(TimeNs, const Address& from, const SharedBytes& bytes, Output& out) override {
    if (bytes->size() > 8) out.send(from, make_bytes("ack"));
  }
  void on_timer(TimeNs now, Output& out) override {
    const Address to{0x0a000000u + static_cast<std::uint32_t>(rng_.below(publics_)), 9000};
    out.send(to, make_bytes(std::string(16 + rng_.below(1200), 'd')));
    out.wake_at(now + 50 * kMillisecond + static_cast<TimeNs>(rng_.below(100 * kMillisecond)));
  }

 private:
  Rng rng_;
  std::uint32_t publics_;
};

// FNV-1a over every delivery and drop.
class TraceHash final : public Observer {
 public:
  void on_delivery(TimeNs now, const DatagramView& d) override { mix(now, d, 0xff); }
  void on_drop(TimeNs now, const DatagramView& d, DropReason reason) override {
    mix(now, d, static_cast<std::uint64_t>(reason));
  }
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  std::uint64_t records = 0;

 private:
  void add(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) hash = (hash ^ ((v >> (8 * i)) & 0xff)) * 0x100000001b3ULL;
  }
  void mix(TimeNs now, const DatagramView& d, std::uint64_t tag) {
    ++records;
    add(static_cast<std::uint64_t>(now));
    add(static_cast<std::uint64_t>(d.sent_ns));
    add((static_cast<std::uint64_t>(d.src_host) << 32) | d.dst_host);
    add((static_cast<std::uint64_t>(d.from.ip) << 16) | d.from.port);
    add(d.size() ^ (tag << 32));
  }
};

std::pair<std::uint64_t, std::uint64_t> run(std::uint64_t seed) {
  NetworkConfig config;
  config.seed = seed;
  config.latency.kind = LatencyKind::kLognormal;
  config.duplicate_probability = 0.01;
  config.link.uplink_bytes_per_s = 1'000'000;
  config.link.downlink_bytes_per_s = 200'000;
  config.link.downlink_queue_bytes_max = 4'000;
  config.link.uplink_loss = LossConfig{LossKind::kGilbertElliott};
  config.link.downlink_loss = LossConfig{LossKind::kBernoulli, 0.02};
  Simulator sim;
  TraceHash trace;
  Network net(sim, config, &trace);
  const std::uint32_t publics = kHosts - kNatted;
  const EndpointFactory factory = [publics](const HostStart& s) {
    return std::make_unique<RandomTraffic>(s.seed, publics);
  };
  for (std::uint32_t i = 0; i < publics; ++i) {
    (void)*net.add_host({.address = Address{0x0a000000u + i, 9000}, .region = i % 3}, factory);
  }
  for (std::uint32_t i = 0; i < kNatted; ++i) {
    if (i % 4 == 0) {
      (void)*net.add_nat(0xc6336400u + i / 4, i % 8 == 0 ? NatConfig::symmetric() : NatConfig::restricted());
    }
    (void)*net.add_host({.address = Address{0xc0a80002u + i % 4, 9000}, .nat = i / 4}, factory);
  }
  for (HostId h = 0; h < kHosts; ++h) net.start_host(h);
  std::vector<HostId> churners;
  for (HostId h = 0; h < kHosts; h += 10) churners.push_back(h);
  net.start_churn(churners, ChurnConfig{{SessionKind::kExponential, 2 * kSecond, 2.0},
                                        {SessionKind::kExponential, kSecond, 2.0}});
  sim.run_until(3 * kSecond);
  return {trace.hash, trace.records};
}

TEST(Determinism, SameSeedSameTraceOtherSeedOtherTrace) {
  const auto a = run(7);
  const auto b = run(7);
  const auto c = run(8);
  EXPECT_GT(a.second, 20'000u);  // the trace is not trivially small
  EXPECT_EQ(a, b);
  EXPECT_NE(a.first, c.first);
}

}  // namespace
}  // namespace ptplab::sim
