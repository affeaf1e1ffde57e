// The kernel's loop: keys, callback slots and dispatch.
#include "sim/simulator.hpp"

#include <stdexcept>
#include <string>

namespace ptplab::sim {

std::uint8_t Simulator::register_handler(EventHandler& handler, std::uint8_t count) {
  // The table is a fixed array indexed by kind: a real check in every build type, not an assert.
  if (kinds_used_ + count > kKindsMax) {
    throw std::length_error("sim::Simulator::register_handler: " + std::to_string(count) +
                            " more kinds would exceed the " + std::to_string(kKindsMax - 1) +
                            " registrable event kinds (" + std::to_string(kinds_used_ - 1) + " in use)");
  }
  const auto first = static_cast<std::uint8_t>(kinds_used_);
  for (std::uint8_t i = 0; i < count; ++i) handlers_[kinds_used_++] = &handler;
  return first;
}

void Simulator::unregister_handler(const EventHandler& handler) {
  for (auto& h : handlers_) {
    if (h == &handler) h = nullptr;
  }
}

void Simulator::grow_sequences(OriginId origin) {
  sequences_.resize(static_cast<std::size_t>(origin) + 1, 0);
}

void Simulator::check_record(std::uint8_t kind, std::uint32_t target) {
  if (kind >= kKindsMax) [[unlikely]] {
    throw std::out_of_range("sim::Simulator::schedule: event kind " + std::to_string(kind) +
                            " is outside the handler table (kinds 0.." + std::to_string(kKindsMax - 1) + ")");
  }
  if (target > kTargetsMax) [[unlikely]] {
    throw std::out_of_range("sim::Simulator::schedule: event target " + std::to_string(target) +
                            " does not fit the record's " + std::to_string(kTargetBits) + " bits (at most " +
                            std::to_string(kTargetsMax) + ")");
  }
}

void Simulator::push(TimeNs t, std::uint64_t key, std::uint8_t kind, std::uint32_t target,
                     std::uint32_t payload) {
  EventRecord e;
  e.time = t < now_ ? now_ : t;
  e.key = key;
  e.target = target;
  e.payload = payload;
  e.kind = kind;
  queue_.push(e);
}

void Simulator::schedule(TimeNs t, OriginId origin, std::uint8_t kind, std::uint32_t target,
                         std::uint32_t payload) {
  check_record(kind, target);
  if (t >= kTimeLimit) return;
  push(t, next_key(origin), kind, target, payload);
}

void Simulator::schedule_keyed(TimeNs t, std::uint64_t key, std::uint8_t kind, std::uint32_t target,
                               std::uint32_t payload) {
  check_record(kind, target);
  if (t >= kTimeLimit) return;
  push(t, key, kind, target, payload);
}

TimerId Simulator::call_at(TimeNs t, OriginId origin, Callback fn) {
  if (t >= kTimeLimit) return {};
  if (free_slots_.empty() && slots_.size() > kTargetsMax) [[unlikely]] {
    throw std::length_error("sim::Simulator::call_at: more than " +
                            std::to_string(kTargetsMax + std::size_t{1}) +
                            " callback timers pending at once (an event record's target holds 24 bits)");
  }
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  CallbackSlot& s = slots_[slot];
  s.fn = std::move(fn);
  s.armed = true;
  schedule(t, origin, 0, slot, s.generation);
  return TimerId{slot, s.generation};
}

bool Simulator::cancel(TimerId id) {
  if (!id.valid() || id.slot >= slots_.size()) return false;
  CallbackSlot& s = slots_[id.slot];
  if (s.generation != id.generation || !s.armed) return false;
  s.armed = false;
  s.fn = nullptr;  // the slot is recycled when its event pops
  return true;
}

void Simulator::dispatch(const EventRecord& e) {
  if (e.kind != 0) {
    EventHandler* handler = handlers_[e.kind];
    if (handler == nullptr) return;
    ++executed_;
    handler->handle(e);
    return;
  }
  CallbackSlot& s = slots_[e.target];
  const bool armed = s.armed;
  Callback fn = std::move(s.fn);
  s.fn = nullptr;
  s.armed = false;
  ++s.generation;
  free_slots_.push_back(e.target);
  if (!armed) return;
  ++executed_;
  fn();
}

bool Simulator::step() {
  if (queue_.empty()) return false;
  const EventRecord e = queue_.pop();
  now_ = e.time;
  current_key_ = e.key;
  dispatch(e);
  return true;
}

void Simulator::run_host_events_until(TimeNs t) {
  while (!queue_.empty()) {
    const EventRecord& top = queue_.top();
    if (top.time > t || (top.time == t && top.origin() == kControlOrigin)) break;
    (void)step();
  }
  if (t > now_) now_ = t;
}

bool Simulator::run_until(TimeNs end, const std::atomic<bool>* cancel, std::uint64_t pause_at_events) {
  stop_requested_ = false;
  std::uint32_t until_poll = kCancelPollEvents;
  while (!stop_requested_ && !queue_.empty() && queue_.top().time <= end) {
    if (--until_poll == 0) {
      until_poll = kCancelPollEvents;
      if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) return false;
      if (events_executed() >= pause_at_events) return false;
    }
    const EventRecord e = queue_.pop();
    now_ = e.time;
    current_key_ = e.key;
    dispatch(e);
  }
  if (stop_requested_) return false;
  if (end > now_) now_ = end;
  return true;
}

}  // namespace ptplab::sim
