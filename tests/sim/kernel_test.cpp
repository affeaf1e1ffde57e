// The kernel's ordering guarantees: every queue pops in (time, origin, sequence) order, the
// order does not depend on how origins' schedule calls interleave, and cancelled timers never fire.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "engine/core/rng.hpp"
#include "sim/dary_heap.hpp"
#include "sim/ladder_queue.hpp"
#include "sim/simulator.hpp"

namespace ptplab::sim {
namespace {

// One popped event, as (time, origin, per-origin sequence).
using Popped = std::tuple<TimeNs, OriginId, std::uint64_t>;

// Records the typed events it handles.
class Recorder final : public EventHandler {
 public:
  explicit Recorder(Simulator& sim) : sim_(sim), kind_(sim.register_handler(*this)) {}
  ~Recorder() override { sim_.unregister_handler(*this); }
  void handle(const EventRecord& e) override { seen.emplace_back(e.time, e.origin(), e.payload); }
  [[nodiscard]] std::uint8_t kind() const { return kind_; }
  std::vector<Popped> seen;

 private:
  Simulator& sim_;
  std::uint8_t kind_;
};

// Drains a queue after pushing `events` in order, with pops interleaved every `stride` pushes
// (pushes never go below the last popped time, as in a kernel).
template <class Queue>
std::vector<Popped> drain(const std::vector<std::pair<TimeNs, OriginId>>& events, std::size_t stride) {
  Queue q;
  std::vector<std::uint64_t> seq(64, 0);
  std::vector<Popped> out;
  TimeNs floor = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    EventRecord e;
    e.time = std::max(events[i].first, floor);
    e.key = make_event_key(events[i].second, seq[events[i].second]++);
    q.push(e);
    if (stride > 0 && i % stride == stride - 1) {
      const EventRecord p = q.pop();
      floor = p.time;
      out.emplace_back(p.time, p.origin(), p.sequence());
    }
  }
  while (!q.empty()) {
    const EventRecord p = q.pop();
    out.emplace_back(p.time, p.origin(), p.sequence());
  }
  return out;
}

auto gen_events() {
  return rc::gen::container<std::vector<std::pair<TimeNs, OriginId>>>(
      rc::gen::pair(rc::gen::inRange<TimeNs>(0, 5000), rc::gen::inRange<OriginId>(0, 64)));
}

template <class Queue>
void check_queue_order() {
  const auto events = *gen_events();
  const auto stride = *rc::gen::inRange<std::size_t>(0, 8);
  const auto out = drain<Queue>(events, stride);
  RC_ASSERT(out.size() == events.size());
  if (stride == 0) RC_ASSERT(std::is_sorted(out.begin(), out.end()));
  // With interleaved pops, each pop is the minimum of what was queued; the three queues agree.
  RC_ASSERT(out == drain<BinaryHeapQueue>(events, stride));
}

RC_GTEST_PROP(EventQueue, BinaryHeapPopsInTotalOrder, ()) { check_queue_order<BinaryHeapQueue>(); }
RC_GTEST_PROP(EventQueue, QuaternaryHeapPopsInTotalOrder, ()) { check_queue_order<QuaternaryHeapQueue>(); }
RC_GTEST_PROP(EventQueue, LadderQueuePopsInTotalOrder, ()) { check_queue_order<LadderQueue>(); }

RC_GTEST_PROP(EventQueue, LadderQueueHandlesWideSpreads, ()) {
  // Clusters of equal times next to far-away timers (the shape of real runs).
  const auto base = *rc::gen::container<std::vector<TimeNs>>(
      rc::gen::element<TimeNs>(0, 1, 1, 1000, 1'000'000, 30 * kSecond, 3600 * kSecond, kTimeLimit - 1));
  std::vector<std::pair<TimeNs, OriginId>> events;
  for (const TimeNs t : base) events.emplace_back(t, 1);
  const auto out = drain<LadderQueue>(events, 0);
  RC_ASSERT(std::is_sorted(out.begin(), out.end()));
  RC_ASSERT(out.size() == events.size());
}

RC_GTEST_PROP(EventQueue, LadderQueueMatchesAHeapOnFloodWaves, ()) {
  // A flood over constant-latency links: every event pops with thousands of others at one time
  // and schedules copies one latency later (buckets no rung can split go to Bottom whole), with
  // a few timers at other times mixed in.
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  Rng rng(seed);
  LadderQueue ladder;
  BinaryHeapQueue heap;
  std::uint64_t seq = 0;
  const auto push = [&](TimeNs t) {
    EventRecord e;
    e.time = t;
    e.key = make_event_key(static_cast<OriginId>(rng.below(1000)), seq++);
    ladder.push(e);
    heap.push(e);
  };
  constexpr TimeNs kLatency = 10 * kMillisecond;
  for (int i = 0; i < 8; ++i) push(0);
  for (int popped = 0; popped < 30000 && !heap.empty(); ++popped) {
    const EventRecord a = ladder.pop();
    const EventRecord b = heap.pop();
    RC_ASSERT(a.time == b.time);
    RC_ASSERT(a.key == b.key);
    if (heap.size() < 20000) {
      for (std::uint64_t k = 1 + rng.below(4); k > 0; --k) push(a.time + kLatency);
    }
    if (rng.below(50) == 0) push(a.time + static_cast<TimeNs>(rng.below(3 * kLatency)));
  }
  RC_ASSERT(ladder.size() == heap.size());
  while (!heap.empty()) {
    RC_ASSERT(ladder.pop().key == heap.pop().key);
  }
}

RC_GTEST_PROP(EventQueue, LadderQueueMatchesAHeapOnLargeMixedLoads, ()) {
  // Enough events to split buckets into several rungs: bursts of equal times, near events,
  // and long timers, with pops interleaved (PHOLD-like holds).
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  Rng rng(seed);
  LadderQueue ladder;
  BinaryHeapQueue heap;
  std::uint64_t seq = 0;
  TimeNs now = 0;
  const auto push = [&](TimeNs t) {
    EventRecord e;
    e.time = t;
    e.key = make_event_key(static_cast<OriginId>(rng.below(8)), seq++);
    ladder.push(e);
    heap.push(e);
  };
  const auto delay = [&]() -> TimeNs {
    switch (rng.below(4)) {
      case 0: return 0;
      case 1: return static_cast<TimeNs>(rng.below(1000));
      case 2: return static_cast<TimeNs>(rng.below(50 * kMillisecond));
      default: return static_cast<TimeNs>(rng.below(600 * kSecond));
    }
  };
  for (int i = 0; i < 2000; ++i) push(delay());
  for (int i = 0; i < 8000; ++i) {
    const EventRecord a = ladder.pop();
    const EventRecord b = heap.pop();
    RC_ASSERT(a.time == b.time);
    RC_ASSERT(a.key == b.key);
    now = a.time;
    for (std::uint64_t k = rng.below(3); k > 0; --k) push(now + delay());
    if (heap.empty()) push(now + delay());
  }
  RC_ASSERT(ladder.size() == heap.size());
}

TEST(EventQueue, LadderQueueHoldsLittleMoreThanItsPendingEvents) {
  // Flood waves: 100,000 events in Top, spread into a rung, then 100,000 more in Top. Doubling
  // vectors held 131,072 records' room for the first wave alone (and 196,608 while growing).
  LadderQueue q;
  Rng rng(7);
  std::uint64_t seq = 0;
  const auto wave = [&](TimeNs from) {
    for (int i = 0; i < 100000; ++i) {
      EventRecord e;
      e.time = from + static_cast<TimeNs>(rng.below(kSecond));
      e.key = make_event_key(static_cast<OriginId>(rng.below(1000)), seq++);
      q.push(e);
    }
  };
  wave(0);
  EXPECT_LT(q.capacity(), q.size() + q.size() / 8);
  (void)q.pop();
  wave(2 * kSecond);
  EXPECT_LT(q.capacity(), q.size() + q.size() / 8);
  TimeNs last = 0;
  while (!q.empty()) {
    const EventRecord e = q.pop();
    ASSERT_LE(last, e.time);
    last = e.time;
  }
}

RC_GTEST_PROP(Simulator, OrderIndependentOfInterleaving, ()) {
  // Each origin schedules its own list in its own order; origins interleave arbitrarily.
  const auto per_origin = *rc::gen::container<std::vector<std::vector<TimeNs>>>(
      rc::gen::container<std::vector<TimeNs>>(rc::gen::inRange<TimeNs>(0, 100)));
  const auto run = [&](const std::vector<std::size_t>& interleaving) {
    Simulator sim;
    Recorder rec(sim);
    std::vector<std::size_t> next(per_origin.size(), 0);
    for (const std::size_t o : interleaving) {
      const TimeNs t = per_origin[o][next[o]];
      sim.schedule(t, static_cast<OriginId>(o), rec.kind(), 0, static_cast<std::uint32_t>(next[o]++));
    }
    sim.run_until(1000);
    return rec.seen;
  };
  std::vector<std::size_t> in_order;
  for (std::size_t o = 0; o < per_origin.size(); ++o)
    in_order.insert(in_order.end(), per_origin[o].size(), o);
  const auto keys =
      *rc::gen::container<std::vector<std::uint32_t>>(in_order.size(), rc::gen::arbitrary<std::uint32_t>());
  std::vector<std::size_t> perm(in_order.size());
  for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
  std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  // Any interleaving of the origins' schedule calls (each origin keeps its own order).
  std::vector<std::size_t> shuffled;
  for (const std::size_t i : perm) shuffled.push_back(in_order[i]);
  const auto a = run(in_order);
  RC_ASSERT(a == run(shuffled));
  RC_ASSERT(std::is_sorted(a.begin(), a.end()));
}

RC_GTEST_PROP(Simulator, CancelledTimersNeverFire, ()) {
  const auto times = *rc::gen::container<std::vector<TimeNs>>(rc::gen::inRange<TimeNs>(0, 1000));
  const auto cancel_mask = *rc::gen::container<std::vector<bool>>(times.size(), rc::gen::arbitrary<bool>());
  Simulator sim;
  std::vector<int> fired(times.size(), 0);
  std::vector<TimerId> ids;
  for (std::size_t i = 0; i < times.size(); ++i)
    ids.push_back(sim.call_at(times[i], [&fired, i] { ++fired[i]; }));
  std::uint64_t expected = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (cancel_mask[i]) {
      RC_ASSERT(sim.cancel(ids[i]));
      RC_ASSERT(!sim.cancel(ids[i]));
    } else {
      ++expected;
    }
  }
  sim.run_until(1000);
  for (std::size_t i = 0; i < times.size(); ++i) RC_ASSERT(fired[i] == (cancel_mask[i] ? 0 : 1));
  RC_ASSERT(sim.events_executed() == expected);
  // A fired timer cannot be cancelled, even once its slot is reused.
  for (std::size_t i = 0; i < times.size(); ++i) RC_ASSERT(!sim.cancel(ids[i]));
}

TEST(Simulator, RunUntilStopsAtTheBoundAndAdvancesTime) {
  Simulator sim;
  std::vector<TimeNs> at;
  sim.call_at(5, [&] { at.push_back(sim.now()); });
  sim.call_at(10, [&] { at.push_back(sim.now()); });
  sim.call_at(11, [&] { at.push_back(sim.now()); });
  sim.run_until(10);
  EXPECT_EQ(at, (std::vector<TimeNs>{5, 10}));
  EXPECT_EQ(sim.now(), 10);
  EXPECT_EQ(sim.pending(), 1u);
  sim.run_until(20);
  EXPECT_EQ(at, (std::vector<TimeNs>{5, 10, 11}));
  EXPECT_EQ(sim.now(), 20);
}

TEST(Simulator, PastTimesRunNowAndNeverIsIgnored) {
  Simulator sim;
  sim.run_until(100);
  TimeNs ran = -1;
  sim.call_at(3, [&] { ran = sim.now(); });
  EXPECT_FALSE(sim.call_at(kNever, [] {}).valid());
  EXPECT_EQ(sim.pending(), 1u);
  EXPECT_TRUE(sim.step());
  EXPECT_EQ(ran, 100);
  EXPECT_FALSE(sim.step());
}

TEST(Simulator, EqualTimesRunByOriginThenSequence) {
  Simulator sim;
  Recorder rec(sim);
  sim.schedule(7, kControlOrigin, rec.kind(), 0, 0);
  sim.schedule(7, 2, rec.kind(), 0, 0);
  sim.schedule(7, 1, rec.kind(), 0, 0);
  sim.schedule(7, 2, rec.kind(), 0, 1);
  sim.schedule(6, 9, rec.kind(), 0, 0);
  sim.run_until(7);
  const std::vector<Popped> want{{6, 9, 0}, {7, 1, 0}, {7, 2, 0}, {7, 2, 1}, {7, kControlOrigin, 0}};
  EXPECT_EQ(rec.seen, want);
  EXPECT_EQ(sim.events_executed(), 5u);
}

// A partitioned run's driver instant (scenarios/runner/simulation_parts.cpp): the hosts' events
// up to t run, the control-origin callbacks at t wait, and now() is t; current_key() names the
// event being run.
TEST(Simulator, RunHostEventsUntilLeavesTheControlCallbacksAtItsTime) {
  Simulator sim;
  Recorder rec(sim);
  std::vector<std::uint64_t> keys;
  sim.schedule(3, 4, rec.kind(), 0, 0);
  sim.schedule(5, 2, rec.kind(), 0, 0);
  sim.schedule(5, kControlOrigin, rec.kind(), 0, 0);
  sim.call_at(5, [&] { keys.push_back(sim.current_key()); });
  sim.schedule(6, 1, rec.kind(), 0, 0);
  sim.run_host_events_until(5);
  EXPECT_EQ(rec.seen, (std::vector<Popped>{{3, 4, 0}, {5, 2, 0}}));
  EXPECT_EQ(sim.now(), 5);
  EXPECT_EQ(sim.current_key(), make_event_key(2, 0));
  EXPECT_TRUE(keys.empty());
  sim.run_until(5);
  EXPECT_EQ(rec.seen.size(), 3u);
  EXPECT_EQ(keys, (std::vector<std::uint64_t>{make_event_key(kControlOrigin, 1)}));
}

TEST(Simulator, StopEndsRunUntilAfterTheCurrentEvent) {
  Simulator sim;
  int ran = 0;
  sim.call_at(1, [&] {
    ++ran;
    sim.stop();
  });
  sim.call_at(2, [&] { ++ran; });
  sim.run_until(10);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(sim.now(), 1);
}

// A cancellation flag raised inside one simulated instant (no later event time to wait for) ends
// run_until within kCancelPollEvents events; a flag never raised changes nothing.
TEST(Simulator, CancelFlagEndsRunUntilWithinAPollInterval) {
  Simulator sim;
  std::atomic<bool> cancel{false};
  std::uint64_t ran = 0;
  constexpr std::uint64_t kRaiseAt = 1000;
  std::function<void()> chain = [&] {
    if (++ran == kRaiseAt) cancel.store(true);
    sim.call_at(sim.now(), chain);  // an endless run of events at one time
  };
  sim.call_at(5, chain);
  EXPECT_FALSE(sim.run_until(10, &cancel));
  EXPECT_GE(ran, kRaiseAt);
  EXPECT_LE(ran, kRaiseAt + Simulator::kCancelPollEvents);
  EXPECT_EQ(sim.now(), 5);

  Simulator calm;
  std::atomic<bool> never{false};
  int n = 0;
  for (int t = 1; t <= 3 * static_cast<int>(Simulator::kCancelPollEvents); ++t) calm.call_at(t, [&] { ++n; });
  EXPECT_TRUE(calm.run_until(1000, &never));
  EXPECT_EQ(n, 3 * static_cast<int>(Simulator::kCancelPollEvents));
  EXPECT_EQ(calm.now(), 1000);
}

// The handler table is a fixed array: registering past its bound is an error in Release too,
// and leaves the kinds already registered working.
TEST(Simulator, RegisteringPastTheHandlerTableBoundThrows) {
  Simulator sim;
  Recorder rec(sim);
  const auto left = static_cast<std::uint8_t>(Simulator::kKindsMax - 1 - 1);
  EXPECT_EQ(sim.register_handler(rec, left), rec.kind() + 1);
  EXPECT_THROW(sim.register_handler(rec), std::length_error);
  EXPECT_THROW(sim.register_handler(rec, 200), std::length_error);
  EXPECT_THROW(sim.schedule(1, 0, Simulator::kKindsMax, 0, 0), std::out_of_range);
  EXPECT_THROW(sim.schedule(1, 0, 255, 0, 0), std::out_of_range);
  sim.schedule(1, 0, rec.kind(), 0, 0);
  sim.run_until(1);
  EXPECT_EQ(rec.seen.size(), 1u);
}

// Records are 24 bytes: the target shares a word with the kind, so a target beyond its 24 bits is
// an error rather than a silently truncated host id; the largest one arrives intact.
TEST(Simulator, TargetsBeyondTwentyFourBitsThrowAndTheLargestArrivesIntact) {
  Simulator sim;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;  // (target, payload)
  class Targets final : public EventHandler {
   public:
    explicit Targets(std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) : out_(out) {}
    void handle(const EventRecord& e) override { out_.emplace_back(e.target, e.payload); }

   private:
    std::vector<std::pair<std::uint32_t, std::uint32_t>>& out_;
  } handler(seen);
  const std::uint8_t kind = sim.register_handler(handler);
  EXPECT_THROW(sim.schedule(1, 0, kind, kTargetsMax + 1, 0), std::out_of_range);
  EXPECT_THROW(sim.schedule_keyed(1, make_event_key(0, 0), kind, UINT32_MAX, 0), std::out_of_range);
  sim.schedule(1, 0, kind, kTargetsMax, UINT32_MAX);
  sim.schedule(2, 0, kind, 0, 7);
  sim.run_until(2);
  sim.unregister_handler(handler);
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> want = {{kTargetsMax, UINT32_MAX}, {0, 7}};
  EXPECT_EQ(seen, want);
}

}  // namespace
}  // namespace ptplab::sim
