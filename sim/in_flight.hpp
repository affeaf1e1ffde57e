// The network's datagrams between send and delivery, addressed by 32-bit slot numbers (an arrive
// or deliver event's payload). The copies of one send burst (an endpoint call that sends the same
// payload to several addresses: a flood relay's seven or eight neighbours) share one record of
// what they have in common, the payload, the send time and the sender, and each copy keeps only
// where it goes: 20 bytes a copy plus 32 a burst, where a copy was 48 bytes with its own payload
// reference. At the 8,000-node flood-1k run's JOIN-flood peak ~250,000 datagrams are in flight
// (reports/BENCHMARKS.md "[P] idle memory, session 14").
//
//   InFlightTable t;
//   const std::uint32_t s = t.insert(Datagram{bytes, now, src, kNoHost, from, to});
//   t.set_destination(s, host, address);  // routing found the host (after the destination NAT)
//   const Datagram d = t.take(s);         // the whole datagram; the slot is free again
#pragma once

#include <cstdint>

#include "engine/core/address.hpp"
#include "engine/core/bytes.hpp"
#include "engine/core/time.hpp"
#include "sim/host_id.hpp"
#include "sim/observer.hpp"
#include "sim/slot_pool.hpp"

namespace ptplab::sim {

// One datagram with everything the network knows of it.
struct Datagram {
  SharedBytes bytes;
  TimeNs sent_ns = 0;
  HostId src_host = kNoHost;
  HostId dst_host = kNoHost;  // known at send time only inside a LAN
  Address from;
  Address to;
};

// The observer's view of `d` (valid while `d` lives).
[[nodiscard]] DatagramView view_of(const Datagram& d);

// Datagrams in flight. Slot numbers are a deterministic function of the insert/take sequence
// (SlotPool). Not thread-safe.
class InFlightTable {
 public:
  // Stores `d` and returns its slot. It shares the burst record of the previous insert when that
  // one is still stored and has the same payload (the same buffer), send time and sender.
  std::uint32_t insert(const Datagram& d);

  // The per-copy fields of a stored datagram; precondition: `slot` is stored.
  [[nodiscard]] HostId dst_host(std::uint32_t slot) const { return copies_[slot].dst_host; }
  [[nodiscard]] Address to(std::uint32_t slot) const { return copies_[slot].to(); }
  [[nodiscard]] Address from(std::uint32_t slot) const { return copies_[slot].from(); }
  // Where routing delivers a stored datagram: its host and (after the destination NAT) address.
  void set_destination(std::uint32_t slot, HostId host, const Address& to) {
    Copy& c = copies_[slot];
    c.dst_host = host;
    c.to_ip = to.ip;
    c.to_port = to.port;
  }
  // The burst fields of a stored datagram.
  [[nodiscard]] HostId src_host(std::uint32_t slot) const { return burst_of(slot).src_host; }
  [[nodiscard]] std::size_t size(std::uint32_t slot) const {
    const SharedBytes& b = burst_of(slot).bytes;
    return b ? b->size() : 0;
  }
  // The observer's view of a stored datagram (valid until it is taken or erased).
  [[nodiscard]] DatagramView view(std::uint32_t slot) const;

  // Moves the datagram out and frees its slot (and its burst record with its last copy).
  Datagram take(std::uint32_t slot);
  // Frees `slot` (and its burst record with its last copy).
  void erase(std::uint32_t slot);

  // Datagrams stored, and burst records (for tests and memory figures).
  [[nodiscard]] std::size_t size() const { return copies_.size(); }
  [[nodiscard]] std::size_t bursts() const { return bursts_.size(); }

 private:
  struct Burst {
    SharedBytes bytes;
    TimeNs sent_ns = 0;
    HostId src_host = kNoHost;
    std::uint32_t copies = 0;
  };
  // The addresses unpacked (an Address pads its 6 bytes to 8): 20 bytes, so that a datagram sent
  // alone (an answer, an ACK) costs 52 bytes with its burst record, not more than the 48 before.
  struct Copy {
    std::uint32_t burst = 0;
    HostId dst_host = kNoHost;
    std::uint32_t from_ip = 0;
    std::uint32_t to_ip = 0;
    std::uint16_t from_port = 0;
    std::uint16_t to_port = 0;
    [[nodiscard]] Address from() const { return Address{from_ip, from_port}; }
    [[nodiscard]] Address to() const { return Address{to_ip, to_port}; }
  };
  static_assert(sizeof(Copy) == 20, "a copy in flight stays within 20 bytes");

  [[nodiscard]] const Burst& burst_of(std::uint32_t slot) const { return bursts_[copies_[slot].burst]; }
  // Drops one copy's reference to burst `b`, freeing it with the last.
  void release(std::uint32_t b);

  SlotPool<Copy> copies_;
  SlotPool<Burst> bursts_;
  std::uint32_t last_burst_ = UINT32_MAX;  // the burst of the latest insert while it is stored
};

}  // namespace ptplab::sim
