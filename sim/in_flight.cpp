// Datagrams in flight: burst sharing and the release of burst records.
#include "sim/in_flight.hpp"

#include <utility>

namespace ptplab::sim {

DatagramView view_of(const Datagram& d) {
  return DatagramView{d.sent_ns, d.src_host, d.dst_host, d.from, d.to, &d.bytes};
}

std::uint32_t InFlightTable::insert(const Datagram& d) {
  std::uint32_t b = last_burst_;
  if (b == UINT32_MAX || bursts_[b].bytes != d.bytes || bursts_[b].sent_ns != d.sent_ns ||
      bursts_[b].src_host != d.src_host) {
    b = bursts_.insert(Burst{d.bytes, d.sent_ns, d.src_host, 0});
    last_burst_ = b;
  }
  ++bursts_[b].copies;
  return copies_.insert(Copy{b, d.dst_host, d.from.ip, d.to.ip, d.from.port, d.to.port});
}

DatagramView InFlightTable::view(std::uint32_t slot) const {
  const Copy& c = copies_[slot];
  const Burst& b = bursts_[c.burst];
  return DatagramView{b.sent_ns, b.src_host, c.dst_host, c.from(), c.to(), &b.bytes};
}

void InFlightTable::release(std::uint32_t b) {
  if (--bursts_[b].copies != 0) return;
  bursts_.erase(b);
  if (b == last_burst_) last_burst_ = UINT32_MAX;
}

Datagram InFlightTable::take(std::uint32_t slot) {
  const Copy c = copies_.take(slot);
  Burst& b = bursts_[c.burst];
  // The last copy takes the payload reference itself; the others share it.
  Datagram d{
      b.copies == 1 ? std::move(b.bytes) : b.bytes, b.sent_ns, b.src_host, c.dst_host, c.from(), c.to()};
  release(c.burst);
  return d;
}

void InFlightTable::erase(std::uint32_t slot) {
  const std::uint32_t b = copies_[slot].burst;
  copies_.erase(slot);
  release(b);
}

}  // namespace ptplab::sim
