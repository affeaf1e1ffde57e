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
  bytes_ += d.bytes ? d.bytes->size() : 0;
}

void PartExchange::write_to(std::uint32_t part, ByteWriter& w) {
  w.put<TimeNs>(earliest_);
  w.put_text(outbox_.at(part).take());
}

TimeNs PartExchange::read(ByteReader& r, sim::Network& net) {
  const auto earliest = r.get<TimeNs>();
  {
    ByteReader box(r.get_text());
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
