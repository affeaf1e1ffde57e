// Micro-benchmarks of the Node's hot paths: decode + handle of a HELLO from a known peer, and of
// a signed MESSAGE in an open channel (ECDSA verification included, no shared verify cache).
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "engine/node/node.hpp"
#include "engine/wire/codec.hpp"

namespace {

using namespace ptplab;

// Keeps what a benchmark needs from the Node's output.
class BenchOutput final : public Output {
 public:
  void send(const Address& to, const SharedBytes& bytes) override { sent.push_back({to, bytes}); }
  void wake_at(TimeNs) override {}
  void event(const Event& e) override { delivered += e.kind == EventKind::kDelivered ? 1 : 0; }
  std::vector<std::pair<Address, SharedBytes>> sent;
  std::uint64_t delivered = 0;
};

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
  BenchOutput out;
  node.start(0, out);
  const auto hello =
      make_bytes(wire::encode(wire::Hello{"6f1c2a3b-0000-4000-8000-000000000001", "bench; 1"}));
  TimeNs now = kSecond;
  for (auto _ : state) {
    node.on_datagram(now, kSender, hello, out);
    now += kMicrosecond;
    out.sent.clear();
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
    BenchOutput out;
    sender.start(0, out);
    sender.on_datagram(1, kReceiver, make_bytes(wire::encode(wire::Hello{"r", "b"})), out);
    sender.on_datagram(2, kReceiver, make_bytes(wire::encode(wire::Hello{"r", "b"})), out);
    out.sent.clear();
    channel = sender.create_channel(3, "bench", false, out);
    for (const auto& [to, bytes] : out.sent) setup.push_back(bytes);
    setup.push_back(
        make_bytes(wire::encode(wire::Certificate{"c", sender.node_id(), "r", sender.certificate_der()})));
    for (std::size_t i = 0; i < kMessages; ++i) {
      out.sent.clear();
      (void)sender.send_message(kSecond + static_cast<TimeNs>(i), channel,
                                "a benchmark message of ordinary length", {}, out);
      for (const auto& [to, bytes] : out.sent) messages.push_back(bytes);
    }
  }
  void fresh_receiver() {
    receiver = std::make_unique<engine::Node>(unlimited(), 12);
    BenchOutput out;
    receiver->start(0, out);
    for (const auto& b : setup) receiver->on_datagram(kSecond, kSender, b, out);
    receiver->join_channel(kSecond, channel, out);
  }
};

void BM_HandleMessage(benchmark::State& state) {
  MessageFixture f;
  BenchOutput out;
  std::size_t i = 0;
  for (auto _ : state) {
    if (i % f.messages.size() == 0) {
      state.PauseTiming();
      f.fresh_receiver();
      state.ResumeTiming();
    }
    f.receiver->on_datagram(2 * kSecond, kSender, f.messages[i % f.messages.size()], out);
    out.sent.clear();
    ++i;
  }
  if (out.delivered != static_cast<std::uint64_t>(state.iterations()))
    state.SkipWithError("not every MESSAGE was delivered");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HandleMessage);

}  // namespace
