// Partitioned runs' observer logs: encoding, merge by stamp, replay into the collector.
#include "scenarios/runner/part_log.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace ptplab::scenarios {
namespace {

void put_address(ByteWriter& w, const Address& a) {
  w.put<std::uint32_t>(a.ip);
  w.put<std::uint16_t>(a.port);
}

Address get_address(ByteReader& r) {
  Address a;
  a.ip = r.get<std::uint32_t>();
  a.port = r.get<std::uint16_t>();
  return a;
}

// A DatagramView decoded, with the bytes it points to.
struct OwnedDatagram {
  sim::DatagramView view;
  SharedBytes bytes;
};

OwnedDatagram get_datagram(ByteReader& r, const std::vector<SharedBytes>& payloads) {
  OwnedDatagram d;
  d.view.sent_ns = r.get<TimeNs>();
  d.view.src_host = r.get<sim::HostId>();
  d.view.dst_host = r.get<sim::HostId>();
  d.view.from = get_address(r);
  d.view.to = get_address(r);
  if (r.get<std::uint8_t>() != 0) d.bytes = payloads.at(r.get<std::uint32_t>());
  return d;
}

}  // namespace

void PartLog::begin(const Stamp& s, PartRecordKind kind) {
  open_ = w_.bytes().size();
  w_.put<std::uint32_t>(0);  // the length, set by end()
  w_.put<std::uint8_t>(static_cast<std::uint8_t>(kind));
  for (const std::uint64_t v : {static_cast<std::uint64_t>(s.t), s.phase, s.cls, s.a, s.b, s.c, s.idx})
    w_.put<std::uint64_t>(v);
}

void PartLog::end() {
  const auto n = static_cast<std::uint32_t>(w_.bytes().size() - open_ - sizeof(std::uint32_t));
  std::memcpy(w_.bytes().data() + open_, &n, sizeof n);
}

void PartLog::datagram(const sim::DatagramView& d) {
  w_.put<TimeNs>(d.sent_ns);
  w_.put<sim::HostId>(d.src_host);
  w_.put<sim::HostId>(d.dst_host);
  put_address(w_, d.from);
  put_address(w_, d.to);
  const bool has = d.bytes != nullptr && *d.bytes != nullptr;
  w_.put<std::uint8_t>(has ? 1 : 0);
  if (!has) return;
  const auto [it, added] =
      payload_index_.try_emplace(d.bytes->get(), static_cast<std::uint32_t>(payloads_.size()));
  if (added) payloads_.push_back(*d.bytes);
  w_.put<std::uint32_t>(it->second);
}

std::string PartLog::take() {
  ByteWriter out;
  out.put<std::uint32_t>(static_cast<std::uint32_t>(payloads_.size()));
  for (const SharedBytes& p : payloads_) out.put_text(*p);
  out.bytes().append(w_.bytes());
  w_ = ByteWriter();
  payloads_.clear();
  payload_index_.clear();
  return out.take();
}

void PartLog::on_send(const Stamp& s, TimeNs now, const sim::DatagramView& d) {
  begin(s, PartRecordKind::kSend);
  w_.put<TimeNs>(now);
  datagram(d);
  end();
}

void PartLog::on_drop(const Stamp& s, TimeNs now, const sim::DatagramView& d, sim::DropReason r) {
  begin(s, PartRecordKind::kDrop);
  w_.put<TimeNs>(now);
  datagram(d);
  w_.put<std::uint8_t>(static_cast<std::uint8_t>(r));
  end();
}

void PartLog::on_delivery(const Stamp& s, TimeNs now, const sim::DatagramView& d) {
  begin(s, PartRecordKind::kDelivery);
  w_.put<TimeNs>(now);
  datagram(d);
  end();
}

void PartLog::on_event(const Stamp& s, TimeNs now, sim::HostId host, const Event& e,
                       const sim::EventCause& cause) {
  begin(s, PartRecordKind::kEvent);
  w_.put<TimeNs>(now);
  w_.put<sim::HostId>(host);
  w_.put<std::uint8_t>(static_cast<std::uint8_t>(e.kind));
  w_.put<std::uint8_t>(e.verb ? 1 : 0);
  w_.put<std::uint8_t>(e.verb ? static_cast<std::uint8_t>(*e.verb) : 0);
  w_.put<std::uint8_t>(static_cast<std::uint8_t>(e.reason));
  w_.put_text(e.msg_id);
  w_.put_text(e.node_id);
  w_.put_text(e.channel_id);
  put_address(w_, e.peer);
  w_.put<TimeNs>(e.origin_time);
  w_.put<std::uint32_t>(e.hops);
  w_.put<std::uint64_t>(e.value);
  w_.put<std::uint64_t>(e.size);
  w_.put_text(e.text);
  w_.put<std::uint8_t>(static_cast<std::uint8_t>(cause.kind));
  w_.put<std::uint8_t>(cause.datagram != nullptr ? 1 : 0);
  if (cause.datagram != nullptr) datagram(*cause.datagram);
  end();
}

void PartLog::on_host_state(const Stamp& s, TimeNs now, sim::HostId host, bool up) {
  begin(s, PartRecordKind::kHostState);
  w_.put<TimeNs>(now);
  w_.put<sim::HostId>(host);
  w_.put<std::uint8_t>(up ? 1 : 0);
  end();
}

void PartLog::node_id(const Stamp& s, sim::HostId host, std::string_view id) {
  begin(s, PartRecordKind::kNodeId);
  w_.put<sim::HostId>(host);
  w_.put_text(id);
  end();
}

void PartLog::add_channel(const Stamp& s, std::string_view channel_id) {
  begin(s, PartRecordKind::kAddChannel);
  w_.put_text(channel_id);
  end();
}

void PartLog::note(const Stamp& s, PartRecordKind kind, TimeNs now, sim::HostId host,
                   std::string_view channel_id) {
  begin(s, kind);
  w_.put<TimeNs>(now);
  w_.put<sim::HostId>(host);
  w_.put_text(channel_id);
  end();
}

void PartLog::connect(const Stamp& s, TimeNs now, sim::HostId a, sim::HostId b) {
  begin(s, PartRecordKind::kConnect);
  w_.put<TimeNs>(now);
  w_.put<sim::HostId>(a);
  w_.put<sim::HostId>(b);
  end();
}

void PartLog::sample_tables(const Stamp& s, const engine::TableSizes& sizes) {
  begin(s, PartRecordKind::kSampleTables);
  w_.put<engine::TableSizes>(sizes);
  end();
}

void PartLog::end_sample_round(const Stamp& s, TimeNs now) {
  begin(s, PartRecordKind::kEndSampleRound);
  w_.put<TimeNs>(now);
  end();
}

void PartLog::driver(const Stamp& s, PartRecordKind kind, std::uint64_t channel, sim::HostId host,
                     TimeNs at) {
  begin(s, kind);
  w_.put<std::uint64_t>(channel);
  w_.put<sim::HostId>(host);
  w_.put<TimeNs>(at);
  end();
}

MergedLogs merge_part_logs(const std::vector<std::string>& logs) {
  std::vector<std::string_view> views(logs.begin(), logs.end());
  std::vector<std::uint32_t> ranks(logs.size());
  for (std::uint32_t rank = 0; rank < logs.size(); ++rank) ranks[rank] = rank;
  return merge_part_logs(views, ranks);
}

MergedLogs merge_part_logs(const std::vector<std::string_view>& logs,
                           const std::vector<std::uint32_t>& ranks) {
  MergedLogs merged;
  merged.payloads.resize(logs.size());
  std::vector<PartEntry>& out = merged.entries;
  for (std::size_t log = 0; log < logs.size(); ++log) {
    const std::uint32_t rank = ranks.at(log);
    ByteReader r(logs[log]);
    if (r.done()) continue;  // an empty message: no log at all
    const auto count = r.get<std::uint32_t>();
    for (std::uint32_t i = 0; i < count; ++i)
      merged.payloads[log].push_back(std::make_shared<const std::string>(r.get_text()));
    while (!r.done()) {
      const auto n = r.get<std::uint32_t>();
      (void)n;
      PartEntry e;
      e.rank = rank;
      e.payloads = &merged.payloads[log];
      e.kind = static_cast<PartRecordKind>(r.get<std::uint8_t>());
      e.stamp.t = static_cast<TimeNs>(r.get<std::uint64_t>());
      e.stamp.phase = r.get<std::uint64_t>();
      e.stamp.cls = r.get<std::uint64_t>();
      e.stamp.a = r.get<std::uint64_t>();
      e.stamp.b = r.get<std::uint64_t>();
      e.stamp.c = r.get<std::uint64_t>();
      e.stamp.idx = r.get<std::uint64_t>();
      constexpr std::size_t kHead = 1 + 7 * sizeof(std::uint64_t);
      if (n < kHead) throw std::out_of_range("partitioned run: a log record is cut short");
      // The body: the rest of the record (its length less the kind and stamp).
      const std::string_view all(logs[log]);
      const std::size_t at = all.size() - r.remaining();
      e.body = all.substr(at, n - kHead);
      r.skip(n - kHead);
      out.push_back(e);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const PartEntry& x, const PartEntry& y) {
    if (x.stamp != y.stamp) return x.stamp < y.stamp;
    return x.rank < y.rank;
  });
  return merged;
}

bool replay_into(const PartEntry& e, Collector& c) {
  ByteReader r(e.body);
  using K = PartRecordKind;
  switch (e.kind) {
    case K::kSend:
    case K::kDelivery: {
      const auto now = r.get<TimeNs>();
      const OwnedDatagram d = get_datagram(r, *e.payloads);
      sim::DatagramView v = d.view;
      v.bytes = &d.bytes;
      if (e.kind == K::kSend) {
        c.on_send(now, v);
      } else {
        c.on_delivery(now, v);
      }
      return true;
    }
    case K::kDrop: {
      const auto now = r.get<TimeNs>();
      const OwnedDatagram d = get_datagram(r, *e.payloads);
      sim::DatagramView v = d.view;
      v.bytes = &d.bytes;
      c.on_drop(now, v, static_cast<sim::DropReason>(r.get<std::uint8_t>()));
      return true;
    }
    case K::kEvent: {
      const auto now = r.get<TimeNs>();
      const auto host = r.get<sim::HostId>();
      Event ev;
      ev.kind = static_cast<EventKind>(r.get<std::uint8_t>());
      const bool has_verb = r.get<std::uint8_t>() != 0;
      const auto verb = static_cast<Verb>(r.get<std::uint8_t>());
      if (has_verb) ev.verb = verb;
      ev.reason = static_cast<Reason>(r.get<std::uint8_t>());
      ev.msg_id = r.get_text();
      ev.node_id = r.get_text();
      ev.channel_id = r.get_text();
      ev.peer = get_address(r);
      ev.origin_time = r.get<TimeNs>();
      ev.hops = r.get<std::uint32_t>();
      ev.value = r.get<std::uint64_t>();
      ev.size = static_cast<std::size_t>(r.get<std::uint64_t>());
      ev.text = r.get_text();
      sim::EventCause cause;
      cause.kind = static_cast<sim::CauseKind>(r.get<std::uint8_t>());
      OwnedDatagram d;
      if (r.get<std::uint8_t>() != 0) {
        d = get_datagram(r, *e.payloads);
        d.view.bytes = &d.bytes;
        cause.datagram = &d.view;
      }
      c.on_event(now, host, ev, cause);
      return true;
    }
    case K::kHostState: {
      const auto now = r.get<TimeNs>();
      const auto host = r.get<sim::HostId>();
      c.on_host_state(now, host, r.get<std::uint8_t>() != 0);
      return true;
    }
    case K::kNodeId: {
      const auto host = r.get<sim::HostId>();
      (void)c.set_node_id(host, r.get_text());
      return true;
    }
    case K::kAddChannel: c.add_channel(std::string(r.get_text())); return true;
    case K::kIntended:
    case K::kMember:
    case K::kLeft:
    case K::kUnsent: {
      const auto now = r.get<TimeNs>();
      const auto host = r.get<sim::HostId>();
      const auto channel = r.get_text();
      if (e.kind == K::kIntended) c.note_intended(now, host, channel);
      if (e.kind == K::kMember) c.note_member(now, host, channel);
      if (e.kind == K::kLeft) c.note_left(now, host, channel);
      if (e.kind == K::kUnsent) c.note_unsent(now, host, channel);
      return true;
    }
    case K::kConnect: {
      const auto now = r.get<TimeNs>();
      const auto a = r.get<sim::HostId>();
      c.note_connect(now, a, r.get<sim::HostId>());
      return true;
    }
    case K::kSampleTables: c.sample_tables(r.get<engine::TableSizes>()); return true;
    case K::kEndSampleRound: c.end_sample_round(r.get<TimeNs>()); return true;
    case K::kMemberAdded:
    case K::kScheduleJoin: return false;
  }
  return false;
}

DriverRecord driver_record(const PartEntry& e) {
  ByteReader r(e.body);
  DriverRecord d;
  d.channel = r.get<std::uint64_t>();
  d.host = r.get<sim::HostId>();
  d.at = r.get<TimeNs>();
  return d;
}

std::pair<sim::HostId, std::string_view> node_id_record(const PartEntry& e) {
  ByteReader r(e.body);
  const auto host = r.get<sim::HostId>();
  return {host, r.get_text()};
}

}  // namespace ptplab::scenarios
