// What the ranks of a partitioned run saw, stamped so that rank 0 can replay it into one
// Collector in the sequential run's order (issue [D]). Each rank logs every input its part gives
// the metrics (a send, drop or delivery, an endpoint event, a host going up or down, a node's
// id, and the runner's own ground truth: channels, intended members, table samples ...) and the
// few changes to the replicated driver state a rank-local callback makes (a member added to a
// workload channel, a join retry scheduled). At every window the logs are gathered and merged
// by stamp; rank 0 replays the collector's part, every rank applies the driver's part.
//
// The stamp orders records as the sequential kernel ran them: by time; then the phase of that
// instant (the replicated driver's callbacks at one instant, counted: host events between two of
// them belong to the later phase); then the class of the context (a driver callback, a host
// event, a rank-local deferred callback); then, for host events, the event's key raised to the
// greatest key run before it at that instant on its rank (an event a host schedules for the
// same instant with a lower key runs right after its creator in the sequential kernel too); for
// driver callbacks, the driver's replicated step counter; for deferred callbacks, the stamp of
// their creator; and last, the rank's own record counter.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/event.hpp"
#include "engine/node/node.hpp"
#include "scenarios/metrics/collector.hpp"
#include "scenarios/runner/part_comm.hpp"
#include "sim/observer.hpp"

namespace ptplab::scenarios {

// The classes of context within one phase of an instant, in their sequential order.
enum class StampClass : std::uint8_t { kDriver = 0, kHost = 1, kDeferred = 2 };

// Where in the sequential order a record was made (see the file comment); compared field by field.
struct Stamp {
  TimeNs t = 0;
  std::uint64_t phase = 0;
  std::uint64_t cls = 0;  // StampClass
  std::uint64_t a = 0;    // host: effective key; driver: step; deferred: creator's phase * 4 + class
  std::uint64_t b = 0;    // deferred: creator's a
  std::uint64_t c = 0;    // deferred: creator's record counter
  std::uint64_t idx = 0;  // the rank's record counter
  friend auto operator<=>(const Stamp&, const Stamp&) = default;
};

// The kinds of records.
enum class PartRecordKind : std::uint8_t {
  kSend,
  kDrop,
  kDelivery,
  kEvent,
  kHostState,
  kNodeId,
  kAddChannel,
  kIntended,
  kMember,
  kLeft,
  kUnsent,
  kConnect,
  kSampleTables,
  kEndSampleRound,
  kMemberAdded,   // driver: (channel index, host) joined: channel_members_ gains it
  kScheduleJoin,  // driver: try_join(channel index, host, 1) at a time
};

// One rank's log since the last gather.
class PartLog {
 public:
  void on_send(const Stamp& s, TimeNs now, const sim::DatagramView& d);
  void on_drop(const Stamp& s, TimeNs now, const sim::DatagramView& d, sim::DropReason r);
  void on_delivery(const Stamp& s, TimeNs now, const sim::DatagramView& d);
  void on_event(const Stamp& s, TimeNs now, sim::HostId host, const Event& e, const sim::EventCause& cause);
  void on_host_state(const Stamp& s, TimeNs now, sim::HostId host, bool up);
  void node_id(const Stamp& s, sim::HostId host, std::string_view id);
  void add_channel(const Stamp& s, std::string_view channel_id);
  // kIntended, kMember, kLeft, kUnsent (host may be kNoHost for kUnsent).
  void note(const Stamp& s, PartRecordKind kind, TimeNs now, sim::HostId host, std::string_view channel_id);
  void connect(const Stamp& s, TimeNs now, sim::HostId a, sim::HostId b);
  void sample_tables(const Stamp& s, const engine::TableSizes& sizes);
  void end_sample_round(const Stamp& s, TimeNs now);
  // Driver records: kMemberAdded (at unused) or kScheduleJoin.
  void driver(const Stamp& s, PartRecordKind kind, std::uint64_t channel, sim::HostId host, TimeNs at);

  [[nodiscard]] bool empty() const { return w_.bytes().empty(); }
  // The log so far (emptied): its payload table (each datagram buffer once, however many
  // records show it: its send, its deliveries, the events it caused), then its records.
  [[nodiscard]] std::string take();

 private:
  void begin(const Stamp& s, PartRecordKind kind);
  void datagram(const sim::DatagramView& d);
  void end();
  ByteWriter w_;
  std::size_t open_ = 0;  // where the record being written starts (its length field)
  // The payloads of this log, by buffer: held, so that no buffer's address is reused meanwhile.
  std::unordered_map<const std::string*, std::uint32_t> payload_index_;
  std::vector<SharedBytes> payloads_;
};

// One record of a merged log: its stamp and rank, its body to decode, and its rank's payloads.
struct PartEntry {
  Stamp stamp;
  std::uint32_t rank = 0;
  PartRecordKind kind{};
  std::string_view body;
  const std::vector<SharedBytes>* payloads = nullptr;
};

// Every rank's log merged: the payload tables (by log) and the records in stamp order (then
// rank), viewing the logs and the tables.
struct MergedLogs {
  std::vector<std::vector<SharedBytes>> payloads;
  std::vector<PartEntry> entries;
};

// Merges every rank's log (indexed by rank). Throws std::out_of_range on a malformed log.
[[nodiscard]] MergedLogs merge_part_logs(const std::vector<std::string>& logs);
// The same for logs of any ranks, several from one rank if need be: logs[i] is rank ranks[i]'s
// (the rank breaks ties of equal stamps). The entries view `logs`, which must outlive them.
[[nodiscard]] MergedLogs merge_part_logs(const std::vector<std::string_view>& logs,
                                         const std::vector<std::uint32_t>& ranks);

// Replays a collector record (kSend .. kEndSampleRound) into `c`; false (nothing done) for a
// driver record.
bool replay_into(const PartEntry& e, Collector& c);

// A driver record's fields.
struct DriverRecord {
  std::uint64_t channel = 0;
  sim::HostId host = sim::kNoHost;
  TimeNs at = 0;
};
[[nodiscard]] DriverRecord driver_record(const PartEntry& e);
// A kNodeId record's host and id (viewing the log).
[[nodiscard]] std::pair<sim::HostId, std::string_view> node_id_record(const PartEntry& e);

}  // namespace ptplab::scenarios
