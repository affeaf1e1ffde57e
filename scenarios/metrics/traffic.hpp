// Datagrams and bytes per verb per time bucket, sent and dropped by reason: the `traffic` table,
// accumulated in flat arrays (no allocation per datagram).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/core/reason.hpp"
#include "engine/core/time.hpp"
#include "reports/records/records.hpp"
#include "scenarios/metrics/verb_scan.hpp"
#include "sim/drop_reason.hpp"

namespace ptplab::scenarios {

// Counters of one verb in one bucket.
struct TrafficCell {
  std::uint64_t sent_datagrams = 0, sent_bytes = 0;
  std::array<std::uint64_t, sim::kDropReasonCount> dropped_datagrams{}, dropped_bytes{};
};

// Datagrams (or MESSAGEs) dropped for one reason: a sim::DropReason or engine Reason name.
struct DropCount {
  std::string reason;
  std::uint64_t count = 0;
};

// The traffic accumulator of one run.
class TrafficTable {
 public:
  // Buckets of `bucket_ns` covering [0, duration_ns]; later times go to the last bucket.
  TrafficTable(TimeNs bucket_ns, TimeNs duration_ns);
  void sent(TimeNs t, std::size_t verb, std::size_t bytes);
  void dropped(TimeNs t, std::size_t verb, std::size_t bytes, sim::DropReason reason);
  // An input an endpoint discarded, for the endpoint's own reason (engine/core/reason.hpp).
  void engine_dropped(TimeNs t, std::size_t verb, std::size_t bytes, Reason reason);
  // Datagrams endpoints discarded for `reason`, over the run.
  [[nodiscard]] std::uint64_t engine_drops(Reason reason) const;
  // The same per verb (DropCount::reason holds the verb slot's name), largest first (ties by name).
  [[nodiscard]] std::vector<DropCount> engine_drops_by_verb(Reason reason) const;
  // Datagrams dropped per reason over the run, network and endpoint reasons by their report
  // names (the two tables share no name: sim/drop_reason.hpp), non-zero only, largest first
  // (ties by name).
  [[nodiscard]] std::vector<DropCount> drop_totals() const;
  // Rows in (bucket, verb, reason) order: one row of sent counts per non-empty cell, one per
  // drop reason that occurred.
  [[nodiscard]] std::vector<reports::TrafficRecord> records() const;
  // Totals over all buckets, per verb.
  [[nodiscard]] TrafficCell total(std::size_t verb) const;
  [[nodiscard]] TimeNs bucket_ns() const { return bucket_ns_; }

 private:
  [[nodiscard]] TrafficCell& cell(TimeNs t, std::size_t verb);
  [[nodiscard]] std::size_t bucket(TimeNs t) const;
  // Endpoint drops keyed by (bucket, verb, Reason): datagrams and bytes.
  std::unordered_map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> engine_cells_;
  TimeNs bucket_ns_;
  std::size_t buckets_;
  std::vector<TrafficCell> cells_;  // [bucket * kVerbSlots + verb]
};

}  // namespace ptplab::scenarios
