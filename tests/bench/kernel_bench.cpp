// PHOLD-style benchmarks of the event queues and of the kernel: N events pending; each popped
// event schedules one more at now + an exponential delay (drawn per event, mean 1 ms), so the
// queue stays at N; timing starts after 2N warm-up events. items_per_second = events per second. The kernel
// runs on the fastest queue.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

#include "engine/core/rng.hpp"
#include "sim/dary_heap.hpp"
#include "sim/ladder_queue.hpp"
#include "sim/simulator.hpp"

namespace {

using ptplab::Rng;
using ptplab::TimeNs;
using namespace ptplab::sim;

constexpr double kMeanDelayNs = 1e6;
constexpr std::uint32_t kHosts = 1024;  // origins the events are spread over

TimeNs exponential_delay(Rng& rng) {
  return static_cast<TimeNs>(-std::log(1.0 - rng.uniform()) * kMeanDelayNs);
}

// std::priority_queue with the same order, the reference the issue quotes.
class StdPriorityQueue {
 public:
  void push(const EventRecord& e) { q_.push(e); }
  EventRecord pop() {
    EventRecord e = q_.top();
    q_.pop();
    return e;
  }

 private:
  struct Later {
    bool operator()(const EventRecord& a, const EventRecord& b) const { return event_before(b, a); }
  };
  std::priority_queue<EventRecord, std::vector<EventRecord>, Later> q_;
};

template <class Queue>
void BM_PholdQueue(benchmark::State& state) {
  const auto pending = static_cast<std::uint64_t>(state.range(0));
  Rng rng(42);
  Queue q;
  std::vector<std::uint64_t> sequence(kHosts, 0);
  for (std::uint64_t i = 0; i < pending; ++i) {
    EventRecord e;
    const auto origin = static_cast<std::uint32_t>(rng.below(kHosts));
    e.time = exponential_delay(rng);
    e.key = make_event_key(origin, sequence[origin]++);
    e.target = static_cast<std::uint32_t>(rng.below(kHosts));
    q.push(e);
  }
  const auto hold = [&] {
    EventRecord e = q.pop();
    const std::uint32_t origin = e.target;
    e.time += exponential_delay(rng);
    e.key = make_event_key(origin, sequence[origin]++);
    e.target = static_cast<std::uint32_t>(rng.below(kHosts));
    q.push(e);
  };
  for (std::uint64_t i = 0; i < 2 * pending; ++i) hold();  // reach the steady state first
  for (auto _ : state) hold();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The whole kernel: typed events dispatched to a handler that schedules the next one.
class PholdHandler final : public EventHandler {
 public:
  explicit PholdHandler(Simulator& sim) : sim_(sim), kind_(sim.register_handler(*this)) {}
  void seed(std::uint64_t pending) {
    for (std::uint64_t i = 0; i < pending; ++i) {
      sim_.schedule(exponential_delay(rng_), static_cast<OriginId>(rng_.below(kHosts)), kind_,
                    static_cast<std::uint32_t>(rng_.below(kHosts)), 0);
    }
  }
  void handle(const EventRecord& e) override {
    sim_.schedule(sim_.now() + exponential_delay(rng_), e.target, kind_,
                  static_cast<std::uint32_t>(rng_.below(kHosts)), e.payload + 1);
  }

 private:
  Simulator& sim_;
  std::uint8_t kind_;
  Rng rng_{42};
};

void BM_PholdKernel(benchmark::State& state) {
  Simulator sim;
  PholdHandler handler(sim);
  handler.seed(static_cast<std::uint64_t>(state.range(0)));
  for (std::int64_t i = 0; i < 2 * state.range(0); ++i) sim.step();  // reach the steady state first
  for (auto _ : state) sim.step();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

#define PHOLD_SIZES Arg(1'000)->Arg(100'000)->Arg(1'000'000)
BENCHMARK(BM_PholdQueue<StdPriorityQueue>)->Name("BM_PholdStdPriorityQueue")->PHOLD_SIZES;
BENCHMARK(BM_PholdQueue<BinaryHeapQueue>)->Name("BM_PholdBinaryHeap")->PHOLD_SIZES;
BENCHMARK(BM_PholdQueue<QuaternaryHeapQueue>)->Name("BM_PholdQuaternaryHeap")->PHOLD_SIZES;
BENCHMARK(BM_PholdQueue<LadderQueue>)->Name("BM_PholdLadderQueue")->PHOLD_SIZES;
BENCHMARK(BM_PholdKernel)->PHOLD_SIZES;

}  // namespace
