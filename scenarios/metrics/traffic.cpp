// The traffic accumulator.
#include "scenarios/metrics/traffic.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace ptplab::scenarios {

TrafficTable::TrafficTable(TimeNs bucket_ns, TimeNs duration_ns)
    : bucket_ns_(std::max<TimeNs>(bucket_ns, 1)),
      buckets_(static_cast<std::size_t>(std::max<TimeNs>(duration_ns, 0) / bucket_ns_ + 1)),
      cells_(buckets_ * kVerbSlots) {}

std::size_t TrafficTable::bucket(TimeNs t) const {
  return std::min(static_cast<std::size_t>(std::max<TimeNs>(t, 0) / bucket_ns_), buckets_ - 1);
}

TrafficCell& TrafficTable::cell(TimeNs t, std::size_t verb) {
  return cells_[bucket(t) * kVerbSlots + std::min(verb, kVerbInvalid)];
}

void TrafficTable::engine_dropped(TimeNs t, std::size_t verb, std::size_t bytes, Reason reason) {
  const auto r = static_cast<std::uint64_t>(reason);
  const std::uint64_t key = (static_cast<std::uint64_t>(bucket(t)) << 32) |
                            (static_cast<std::uint64_t>(std::min(verb, kVerbInvalid)) << 16) | r;
  auto& c = engine_cells_[key];
  ++c.first;
  c.second += bytes;
}

std::uint64_t TrafficTable::engine_drops(Reason reason) const {
  const auto r = static_cast<std::uint64_t>(reason);
  std::uint64_t total = 0;
  for (const auto& [key, c] : engine_cells_) total += (key & 0xffff) == r ? c.first : 0;
  return total;
}

std::vector<DropCount> TrafficTable::engine_drops_by_verb(Reason reason) const {
  const auto r = static_cast<std::uint64_t>(reason);
  std::map<std::string, std::uint64_t, std::less<>> by_verb;
  for (const auto& [key, c] : engine_cells_) {
    if ((key & 0xffff) == r) by_verb[std::string(verb_slot_name((key >> 16) & 0xffff))] += c.first;
  }
  std::vector<DropCount> out;
  for (const auto& [name, n] : by_verb) out.push_back({name, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const DropCount& a, const DropCount& b) { return a.count > b.count; });
  return out;
}

void TrafficTable::sent(TimeNs t, std::size_t verb, std::size_t bytes) {
  auto& c = cell(t, verb);
  ++c.sent_datagrams;
  c.sent_bytes += bytes;
}

void TrafficTable::dropped(TimeNs t, std::size_t verb, std::size_t bytes, sim::DropReason reason) {
  auto& c = cell(t, verb);
  const auto r = static_cast<std::size_t>(reason);
  ++c.dropped_datagrams[r];
  c.dropped_bytes[r] += bytes;
}

std::vector<reports::TrafficRecord> TrafficTable::records() const {
  std::vector<reports::TrafficRecord> out;
  for (std::size_t b = 0; b < buckets_; ++b) {
    for (std::size_t v = 0; v < kVerbSlots; ++v) {
      const auto& c = cells_[b * kVerbSlots + v];
      const TimeNs start = static_cast<TimeNs>(b) * bucket_ns_;
      const std::string verb(verb_slot_name(v));
      if (c.sent_datagrams != 0) out.push_back({start, verb, c.sent_datagrams, c.sent_bytes, 0, 0, ""});
      for (std::size_t r = 0; r < sim::kDropReasonCount; ++r) {
        if (c.dropped_datagrams[r] == 0) continue;
        out.push_back({start, verb, 0, 0, c.dropped_datagrams[r], c.dropped_bytes[r],
                       std::string(sim::drop_reason_name(static_cast<sim::DropReason>(r)))});
      }
    }
  }
  for (const auto& [key, c] : engine_cells_) {
    out.push_back({static_cast<TimeNs>(key >> 32) * bucket_ns_,
                   std::string(verb_slot_name((key >> 16) & 0xffff)), 0, 0, c.first, c.second,
                   std::string(reason_name(static_cast<Reason>(key & 0xffff)))});
  }
  // Hash-map order must not reach the report: rows sorted by (bucket, verb, reason).
  std::sort(out.begin(), out.end(), [](const reports::TrafficRecord& a, const reports::TrafficRecord& b) {
    return std::tie(a.bucket_start_ns, a.verb, a.drop_reason) <
           std::tie(b.bucket_start_ns, b.verb, b.drop_reason);
  });
  return out;
}

std::vector<DropCount> TrafficTable::drop_totals() const {
  std::map<std::string, std::uint64_t, std::less<>> by_name;
  for (std::size_t v = 0; v < kVerbSlots; ++v) {
    const auto t = total(v);
    for (std::size_t r = 0; r < sim::kDropReasonCount; ++r) {
      if (t.dropped_datagrams[r] != 0)
        by_name[std::string(sim::drop_reason_name(static_cast<sim::DropReason>(r)))] +=
            t.dropped_datagrams[r];
    }
  }
  for (const auto& [key, c] : engine_cells_) {
    by_name[std::string(reason_name(static_cast<Reason>(key & 0xffff)))] += c.first;
  }
  std::vector<DropCount> out;
  for (const auto& [name, n] : by_name) out.push_back({name, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const DropCount& a, const DropCount& b) { return a.count > b.count; });
  return out;
}

TrafficCell TrafficTable::total(std::size_t verb) const {
  TrafficCell t;
  for (std::size_t b = 0; b < buckets_; ++b) {
    const auto& c = cells_[b * kVerbSlots + verb];
    t.sent_datagrams += c.sent_datagrams;
    t.sent_bytes += c.sent_bytes;
    for (std::size_t r = 0; r < sim::kDropReasonCount; ++r) {
      t.dropped_datagrams[r] += c.dropped_datagrams[r];
      t.dropped_bytes[r] += c.dropped_bytes[r];
    }
  }
  return t;
}

}  // namespace ptplab::scenarios
