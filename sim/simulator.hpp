// The discrete-event kernel: the one event loop of a simulation. Everything that happens in a
// run (datagram arrivals, host timers, scenario actions) is an event popped from one queue in
// the total order (time, origin, per-origin sequence), so the same inputs give the same run.
//
//   sim::Simulator s;
//   s.call_at(2 * kSecond, [&] { ... });   // a cancellable callback timer
//   s.run_until(10 * kSecond);
//
// Hot-path events are typed records: a component registers an EventHandler for a few kinds and
// schedules (time, origin, kind, target, payload) records, which it interprets when they pop.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/core/time.hpp"
#include "sim/event_record.hpp"
#include "sim/ladder_queue.hpp"

namespace ptplab::sim {

// Receives the typed events of the kinds it registered for.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(const EventRecord& e) = 0;
};

// Names a callback timer so it can be cancelled; a default TimerId names none.
struct TimerId {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
  [[nodiscard]] bool valid() const { return slot != UINT32_MAX; }
};

// The queue the kernel runs on: the fastest of the three in bench_kernel at 10^5 and 10^6
// pending events (see reports/BENCHMARKS.md).
using KernelQueue = LadderQueue;

// The event loop. Not thread-safe; holds no global state, so several can coexist.
class Simulator {
 public:
  using Callback = std::function<void()>;
  // Kinds 1..kKindsMax-1 can be registered; kind 0 is the kernel's callback timers.
  static constexpr std::size_t kKindsMax = 64;

  [[nodiscard]] TimeNs now() const { return now_; }
  // Events handled so far (cancelled timers are not counted).
  [[nodiscard]] std::uint64_t events_executed() const { return executed_; }
  // Events in the queue, cancelled timers that have not reached their time included.
  [[nodiscard]] std::size_t pending() const { return queue_.size(); }

  // Reserves `count` consecutive kinds for `handler` and returns the first one. Throws
  // std::length_error (in every build type) when fewer than `count` of the kKindsMax-1 kinds are left.
  std::uint8_t register_handler(EventHandler& handler, std::uint8_t count = 1);
  // Forgets a handler (before it is destroyed); its pending events are then skipped.
  void unregister_handler(const EventHandler& handler);

  // Schedules a typed event. A time before now() means now(); at or after kTimeLimit, never.
  // Throws std::out_of_range when kind >= kKindsMax (the handler table's bound) or target >
  // kTargetsMax (the record's 24-bit field).
  void schedule(TimeNs t, OriginId origin, std::uint8_t kind, std::uint32_t target, std::uint32_t payload);

  // Allocates the key schedule() would give the next event of `origin`, without queueing one:
  // a partitioned run reserves it on the sender's part for a datagram that arrives on another
  // part, which queues it there with schedule_keyed (sim/exchange.hpp), so both runs order it
  // alike. Source: the conservative synchronisation of Fujimoto, "Parallel and Distributed
  // Simulation Systems" (2000), ch. 3, needs a tie-breaking order every logical process agrees on.
  [[nodiscard]] std::uint64_t reserve_key(OriginId origin) { return next_key(origin); }
  // Queues a typed event under a key reserve_key gave (on this or another Simulator). Same time
  // rules and errors as schedule().
  void schedule_keyed(TimeNs t, std::uint64_t key, std::uint8_t kind, std::uint32_t target,
                      std::uint32_t payload);
  // The time of the earliest queued event, or kTimeLimit when none is queued (a partitioned
  // run's window start: the global minimum of these).
  [[nodiscard]] TimeNs next_time() { return queue_.empty() ? kTimeLimit : queue_.top().time; }

  // Schedules a callback (control-plane: scenario actions, tests). Same time rules. Throws
  // std::length_error when kTargetsMax + 1 callbacks are already pending (their slot is the target).
  TimerId call_at(TimeNs t, OriginId origin, Callback fn);
  TimerId call_at(TimeNs t, Callback fn) { return call_at(t, kControlOrigin, std::move(fn)); }
  // Cancels a pending callback; false if it already ran, was cancelled or never existed.
  bool cancel(TimerId id);

  // Runs the next event; false if the queue is empty.
  bool step();
  // How often run_until polls its cancellation flag, in events handled.
  static constexpr std::uint32_t kCancelPollEvents = 256;
  // Runs every event with time <= end, then sets now() to end; true when it got there. It returns
  // early (false, now() at the last event run) when stop() is called, when `cancel` (may be
  // null) is found raised, or once events_executed() reached `pause_at_events` (so a caller can
  // do its periodic work even when simulated time hardly moves), both polled every
  // kCancelPollEvents events. Whoever raises `cancel` (a signal handler, a test, a deadline) is
  // the caller's business: the kernel only reads it.
  bool run_until(TimeNs end, const std::atomic<bool>* cancel = nullptr,
                 std::uint64_t pause_at_events = UINT64_MAX);
  // Makes the running run_until return after the current event.
  void stop() { stop_requested_ = true; }
  // Runs every event before `t` and those at `t` of host origins, leaving the control-origin
  // callbacks at `t` queued (they order after every host's events at `t`): a partitioned run
  // holds its rank-local driver callbacks at `t` until the replicated driver's own callbacks at
  // `t` have run (scenarios/runner/simulation_parts.cpp). now() is then `t` (if it was not later).
  void run_host_events_until(TimeNs t);
  // The key (sim/event_record.hpp) of the event being handled (or last handled): where a
  // partitioned run's observers stamp what they saw, to merge the parts in the sequential order.
  [[nodiscard]] std::uint64_t current_key() const { return current_key_; }

 private:
  struct CallbackSlot {
    Callback fn;
    std::uint32_t generation = 0;
    bool armed = false;
  };

  // Inline (it runs once per scheduled event); the per-origin table grows out of line.
  std::uint64_t next_key(OriginId origin) {
    if (origin >= kControlOrigin) return make_event_key(kControlOrigin, control_sequence_++);
    if (origin >= sequences_.size()) [[unlikely]]
      grow_sequences(origin);
    return make_event_key(origin, sequences_[origin]++);
  }
  void grow_sequences(OriginId origin);
  static void check_record(std::uint8_t kind, std::uint32_t target);
  void push(TimeNs t, std::uint64_t key, std::uint8_t kind, std::uint32_t target, std::uint32_t payload);
  void dispatch(const EventRecord& e);

  KernelQueue queue_;
  TimeNs now_ = 0;
  std::uint64_t current_key_ = 0;
  std::uint64_t executed_ = 0;
  bool stop_requested_ = false;
  std::vector<std::uint64_t> sequences_;  // next sequence number per origin
  std::uint64_t control_sequence_ = 0;
  std::array<EventHandler*, kKindsMax> handlers_{};
  std::size_t kinds_used_ = 1;
  std::vector<CallbackSlot> slots_;
  std::vector<std::uint32_t> free_slots_;
};

}  // namespace ptplab::sim
