// Datagrams between ranks, serialised (see part_exchange.hpp).
#include "scenarios/runner/part_exchange.hpp"

#include <algorithm>
#include <memory>

namespace ptplab::scenarios {

void PartExchange::post(std::uint32_t part, sim::RemoteDatagram d) {
  ByteWriter& w = outbox_[part];
  w.put<TimeNs>(d.arrival_ns);
  w.put<std::uint64_t>(d.key);
  w.put<TimeNs>(d.sent_ns);
  w.put<sim::HostId>(d.src_host);
  w.put<sim::HostId>(d.dst_host);
  w.put<std::uint32_t>(d.from.ip);
  w.put<std::uint16_t>(d.from.port);
  w.put<std::uint32_t>(d.to.ip);
  w.put<std::uint16_t>(d.to.port);
  w.put<std::uint8_t>(d.bytes ? 1 : 0);
  w.put_text(d.bytes ? std::string_view(*d.bytes) : std::string_view());
  earliest_ = std::min(earliest_, d.arrival_ns);
  ++datagrams_;
}

void PartExchange::write(ByteWriter& w) {
  w.put<TimeNs>(earliest_);
  w.put<std::uint32_t>(static_cast<std::uint32_t>(outbox_.size()));
  for (ByteWriter& box : outbox_) w.put_text(box.take());
  earliest_ = sim::kTimeLimit;
}

TimeNs PartExchange::read(ByteReader& r, std::uint32_t self, sim::Network& net) {
  const auto earliest = r.get<TimeNs>();
  const auto parts = r.get<std::uint32_t>();
  for (std::uint32_t part = 0; part < parts; ++part) {
    ByteReader box(r.get_text());
    if (part != self) continue;
    while (!box.done()) {
      sim::RemoteDatagram d;
      d.arrival_ns = box.get<TimeNs>();
      d.key = box.get<std::uint64_t>();
      d.sent_ns = box.get<TimeNs>();
      d.src_host = box.get<sim::HostId>();
      d.dst_host = box.get<sim::HostId>();
      d.from.ip = box.get<std::uint32_t>();
      d.from.port = box.get<std::uint16_t>();
      d.to.ip = box.get<std::uint32_t>();
      d.to.port = box.get<std::uint16_t>();
      const bool has = box.get<std::uint8_t>() != 0;
      const std::string_view bytes = box.get_text();
      if (has) d.bytes = std::make_shared<const std::string>(bytes);
      net.inject(std::move(d));
    }
  }
  return earliest;
}

}  // namespace ptplab::scenarios
