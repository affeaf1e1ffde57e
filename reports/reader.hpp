// Reading reports back: the list of runs and one run's summary (what `ptplab report` prints
// and what the HTML report and run comparison start from). Aggregates are computed with the
// same SQL that reports/SCHEMA.md gives for each metric.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/expected.hpp"
#include "reports/records/records.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {

// Datagrams and bytes of one verb over the whole run.
struct VerbTotals {
  std::string verb;
  std::uint64_t datagrams_sent = 0, bytes_sent = 0, datagrams_dropped = 0, bytes_dropped = 0;
};

// Drops of one reason over the whole run.
struct DropTotals {
  std::string reason;
  std::uint64_t datagrams = 0, bytes = 0;
};

// Collisions of one kind ("node_id" | "msg_id").
struct CollisionTotals {
  std::string kind;
  std::uint64_t ids = 0;      // distinct colliding ids
  std::uint64_t holders = 0;  // sum of holders over them
  std::uint64_t messages_wrongly_suppressed = 0, messages_misrouted = 0;
};

// CONNECT attempts of one (initiator NAT type, target NAT type) pair.
struct NatPairTotals {
  std::string nat_a, nat_b;
  std::uint64_t attempts = 0, successes = 0;
  std::optional<double> time_to_connect_p50_ms;
};

// Delivery and latency from the message/delivery rows (empty when record = summary).
struct DeliveryTotals {
  std::uint64_t messages = 0;
  std::uint64_t intended = 0;   // sum of intended_recipients
  std::uint64_t delivered = 0;  // distinct (msg_id, node) first deliveries to intended recipients
  std::optional<double> ratio;
  std::optional<double> latency_p50_ms, latency_p90_ms, latency_p99_ms, latency_max_ms;
};

// Everything `ptplab report` shows about one run.
struct RunSummary {
  RunRow run;
  std::vector<ParamRecord> params;
  std::vector<ScalarRecord> scalars;
  std::vector<StatisticRecord> statistics;
  std::vector<ExpectationRecord> expectations;
  std::vector<VerbTotals> traffic;
  std::vector<DropTotals> drops;
  std::vector<CollisionTotals> collisions;
  std::vector<NatPairTotals> nat;
  DeliveryTotals delivery;
  std::vector<GroupTotals> groups;  // honest groups, in node order; latency only with record = full
};

// Read-only access to a report file.
class ReportReader {
 public:
  [[nodiscard]] static Expected<ReportReader, std::string> open(const std::string& path);
  ReportReader(ReportReader&&) noexcept;
  ReportReader& operator=(ReportReader&&) noexcept;
  ~ReportReader();

  // Every run, by run_id.
  [[nodiscard]] Expected<std::vector<RunRow>, std::string> list_runs();
  // The summary of one run; an error when there is no such run.
  [[nodiscard]] Expected<RunSummary, std::string> load_summary(RunId run);

 private:
  struct Impl;
  explicit ReportReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ptplab::reports
