// A partitioned run (sim/exchange.hpp, sim/partitioned_run.hpp) reproduces the sequential run:
// the union of the parts' observations equals the sequential run's as a multiset, record for
// record, and the parts' counters add up to the sequential counters, for 2, 3 and 5 parts.
// Also the kernel's keyed scheduling, the lookahead and the partitioner on their own.
#include "sim/partitioned_run.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "sim/lookahead.hpp"
#include "sim/partition_plan.hpp"
#include "tests/sim/partition_world.hpp"

namespace ptplab::sim {
namespace {

using testing::WorldRecord;

struct WorldResult {
  std::vector<WorldRecord> records;  // sorted
  NetworkCounters counters;
  std::uint64_t posted = 0;
  std::uint64_t windows = 0;
};

void add_counters(NetworkCounters& total, const NetworkCounters& c) {
  total.sent += c.sent;
  total.delivered += c.delivered;
  total.duplicated += c.duplicated;
  for (std::size_t r = 0; r < c.dropped.size(); ++r) total.dropped[r] += c.dropped[r];
}

WorldResult run_sequential() {
  Simulator sim;
  testing::WorldTrace trace;
  Network net(sim, testing::world_config(), &trace);
  testing::build_world(net);
  sim.run_until(testing::kWorldEnd);
  std::sort(trace.records.begin(), trace.records.end());
  return {trace.records, net.counters(), 0, 0};
}

WorldResult run_partitioned(std::uint32_t k) {
  const auto nats = testing::world_nats();
  const auto edges = testing::world_edges();
  const PartitionPlan plan = plan_partition(k, nats, testing::WorldSize{}.boxes(), edges);
  std::vector<std::unique_ptr<Simulator>> sims;
  std::vector<std::unique_ptr<testing::WorldTrace>> traces;
  std::vector<std::unique_ptr<Network>> nets;
  std::vector<Network*> parts;
  for (std::uint32_t p = 0; p < k; ++p) {
    sims.push_back(std::make_unique<Simulator>());
    traces.push_back(std::make_unique<testing::WorldTrace>());
    nets.push_back(std::make_unique<Network>(*sims.back(), testing::world_config(), traces.back().get()));
    parts.push_back(nets.back().get());
  }
  LoopbackParts group(plan.map, parts);
  for (std::uint32_t p = 0; p < k; ++p) {
    nets[p]->set_partition(&group.map(p), &group);
    testing::build_world(*nets[p]);
  }
  const NetworkConfig config = testing::world_config();
  const auto lookahead = cross_part_lookahead(config.latency, std::span(&config.link, 1));
  EXPECT_TRUE(lookahead.has_value());
  const WindowStats stats = run_windows(group, *lookahead, testing::kWorldEnd);
  WorldResult out;
  out.windows = stats.windows;
  for (std::uint32_t p = 0; p < k; ++p) {
    EXPECT_EQ(sims[p]->now(), testing::kWorldEnd);
    out.records.insert(out.records.end(), traces[p]->records.begin(), traces[p]->records.end());
    add_counters(out.counters, nets[p]->counters());
    out.posted += nets[p]->posted();
  }
  std::sort(out.records.begin(), out.records.end());
  return out;
}

TEST(PartitionedRun, PartsReproduceTheSequentialRunRecordForRecord) {
  const WorldResult seq = run_sequential();
  ASSERT_GT(seq.records.size(), 10'000u);
  ASSERT_GT(seq.counters.drops(DropReason::kPartition), 0u);
  ASSERT_GT(seq.counters.drops(DropReason::kNatFilter), 0u);
  ASSERT_GT(seq.counters.duplicated, 0u);
  for (const std::uint32_t k : {2u, 3u, 5u}) {
    SCOPED_TRACE(k);
    const WorldResult part = run_partitioned(k);
    EXPECT_GT(part.posted, 1'000u);  // datagrams did cross parts
    EXPECT_GT(part.windows, 100u);
    EXPECT_EQ(part.counters.sent, seq.counters.sent);
    EXPECT_EQ(part.counters.delivered, seq.counters.delivered);
    EXPECT_EQ(part.counters.duplicated, seq.counters.duplicated);
    EXPECT_EQ(part.counters.dropped, seq.counters.dropped);
    ASSERT_EQ(part.records.size(), seq.records.size());
    EXPECT_TRUE(part.records == seq.records);
    EXPECT_EQ(testing::trace_digest(part.records), testing::trace_digest(seq.records));
  }
}

TEST(PartitionedRun, OnePartIsTheSequentialRun) {
  const WorldResult seq = run_sequential();
  const WorldResult one = run_partitioned(1);
  EXPECT_EQ(one.posted, 0u);
  EXPECT_TRUE(one.records == seq.records);
}

TEST(PartitionedRun, KeyedEventsRunInKeyOrderWhateverTheInsertionOrder) {
  // A key reserved on one kernel and queued on another orders like the one it would have got.
  Simulator a;
  Simulator b;
  std::vector<std::uint64_t> ran;
  struct Recorder final : EventHandler {
    std::vector<std::uint64_t>* out;
    void handle(const EventRecord& e) override { out->push_back(e.key); }
  } recorder;
  recorder.out = &ran;
  const std::uint8_t kind = b.register_handler(recorder);
  const std::uint64_t k1 = a.reserve_key(7);
  const std::uint64_t k2 = a.reserve_key(7);
  b.schedule(kMillisecond, 9, kind, 0, 0);  // origin 9 after origin 7 at equal times
  b.schedule_keyed(kMillisecond, k2, kind, 0, 0);
  b.schedule_keyed(kMillisecond, k1, kind, 0, 0);
  b.run_until(kSecond);
  ASSERT_EQ(ran.size(), 3u);
  EXPECT_EQ(ran[0], make_event_key(7, 0));
  EXPECT_EQ(ran[1], make_event_key(7, 1));
  EXPECT_EQ(ran[2], make_event_key(9, 0));
  EXPECT_EQ(b.next_time(), kTimeLimit);
}

TEST(PartitionedRun, LookaheadIsTheLeastCrossPartDelayAndZeroIsAnError) {
  LatencyConfig latency;  // constant 20 ms
  std::vector<LinkConfig> links(2);
  links[0].delay_ns = 3 * kMillisecond;
  links[1].delay_ns = kMillisecond;
  EXPECT_EQ(*cross_part_lookahead(latency, links), 21 * kMillisecond);
  latency.kind = LatencyKind::kUniform;
  EXPECT_EQ(*cross_part_lookahead(latency, links), 11 * kMillisecond);
  latency.kind = LatencyKind::kMatrix;
  latency.regions = 2;
  latency.matrix_ns = {5 * kMillisecond, 8 * kMillisecond, 9 * kMillisecond, 2 * kMillisecond};
  EXPECT_EQ(*cross_part_lookahead(latency, links), 3 * kMillisecond);
  latency.kind = LatencyKind::kNormal;
  links = {LinkConfig{}};
  const auto zero = cross_part_lookahead(latency, links);
  ASSERT_FALSE(zero.has_value());
  EXPECT_NE(zero.error().find("\"normal\""), std::string::npos);
  EXPECT_NE(zero.error().find("floor"), std::string::npos);
  latency.floor_ns = 2 * kMillisecond;
  EXPECT_EQ(*cross_part_lookahead(latency, links), 2 * kMillisecond);
}

// Review 13: the refusal said "give the latency a floor" to models that have no "floor" key.
TEST(PartitionedRun, ZeroLookaheadSaysWhatToChangeForEachModel) {
  const std::vector<LinkConfig> links{LinkConfig{}};
  const auto advice = [&](LatencyConfig latency) {
    const auto r = cross_part_lookahead(latency, links);
    return r ? std::string("no error") : r.error();
  };
  LatencyConfig constant;
  constant.constant_ns = 0;
  EXPECT_NE(advice(constant).find("positive \"delay\""), std::string::npos) << advice(constant);
  LatencyConfig uniform;
  uniform.kind = LatencyKind::kUniform;
  uniform.uniform_min_ns = 0;
  EXPECT_NE(advice(uniform).find("positive \"min\""), std::string::npos) << advice(uniform);
  LatencyConfig matrix;
  matrix.kind = LatencyKind::kMatrix;
  matrix.regions = 2;
  matrix.matrix_ns = {0, kMillisecond, kMillisecond, kMillisecond};
  EXPECT_NE(advice(matrix).find("/network/regions/latency"), std::string::npos) << advice(matrix);
  EXPECT_EQ(advice(matrix).find("floor"), std::string::npos) << advice(matrix);
  LatencyConfig lognormal;
  lognormal.kind = LatencyKind::kLognormal;
  EXPECT_NE(advice(lognormal).find("\"floor\""), std::string::npos) << advice(lognormal);
}

TEST(PartitionedRun, FloorBoundsEveryDraw) {
  LatencyConfig latency;
  latency.kind = LatencyKind::kLognormal;
  latency.stddev_ns = 40 * kMillisecond;
  latency.floor_ns = 5 * kMillisecond;
  Rng rng(3);
  for (int i = 0; i < 10'000; ++i) ASSERT_GE(draw_latency(latency, rng, 0, 0), 5 * kMillisecond);
}

TEST(PartitionedRun, PlanKeepsNatBoxesWholeBalancesHostsAndCountsCutEdges) {
  // Hosts 0..5 public in a path 0-1-2-3-4-5; hosts 6..9 behind box 0, 10..11 behind box 1.
  std::vector<NatId> nats(12, kNoNat);
  for (HostId h = 6; h < 10; ++h) nats[h] = 0;
  nats[10] = nats[11] = 1;
  const std::vector<HostEdge> edges = {{0, 1}, {1, 2},  {2, 3}, {3, 4}, {4, 5},
                                       {6, 0}, {10, 5}, {7, 7}, {3, 99}};
  const PartitionPlan plan = plan_partition(2, nats, 2, edges);
  EXPECT_EQ(plan.edges, 7u);  // the self-loop and the unknown host skipped
  for (HostId h = 6; h < 10; ++h) EXPECT_EQ(plan.map.host_part[h], plan.map.nat_part[0]);
  EXPECT_EQ(plan.map.host_part[10], plan.map.nat_part[1]);
  EXPECT_EQ(plan.map.host_part[11], plan.map.nat_part[1]);
  EXPECT_EQ(plan.hosts_per_part, (std::vector<std::uint64_t>{6, 6}));
  std::uint64_t cut = 0;
  for (const auto& [a, b] : edges) {
    if (a < 12 && b < 12 && a != b) cut += plan.map.host_part[a] != plan.map.host_part[b] ? 1 : 0;
  }
  EXPECT_EQ(plan.edges_cut, cut);
  EXPECT_LE(plan.edges_cut, 2u);  // BFS from box 0 along the path: one cut between the halves
  const PartitionPlan again = plan_partition(2, nats, 2, edges);
  EXPECT_EQ(again.map.host_part, plan.map.host_part);
}

}  // namespace
}  // namespace ptplab::sim
