// The report DDL. Changing a table here means bumping kSchemaVersion (writer.hpp) and
// updating reports/SCHEMA.md.
#include "reports/schema.hpp"

#include <array>

namespace ptplab::reports {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS run (
  run_id INTEGER PRIMARY KEY,
  scenario TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  seed INTEGER NOT NULL,
  version TEXT NOT NULL,
  started TEXT NOT NULL,
  finished TEXT,
  wall_seconds REAL,
  simulated_seconds REAL,
  events INTEGER,
  peak_rss_bytes INTEGER,
  status TEXT NOT NULL,
  sweep_point TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS run_param (run_id INTEGER NOT NULL REFERENCES run, name TEXT NOT NULL, value TEXT);
CREATE TABLE IF NOT EXISTS scalar (run_id INTEGER NOT NULL REFERENCES run, module TEXT NOT NULL, name TEXT NOT NULL,
  value REAL);
CREATE TABLE IF NOT EXISTS statistic (run_id INTEGER NOT NULL REFERENCES run, name TEXT NOT NULL, count INTEGER,
  mean REAL, stddev REAL, min REAL, max REAL, p50 REAL, p90 REAL, p99 REAL);
CREATE TABLE IF NOT EXISTS histogram (run_id INTEGER NOT NULL REFERENCES run, name TEXT NOT NULL,
  bin_lower REAL, bin_upper REAL, count INTEGER);
CREATE TABLE IF NOT EXISTS timeseries (run_id INTEGER NOT NULL REFERENCES run, name TEXT NOT NULL, t_ns INTEGER,
  value REAL);
CREATE TABLE IF NOT EXISTS node (run_id INTEGER NOT NULL REFERENCES run, node INTEGER NOT NULL, node_id TEXT,
  group_name TEXT, role TEXT, nat_type TEXT, region TEXT);
CREATE TABLE IF NOT EXISTS message (run_id INTEGER NOT NULL REFERENCES run, msg_id TEXT NOT NULL,
  origin INTEGER, channel TEXT, sent_ns INTEGER, size_bytes INTEGER, intended_recipients INTEGER);
CREATE TABLE IF NOT EXISTS delivery (run_id INTEGER NOT NULL REFERENCES run, msg_id TEXT NOT NULL,
  node INTEGER, delivered_ns INTEGER, latency_ns INTEGER, hops INTEGER, intended INTEGER);
CREATE TABLE IF NOT EXISTS collision (run_id INTEGER NOT NULL REFERENCES run, kind TEXT NOT NULL, id TEXT,
  count INTEGER, messages_wrongly_suppressed INTEGER, messages_misrouted INTEGER);
CREATE TABLE IF NOT EXISTS nat_attempt (run_id INTEGER NOT NULL REFERENCES run, nat_a TEXT, nat_b TEXT,
  started_ns INTEGER, succeeded INTEGER, time_to_connect_ns INTEGER);
CREATE TABLE IF NOT EXISTS traffic (run_id INTEGER NOT NULL REFERENCES run, bucket_start_ns INTEGER,
  verb TEXT, datagrams_sent INTEGER, bytes_sent INTEGER, datagrams_dropped INTEGER, bytes_dropped INTEGER,
  drop_reason TEXT);
CREATE TABLE IF NOT EXISTS expectation (run_id INTEGER NOT NULL REFERENCES run, metric TEXT NOT NULL,
  operator TEXT, expected REAL, tolerance REAL, actual REAL, passed INTEGER);
CREATE TABLE IF NOT EXISTS conformance_result (run_id INTEGER REFERENCES run, suite TEXT, case_id TEXT,
  section TEXT, level TEXT, result TEXT, evidence TEXT, duration_seconds REAL);
CREATE INDEX IF NOT EXISTS run_param_by_run ON run_param (run_id, name);
CREATE INDEX IF NOT EXISTS scalar_by_run ON scalar (run_id, name);
CREATE INDEX IF NOT EXISTS statistic_by_run ON statistic (run_id, name);
CREATE INDEX IF NOT EXISTS histogram_by_run ON histogram (run_id, name);
CREATE INDEX IF NOT EXISTS timeseries_by_run ON timeseries (run_id, name, t_ns);
CREATE INDEX IF NOT EXISTS node_by_run ON node (run_id, node);
CREATE INDEX IF NOT EXISTS message_by_run ON message (run_id, msg_id);
CREATE INDEX IF NOT EXISTS delivery_by_run ON delivery (run_id, msg_id);
CREATE INDEX IF NOT EXISTS collision_by_run ON collision (run_id, kind);
CREATE INDEX IF NOT EXISTS nat_attempt_by_run ON nat_attempt (run_id, nat_a, nat_b);
CREATE INDEX IF NOT EXISTS traffic_by_run ON traffic (run_id, verb);
CREATE INDEX IF NOT EXISTS expectation_by_run ON expectation (run_id);
CREATE INDEX IF NOT EXISTS conformance_by_suite ON conformance_result (suite, case_id);
)sql";

constexpr std::string_view kRun[] = {"scenario", "scenario_text",  "seed",         "version",
                                     "started",  "finished",       "wall_seconds", "simulated_seconds",
                                     "events",   "peak_rss_bytes", "status",       "sweep_point"};
// Wall clock, machine and build: what differs between two identical runs.
constexpr std::string_view kRunVolatile[] = {"version", "started", "finished", "wall_seconds",
                                             "peak_rss_bytes"};

constexpr std::string_view kNone[] = {""};
constexpr std::string_view kParam[] = {"name", "value"};
constexpr std::string_view kScalar[] = {"module", "name", "value"};
constexpr std::string_view kStatistic[] = {"name", "count", "mean", "stddev", "min",
                                           "max",  "p50",   "p90",  "p99"};
constexpr std::string_view kHistogram[] = {"name", "bin_lower", "bin_upper", "count"};
constexpr std::string_view kTimeseries[] = {"name", "t_ns", "value"};
constexpr std::string_view kNode[] = {"node", "node_id", "group_name", "role", "nat_type", "region"};
constexpr std::string_view kMessage[] = {"msg_id",  "origin",     "channel",
                                         "sent_ns", "size_bytes", "intended_recipients"};
constexpr std::string_view kDelivery[] = {"msg_id", "node", "delivered_ns", "latency_ns", "hops", "intended"};
constexpr std::string_view kCollision[] = {"kind", "id", "count", "messages_wrongly_suppressed",
                                           "messages_misrouted"};
constexpr std::string_view kNat[] = {"nat_a", "nat_b", "started_ns", "succeeded", "time_to_connect_ns"};
constexpr std::string_view kTraffic[] = {"bucket_start_ns",   "verb",          "datagrams_sent", "bytes_sent",
                                         "datagrams_dropped", "bytes_dropped", "drop_reason"};
constexpr std::string_view kExpectation[] = {"metric",    "operator", "expected",
                                             "tolerance", "actual",   "passed"};
constexpr std::string_view kConformance[] = {"suite",  "case_id",  "section",         "level",
                                             "result", "evidence", "duration_seconds"};
constexpr std::string_view kConformanceVolatile[] = {"duration_seconds"};

constexpr std::span<const std::string_view> none() {
  return std::span<const std::string_view>(kNone).first(0);
}

constexpr auto kTables = std::to_array<TableInfo>({
    {"run_param", kParam, none()},
    {"scalar", kScalar, none()},
    {"statistic", kStatistic, none()},
    {"histogram", kHistogram, none()},
    {"timeseries", kTimeseries, none()},
    {"node", kNode, none()},
    {"message", kMessage, none()},
    {"delivery", kDelivery, none()},
    {"collision", kCollision, none()},
    {"nat_attempt", kNat, none()},
    {"traffic", kTraffic, none()},
    {"expectation", kExpectation, none()},
    {"conformance_result", kConformance, kConformanceVolatile},
});

}  // namespace

std::string_view schema_sql() { return kSchema; }
std::span<const std::string_view> run_columns() { return kRun; }
std::span<const std::string_view> run_volatile_columns() { return kRunVolatile; }
std::span<const TableInfo> run_tables() { return kTables; }

}  // namespace ptplab::reports
