// The simulated network's throughput and footprint: datagrams delivered per CPU second
// when N hosts bounce datagrams to random hosts (each delivery sends one more, so N are always in
// flight), and the simulator's own bytes per host (endpoint excluded).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>

#include "sim/network.hpp"

namespace {

using namespace ptplab;
using namespace ptplab::sim;

constexpr std::uint32_t kBase = 0x0a000000;  // 10.0.0.0

// On every datagram, forwards the same shared buffer to a random host.
class Bouncer final : public Endpoint {
 public:
  Bouncer(std::uint64_t seed, std::uint32_t hosts) : rng_(seed), hosts_(hosts) {}
  void start(TimeNs, Output& out) override { out.send(pick(), make_bytes(std::string(200, 'b'))); }
  void on_datagram(TimeNs, const Address&, const SharedBytes& bytes, Output& out) override {
    out.send(pick(), bytes);
  }
  void on_timer(TimeNs, Output&) override {}

 private:
  Address pick() { return Address{kBase + static_cast<std::uint32_t>(rng_.below(hosts_)), 9000}; }
  Rng rng_;
  std::uint32_t hosts_;
};

void BM_NetworkDatagrams(benchmark::State& state) {
  const auto hosts = static_cast<std::uint32_t>(state.range(0));
  NetworkConfig config;
  config.latency.kind = LatencyKind::kLognormal;
  config.link.uplink_bytes_per_s = 1'000'000;
  config.link.downlink_bytes_per_s = 1'000'000;
  config.link.downlink_loss = LossConfig{LossKind::kBernoulli, 0.0};
  Simulator sim;
  Network net(sim, config);
  const EndpointFactory factory = [hosts](const HostStart& s) {
    return std::make_unique<Bouncer>(s.seed, hosts);
  };
  for (std::uint32_t i = 0; i < hosts; ++i)
    (void)net.add_host({.address = Address{kBase + i, 9000}}, factory);
  for (HostId h = 0; h < hosts; ++h) net.start_host(h);
  sim.run_until(kSecond);  // warm up
  const std::uint64_t before = net.counters().delivered;
  TimeNs until = sim.now();
  for (auto _ : state) {
    until += 10 * kMillisecond;
    sim.run_until(until);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(net.counters().delivered - before));
  state.counters["simulated_s_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 0.01, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NetworkDatagrams)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_NetworkHostFootprint(benchmark::State& state) {
  const auto hosts = static_cast<std::uint32_t>(state.range(0));
  double bytes_per_host = 0;
  for (auto _ : state) {
    const auto before = mallinfo2().uordblks + mallinfo2().hblkhd;
    Simulator sim;
    auto net = std::make_unique<Network>(sim, NetworkConfig{});
    const EndpointFactory factory = [](const HostStart& s) { return std::make_unique<Bouncer>(s.seed, 1); };
    for (std::uint32_t i = 0; i < hosts; ++i)
      (void)net->add_host({.address = Address{kBase + i, 9000}}, factory);
    bytes_per_host = static_cast<double>(mallinfo2().uordblks + mallinfo2().hblkhd - before) / hosts;
    benchmark::DoNotOptimize(net.get());
  }
  state.counters["bytes_per_host"] = bytes_per_host;
}
BENCHMARK(BM_NetworkHostFootprint)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
