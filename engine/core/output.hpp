// What an endpoint produces during one call, as data: the datagrams to send, its next wake-up
// and the events it reports, appended in order while it runs. The host drains them after the
// call has returned (sends into the network or the socket, events to its observer, the timer
// armed) and clears the buffer for the next call, as picoquic's prepare/next-wake loop and
// ngtcp2's write calls do. Nothing the host does can run inside an endpoint's handler, so an
// endpoint is never re-entered by its host.
//
//   Output out;
//   node.on_datagram(now, from, bytes, out);
//   for (const auto& d : out.datagrams()) network.send(d.to, d.bytes);
//   for (const auto& e : out.events()) observer.on_event(now, e);
//   if (out.wake()) arm_timer(*out.wake());
//   out.clear();  // keeps its memory: no allocation per call after warm-up
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/event.hpp"
#include "engine/core/text_arena.hpp"
#include "engine/core/time.hpp"

namespace ptplab {

// One datagram an endpoint asked to send.
struct OutDatagram {
  Address to{};
  SharedBytes bytes;
  // The forged source address of send_spoofed, if any. Hosts honour it only for endpoints marked
  // as adversaries; for everyone else it is a plain send from the real address.
  std::optional<Address> spoofed_from;
};

// The buffer an endpoint writes its outputs to. Move-only; clear() keeps the memory for reuse.
class Output {
 public:
  Output() = default;
  Output(Output&&) noexcept = default;
  Output& operator=(Output&&) noexcept = default;
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  // --- the endpoint's side ---
  // Send `bytes` to `to` from the endpoint's own address.
  void send(const Address& to, const SharedBytes& bytes) { datagrams_.push_back({to, bytes, std::nullopt}); }
  // Send with a forged source address (see OutDatagram::spoofed_from).
  void send_spoofed(const Address& from, const Address& to, const SharedBytes& bytes) {
    datagrams_.push_back({to, bytes, from});
  }
  // Ask for on_timer at time `t`. The latest request replaces any earlier pending one, so an
  // endpoint states its next deadline at the end of every call (kNever: no wake-up needed).
  void wake_at(TimeNs t) { wake_ = t; }
  // Report an observable event. Its text is copied: `e`'s views need only live during the call.
  void event(const Event& e);

  // --- the host's side ---
  // The datagrams, in the order they were sent (the host may move their payloads out).
  [[nodiscard]] std::span<const OutDatagram> datagrams() const { return datagrams_; }
  [[nodiscard]] std::span<OutDatagram> datagrams() { return datagrams_; }
  // The events, in the order they were reported; their views stay valid until clear().
  [[nodiscard]] std::span<const Event> events() const { return events_; }
  // The latest wake-up requested since clear(), or nullopt if none was (the earlier one stands).
  [[nodiscard]] std::optional<TimeNs> wake() const { return wake_; }
  [[nodiscard]] bool empty() const { return datagrams_.empty() && events_.empty() && !wake_; }
  // Forgets everything (releasing the datagrams' payloads) and keeps the memory.
  void clear();

 private:
  std::vector<OutDatagram> datagrams_;
  std::vector<Event> events_;
  TextArena text_;  // the events' strings
  std::optional<TimeNs> wake_;
};

// The Output buffers a host reuses across endpoint calls, one per nesting level: a call the
// host makes while it is still draining another call's outputs (an observer acting on a host)
// gets a buffer of its own. After warm-up neither push nor pop allocates.
//
//   Output& out = stack.push();
//   endpoint.on_timer(now, out);
//   drain(out);
//   stack.pop();
class OutputStack {
 public:
  // An empty buffer for the next call; valid until the matching pop().
  [[nodiscard]] Output& push() {
    if (depth_ == buffers_.size()) buffers_.push_back(std::make_unique<Output>());
    return *buffers_[depth_++];
  }
  // Clears the buffer of the latest push() (keeping its memory) and hands it back.
  void pop() { buffers_[--depth_]->clear(); }

 private:
  std::vector<std::unique_ptr<Output>> buffers_;  // stable addresses while deeper levels grow
  std::size_t depth_ = 0;
};

}  // namespace ptplab
