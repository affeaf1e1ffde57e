// A simulated world for the partitioned-run tests (tests/sim/partitioned_run_test.cpp, in one
// process; tests/mpi/partitioned_world.cpp, over MPI ranks): public hosts and hosts behind NAT
// boxes of every type exchanging random traffic (LAN siblings included) with every network
// model switched on (lognormal latency with a floor and jitter, link delays, bandwidth and
// drop-tail queues, Gilbert-Elliott and Bernoulli loss, duplication, a partition, churn, and a
// crash and restart by the driver), and an observer that keeps every record it sees, to be
// compared as a multiset between the sequential run and the union of the parts.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/network.hpp"
#include "sim/partition_plan.hpp"

namespace ptplab::sim::testing {

// The world's size: public hosts, then NATed hosts behind boxes of 4.
struct WorldSize {
  std::uint32_t publics = 120;
  std::uint32_t natted = 80;  // a multiple of 4
  [[nodiscard]] std::uint32_t hosts() const { return publics + natted; }
  [[nodiscard]] std::uint32_t boxes() const { return natted / 4; }
};
inline constexpr TimeNs kWorldEnd = 3 * kSecond;

// Every ~50 ms sends a datagram of random size to a random public host (now and then to a LAN
// sibling's private address, or from a public host unsolicited to a NAT box); answers each datagram of more
// than 8 bytes with a short one.
class CrossTraffic final : public Endpoint {
 public:
  CrossTraffic(std::uint64_t seed, bool natted, WorldSize size) : rng_(seed), natted_(natted), size_(size) {}
  void start(TimeNs now, Output& out) override {
    out.wake_at(now + static_cast<TimeNs>(rng_.below(50 * kMillisecond)));
  }
  void on_datagram(TimeNs, const Address& from, const SharedBytes& bytes, Output& out) override {
    if (bytes->size() > 8) out.send(from, make_bytes("ack"));
  }
  void on_timer(TimeNs now, Output& out) override {
    const bool lan = natted_ && rng_.chance(0.1);
    const bool unsolicited = !natted_ && rng_.chance(0.1);  // at a NAT box's early mappings' ports
    const Address to =
        lan           ? Address{0xc0a80002u + static_cast<std::uint32_t>(rng_.below(4)), 9000}
        : unsolicited ? Address{0xc6336400u + static_cast<std::uint32_t>(rng_.below(size_.boxes())),
                                static_cast<std::uint16_t>(1024 + rng_.below(4))}
                      : Address{0x0a000000u + static_cast<std::uint32_t>(rng_.below(size_.publics)), 9000};
    out.send(to, make_bytes(std::string(16 + rng_.below(1200), 'd')));
    out.wake_at(now + 20 * kMillisecond + static_cast<TimeNs>(rng_.below(60 * kMillisecond)));
  }

 private:
  Rng rng_;
  bool natted_;
  WorldSize size_;
};

// The world's network model.
inline NetworkConfig world_config() {
  NetworkConfig config;
  config.seed = 11;
  config.latency.kind = LatencyKind::kLognormal;
  config.latency.mean_ns = 30 * kMillisecond;
  config.latency.stddev_ns = 20 * kMillisecond;
  config.latency.floor_ns = 4 * kMillisecond;
  config.latency.jitter_ns = 3 * kMillisecond;
  config.duplicate_probability = 0.01;
  config.link.uplink_bytes_per_s = 400'000;
  config.link.downlink_bytes_per_s = 150'000;
  config.link.downlink_queue_bytes_max = 6'000;
  config.link.delay_ns = kMillisecond;
  config.link.uplink_loss = LossConfig{LossKind::kGilbertElliott};
  config.link.downlink_loss = LossConfig{LossKind::kBernoulli, 0.02};
  return config;
}

inline NatConfig world_nat(std::uint32_t box) {
  switch (box % 4) {
    case 0: return NatConfig::symmetric();
    case 1: return NatConfig::restricted();
    case 2: return NatConfig::full_cone();
    default: return NatConfig::port_restricted();
  }
}

// NAT box of each host (kNoNat: public), for plan_partition.
inline std::vector<NatId> world_nats(WorldSize size = {}) {
  std::vector<NatId> out(size.hosts(), kNoNat);
  for (std::uint32_t i = 0; i < size.natted; ++i) out[size.publics + i] = i / 4;
  return out;
}

// Overlay edges for the partitioner: a ring of public hosts, each NATed host to two of them.
inline std::vector<HostEdge> world_edges(WorldSize size = {}) {
  std::vector<HostEdge> out;
  for (HostId h = 0; h < size.publics; ++h) out.emplace_back(h, (h + 1) % size.publics);
  for (HostId i = 0; i < size.natted; ++i) {
    out.emplace_back(size.publics + i, (i * 7) % size.publics);
    out.emplace_back(size.publics + i, (i * 7 + 1) % size.publics);
  }
  return out;
}

// Adds every host and NAT box to `net`, and starts, churns and (by the driver, at 1 s and 2 s)
// crashes and restarts the ones it owns. Every part makes the same driver calls in the same order.
inline void build_world(Network& net, WorldSize size = {}) {
  const EndpointFactory factory = [size](const HostStart& s) {
    return std::make_unique<CrossTraffic>(s.seed, s.address.ip >= 0xc0a80000u, size);
  };
  for (std::uint32_t i = 0; i < size.publics; ++i) {
    (void)*net.add_host({.address = Address{0x0a000000u + i, 9000}}, factory);
  }
  for (std::uint32_t i = 0; i < size.natted; ++i) {
    if (i % 4 == 0) (void)*net.add_nat(0xc6336400u + i / 4, world_nat(i / 4));
    (void)*net.add_host({.address = Address{0xc0a80002u + i % 4, 9000}, .nat = i / 4}, factory);
  }
  const std::vector<std::vector<HostId>> groups = {{1, 2, 3, 4, 5, size.publics, size.publics + 1}};
  net.partition(groups);
  for (HostId h = 0; h < size.hosts(); ++h) {
    if (net.owns(h)) net.start_host(h);
  }
  std::vector<HostId> churners;
  for (HostId h = 0; h < size.hosts(); h += 9) {
    if (net.owns(h)) churners.push_back(h);
  }
  net.start_churn(churners, ChurnConfig{{SessionKind::kExponential, kSecond, 2.0},
                                        {SessionKind::kExponential, kSecond / 2, 2.0}});
  Simulator& sim = net.simulator();
  sim.call_at(kSecond, [&net, size] {
    for (HostId h = 10; h < size.hosts(); h += 17) {
      if (net.owns(h)) net.crash_host(h);
    }
    net.heal();
  });
  sim.call_at(2 * kSecond, [&net, size] {
    for (HostId h = 10; h < size.hosts(); h += 17) {
      if (net.owns(h)) net.start_host(h);
    }
  });
}

// One observation: (what, time, sent time, source and destination hosts, addresses, size).
using WorldRecord = std::array<std::uint64_t, 8>;

// Keeps every observation.
class WorldTrace final : public Observer {
 public:
  void on_send(TimeNs now, const DatagramView& d) override { add(1, now, d); }
  void on_delivery(TimeNs now, const DatagramView& d) override { add(2, now, d); }
  void on_drop(TimeNs now, const DatagramView& d, DropReason reason) override {
    add(16 + static_cast<std::uint64_t>(reason), now, d);
  }
  void on_host_state(TimeNs now, HostId host, bool up) override {
    records.push_back({up ? 3u : 4u, static_cast<std::uint64_t>(now), 0, host, 0, 0, 0, 0});
  }
  std::vector<WorldRecord> records;

 private:
  void add(std::uint64_t what, TimeNs now, const DatagramView& d) {
    records.push_back({what, static_cast<std::uint64_t>(now), static_cast<std::uint64_t>(d.sent_ns),
                       (static_cast<std::uint64_t>(d.src_host) << 32) | d.dst_host,
                       (static_cast<std::uint64_t>(d.from.ip) << 16) | d.from.port,
                       (static_cast<std::uint64_t>(d.to.ip) << 16) | d.to.port, d.size(), 0});
  }
};

// A sum of the records' hashes: equal for equal multisets, whatever the order they came in.
inline std::uint64_t trace_digest(const std::vector<WorldRecord>& records) {
  std::uint64_t sum = 0;
  for (const auto& r : records) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const std::uint64_t v : r) {
      for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xff)) * 0x100000001b3ULL;
    }
    sum += h;
  }
  return sum;
}

}  // namespace ptplab::sim::testing
