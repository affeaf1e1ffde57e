// Test helpers for the Node: an Output a test reads directly, hand-built datagrams, and a
// tiny loss-free (or lossy) in-process network that runs a few Nodes in virtual time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/core/endpoint.hpp"
#include "engine/core/rng.hpp"
#include "engine/node/node.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::engine::test {

// One recorded event, with its string fields copied.
struct RecordedEvent {
  EventKind kind{};
  std::string verb, reason, msg_id, node_id, channel_id;
  Address peer{};
  TimeNs origin_time = 0;
  std::uint32_t hops = 0;
  std::uint64_t value = 0;
  std::size_t size = 0;
};

// Copies an event's fields (the Output's views last only until its clear()).
inline RecordedEvent record(const Event& e) {
  return {e.kind,
          std::string(e.verb ? verb_name(*e.verb) : std::string_view{}),
          std::string(reason_name(e.reason)),
          std::string(e.msg_id),
          std::string(e.node_id),
          std::string(e.channel_id),
          e.peer,
          e.origin_time,
          e.hops,
          e.value,
          e.size};
}

// An Output a test reads directly after calling the Node: everything since the last clear().
class RecordingOutput final : public Output {
 public:
  // The datagrams sent, in order (OutDatagram: to, bytes).
  [[nodiscard]] std::span<const OutDatagram> sent() const { return datagrams(); }
  // The events, copied.
  [[nodiscard]] std::vector<RecordedEvent> recorded() const {
    std::vector<RecordedEvent> out;
    for (const auto& e : events()) out.push_back(record(e));
    return out;
  }
  // Decoded sends of one verb.
  [[nodiscard]] std::vector<wire::Message> sent_of(wire::Verb verb) const {
    std::vector<wire::Message> out;
    for (const auto& s : sent()) {
      auto m = wire::decode(*s.bytes);
      if (m && wire::verb_of(m.value()) == verb) out.push_back(m.value());
    }
    return out;
  }
  [[nodiscard]] std::size_t count(EventKind kind) const {
    std::size_t n = 0;
    for (const auto& e : events()) n += e.kind == kind ? 1 : 0;
    return n;
  }
  // The first event of `kind`, if any.
  [[nodiscard]] std::optional<RecordedEvent> find(EventKind kind) const {
    for (const auto& e : events())
      if (e.kind == kind) return record(e);
    return std::nullopt;
  }
};

inline SharedBytes datagram(const wire::Message& m) { return make_bytes(wire::encode(m)); }
inline Address addr(std::uint32_t host, std::uint16_t port = 4000) {
  return Address{0x0a000000u + host, port};
}

// A few Nodes on a virtual network: fixed latency, optional Bernoulli loss, full delivery order
// by (time, sequence). Every datagram and event passes through here, so tests can inspect them.
class Loopback {
 public:
  explicit Loopback(TimeNs latency_ns = 10 * kMillisecond, double loss = 0.0, std::uint64_t seed = 1)
      : latency_(latency_ns), loss_(loss), rng_(seed) {}

  // Adds a node at addr(index + 1); returns its index.
  std::size_t add(const NodeParams& params, std::uint64_t seed) {
    nodes_.push_back(std::make_unique<Node>(params, seed));
    wakes_.push_back(kNever);
    events_.emplace_back();
    Output out;
    nodes_.back()->start(now_, out);
    drain(nodes_.size() - 1, out);
    return nodes_.size() - 1;
  }
  Node& node(std::size_t i) { return *nodes_[i]; }
  Address address(std::size_t i) const { return addr(static_cast<std::uint32_t>(i + 1)); }
  std::size_t size() const { return nodes_.size(); }
  TimeNs now() const { return now_; }
  std::vector<RecordedEvent>& events(std::size_t i) { return events_[i]; }

  // Runs a user action f(Node&, Output&) on node i, then carries out its outputs.
  template <class F>
  auto act(std::size_t i, F&& f) {
    Output out;
    if constexpr (std::is_void_v<decltype(f(*nodes_[i], out))>) {
      f(*nodes_[i], out);
      drain(i, out);
    } else {
      auto result = f(*nodes_[i], out);
      drain(i, out);
      return result;
    }
  }

  // Runs until `end`.
  void run_until(TimeNs end) {
    while (true) {
      TimeNs next = kNever;
      std::size_t who = 0;
      for (std::size_t i = 0; i < wakes_.size(); ++i)
        if (wakes_[i] < next) next = wakes_[i], who = i;
      const bool packet = !queue_.empty() && queue_.top().at <= next;
      if (packet) next = queue_.top().at;
      if (next > end) break;
      now_ = next;
      if (packet) {
        Flight f = queue_.top();
        queue_.pop();
        const auto dst = index_of(f.to);
        if (!dst) continue;
        Output out;
        nodes_[*dst]->on_datagram(now_, f.from, f.bytes, out);
        drain(*dst, out);
      } else {
        wakes_[who] = kNever;
        Output out;
        nodes_[who]->on_timer(now_, out);
        drain(who, out);
      }
    }
    now_ = end;
  }

  // Every datagram sent so far, as (from, to, bytes).
  struct Record {
    Address from, to;
    SharedBytes bytes;
  };
  std::vector<Record> wiretap;
  // Drops datagrams for which this returns true (e.g. to tamper or lose on purpose).
  std::function<bool(const Record&)> filter;

 private:
  struct Flight {
    TimeNs at;
    std::uint64_t seq;
    Address from, to;
    SharedBytes bytes;
    bool operator>(const Flight& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  // Carries out node i's outputs of one call: sends (through the wiretap, filter and loss), the
  // wake-up, the events.
  void drain(std::size_t i, const Output& out) {
    for (const auto& d : out.datagrams()) {
      const Record r{address(i), d.to, d.bytes};
      wiretap.push_back(r);
      if (filter && filter(r)) continue;
      if (loss_ > 0 && rng_.chance(loss_)) continue;
      queue_.push({now_ + latency_, seq_++, r.from, d.to, d.bytes});
    }
    if (out.wake()) wakes_[i] = *out.wake();
    for (const auto& e : out.events()) events_[i].push_back(record(e));
  }
  std::optional<std::size_t> index_of(const Address& a) const {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      if (address(i) == a) return i;
    return std::nullopt;
  }

  TimeNs latency_;
  double loss_;
  Rng rng_;
  TimeNs now_ = 0;
  std::uint64_t seq_ = 0;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<TimeNs> wakes_;
  std::vector<std::vector<RecordedEvent>> events_;
  std::priority_queue<Flight, std::vector<Flight>, std::greater<>> queue_;
};

// Count of events of `kind` in `events` matching msg_id (if given).
inline std::size_t count_events(const std::vector<RecordedEvent>& events, EventKind kind,
                                std::string_view msg_id = {}) {
  std::size_t n = 0;
  for (const auto& e : events) n += (e.kind == kind && (msg_id.empty() || e.msg_id == msg_id)) ? 1 : 0;
  return n;
}

}  // namespace ptplab::engine::test
