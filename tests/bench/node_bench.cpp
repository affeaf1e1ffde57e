// Micro-benchmarks of the Node's hot paths: decode + handle of a HELLO from a known peer, and of
// a signed MESSAGE in an open channel (ECDSA verification included, no shared verify cache), and
// the heap held per idle node (8 peers, one channel, key and certificate) on the simulator.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>
#include <vector>

#include "engine/node/node.hpp"
#include "engine/wire/codec.hpp"
#include "sim/network.hpp"

namespace {

using namespace ptplab;

// Deliveries among the events of one call (what a host draining the Output would count).
std::uint64_t deliveries(const Output& out) {
  std::uint64_t n = 0;
  for (const Event& e : out.events()) n += e.kind == EventKind::kDelivered ? 1 : 0;
  return n;
}

const Address kSender{0x0a000001, 4000};
// The per-source rate limit would turn a tight loop from one source into bucket checks.
engine::NodeParams unlimited() {
  engine::NodeParams p;
  p.rate_limit_enabled = false;
  return p;
}
const Address kReceiver{0x0a000002, 4000};

void BM_HandleHello(benchmark::State& state) {
  engine::Node node(unlimited(), 1);
  Output out;
  node.start(0, out);
  const auto hello =
      make_bytes(wire::encode(wire::Hello{"6f1c2a3b-0000-4000-8000-000000000001", "bench; 1"}));
  TimeNs now = kSecond;
  for (auto _ : state) {
    node.on_datagram(now, kSender, hello, out);
    now += kMicrosecond;
    out.clear();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HandleHello);

// A receiver peered with the sender, member of its channel, holding its certificate.
struct MessageFixture {
  static constexpr std::size_t kMessages = 512;
  engine::Node sender{{}, 11};
  std::unique_ptr<engine::Node> receiver;
  std::string channel;
  std::vector<SharedBytes> messages;
  std::vector<SharedBytes> setup;  // what the receiver must see first

  MessageFixture() {
    Output out;
    sender.start(0, out);
    sender.on_datagram(1, kReceiver, make_bytes(wire::encode(wire::Hello{"r", "b"})), out);
    sender.on_datagram(2, kReceiver, make_bytes(wire::encode(wire::Hello{"r", "b"})), out);
    out.clear();
    channel = sender.create_channel(3, "bench", false, out);
    for (const auto& d : out.datagrams()) setup.push_back(d.bytes);
    setup.push_back(
        make_bytes(wire::encode(wire::Certificate{"c", sender.node_id(), "r", sender.certificate_der()})));
    for (std::size_t i = 0; i < kMessages; ++i) {
      out.clear();
      (void)sender.send_message(kSecond + static_cast<TimeNs>(i), channel,
                                "a benchmark message of ordinary length", {}, out);
      for (const auto& d : out.datagrams()) messages.push_back(d.bytes);
    }
  }
  void fresh_receiver() {
    receiver = std::make_unique<engine::Node>(unlimited(), 12);
    Output out;
    receiver->start(0, out);
    for (const auto& b : setup) receiver->on_datagram(kSecond, kSender, b, out);
    receiver->join_channel(kSecond, channel, out);
  }
};

void BM_HandleMessage(benchmark::State& state) {
  MessageFixture f;
  Output out;
  std::uint64_t delivered = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    if (i % f.messages.size() == 0) {
      state.PauseTiming();
      f.fresh_receiver();
      state.ResumeTiming();
    }
    f.receiver->on_datagram(2 * kSecond, kSender, f.messages[i % f.messages.size()], out);
    delivered += deliveries(out);
    out.clear();
    ++i;
  }
  if (delivered != static_cast<std::uint64_t>(state.iterations()))
    state.SkipWithError("not every MESSAGE was delivered");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HandleMessage);

// Heap bytes per host after 200 simulated seconds of 128 idle nodes with 8 peers each, all members
// of one channel (the simulator's per-host state included, so an upper bound for the Node).
void BM_IdleNodeMemory(benchmark::State& state) {
  constexpr std::uint32_t kNodes = 128;
  for (auto _ : state) {
    const auto before = mallinfo2().uordblks;
    {
      sim::Simulator s;
      sim::Network net(s, {});
      std::vector<sim::HostId> hosts;
      for (std::uint32_t i = 0; i < kNodes; ++i) {
        hosts.push_back(
            *net.add_host({.address = Address{0x0b000001u + i, 7000}}, [](const sim::HostStart& h) {
              return std::make_unique<engine::Node>(engine::NodeParams{}, h.seed);
            }));
        net.start_host(hosts.back());
      }
      for (std::uint32_t i = 0; i < kNodes; ++i)
        for (std::uint32_t k = 1; k <= 4; ++k)
          net.act(hosts[i], [&](Endpoint& e, Output& o) {
            static_cast<engine::Node&>(e).add_peer(0, net.address(hosts[(i + k) % kNodes]), o);
          });
      s.run_until(5 * kSecond);
      std::string channel;
      net.act(hosts[0], [&](Endpoint& e, Output& o) {
        channel = static_cast<engine::Node&>(e).create_channel(s.now(), "idle", false, o);
      });
      s.run_until(10 * kSecond);
      for (auto h : hosts)
        net.act(h, [&](Endpoint& e, Output& o) {
          static_cast<engine::Node&>(e).join_channel(s.now(), channel, o);
        });
      s.run_until(200 * kSecond);  // past the de-dup window: the joins are forgotten
      const auto after = mallinfo2().uordblks;
      state.counters["heap_bytes_per_node"] = static_cast<double>(after - before) / kNodes;
      const auto sizes = static_cast<engine::Node&>(*net.endpoint(hosts[7])).table_sizes();
      state.counters["peers"] = static_cast<double>(sizes.peers);
      state.counters["routes"] = static_cast<double>(sizes.routing);
      state.counters["dedup"] = static_cast<double>(sizes.dedup);
      state.counters["sources"] = static_cast<double>(sizes.rate_sources);
    }
  }
}
BENCHMARK(BM_IdleNodeMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
