// order_shards: the runs of a sweep's shards in sweep order whatever the order of the files, and
// a refusal naming the file for every set that is not each shard of one sweep once, complete.
#include "reports/sweep_shards.hpp"

#include <gtest/gtest.h>

#include "reports/digest.hpp"
#include "reports/reader.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

// A run of shard I/N holding the sweep's run `index` of `total`, of plan `plan`.
RunRow shard_run(RunId id, std::int64_t index, std::int64_t total, const std::string& shard,
                 const std::string& plan = "p1") {
  RunRow r;
  r.run_id = id;
  r.scenario = "s";
  r.sweep_point = "x seed=" + std::to_string(index);
  r.sweep_plan = plan;
  r.sweep_index = index;
  r.sweep_runs = total;
  r.sweep_shard = shard;
  r.status = "complete";
  return r;
}

// Shard I of N of a sweep of `total` runs, complete.
ShardInput shard(const std::string& file, std::int64_t i, std::int64_t n, std::int64_t total,
                 const std::string& plan = "p1") {
  ShardInput in{file, {}};
  RunId id = 1;
  for (std::int64_t k = i; k < total; k += n)
    in.runs.push_back(shard_run(id++, k, total, std::to_string(i) + "/" + std::to_string(n), plan));
  return in;
}

std::string refusal(const std::vector<ShardInput>& inputs) {
  const auto order = order_shards(inputs);
  return order ? std::string("accepted") : order.error();
}

TEST(OrderShards, PutsRunsInSweepOrderWhateverTheFileOrder) {
  // 11 shards given in glob order (shard10 before shard2): the order is the runs' own.
  std::vector<ShardInput> inputs;
  for (const int i : {0, 1, 10, 2, 3, 4, 5, 6, 7, 8, 9})
    inputs.push_back(shard("shard" + std::to_string(i) + ".db", i, 11, 23));
  const auto order = order_shards(inputs).value();
  ASSERT_EQ(order.size(), 23u);
  for (std::size_t k = 0; k < order.size(); ++k) {
    EXPECT_EQ(order[k].report, "shard" + std::to_string(k % 11) + ".db") << k;
    EXPECT_EQ(order[k].run, static_cast<RunId>(k / 11 + 1)) << k;
  }
}

TEST(OrderShards, AWholeSweepIsShardZeroOfOne) {
  EXPECT_EQ(order_shards({shard("all.db", 0, 1, 3)}).value().size(), 3u);
}

TEST(OrderShards, RefusesAMissingShard) {
  EXPECT_NE(refusal({shard("a.db", 0, 3, 6), shard("c.db", 2, 3, 6)})
                .find("shard 1/3 of the sweep of a.db is missing"),
            std::string::npos);
}

TEST(OrderShards, RefusesAShardGivenTwice) {
  EXPECT_NE(refusal({shard("a.db", 0, 2, 6), shard("b.db", 0, 2, 6), shard("c.db", 1, 2, 6)})
                .find("b.db and a.db are both shard 0/2"),
            std::string::npos);
}

// review2 S3: a shard holding a run stopped by Ctrl-C (or one never ended) merged with exit 0.
TEST(OrderShards, RefusesARunThatDidNotFinish) {
  for (const char* status : {"interrupted", "running"}) {
    auto b = shard("b.db", 1, 2, 6);
    b.runs[1].status = status;
    EXPECT_NE(refusal({shard("a.db", 0, 2, 6), b}).find(std::string("is ") + status + ", not a finished run"),
              std::string::npos)
        << status;
  }
  auto timed_out = shard("b.db", 1, 2, 6);
  timed_out.runs[0].status = "timed_out";  // a run's own verdict, kept as the sweep's
  EXPECT_TRUE(order_shards({shard("a.db", 0, 2, 6), timed_out}).has_value());
}

TEST(OrderShards, RefusesShardsOfAnotherSweep) {
  EXPECT_NE(refusal({shard("a.db", 0, 2, 6), shard("b.db", 1, 2, 6, "p2")})
                .find("b.db is a shard of another sweep"),
            std::string::npos);
  EXPECT_NE(refusal({shard("a.db", 0, 2, 6), shard("b.db", 1, 3, 6)})
                .find("b.db is shard 1/3 but a.db is one of 2"),
            std::string::npos);
}

TEST(OrderShards, RefusesReportsThatAreNotShards) {
  ShardInput plain{"run.db", {RunRow{}}};
  plain.runs[0].run_id = 1;
  EXPECT_NE(refusal({plain}).find("run.db: run 1 is not a run of a sweep"), std::string::npos);
  EXPECT_NE(refusal({ShardInput{"empty.db", {}}}).find("empty.db holds no run"), std::string::npos);
  auto merged = shard("m.db", 0, 2, 4);
  merged.runs.push_back(shard_run(3, 1, 4, "1/2"));
  EXPECT_NE(refusal({merged}).find("m.db holds runs of shard 0/2 and of shard 1/2"), std::string::npos);
}

TEST(OrderShards, RefusesAShardMissingOrRepeatingARun) {
  auto cut = shard("b.db", 1, 2, 6);
  cut.runs.pop_back();
  EXPECT_NE(refusal({shard("a.db", 0, 2, 6), cut}).find("b.db (shard 1/2) lacks the sweep's run 5 of 6"),
            std::string::npos);
  auto twice = shard("b.db", 1, 2, 6);
  twice.runs.push_back(shard_run(9, 3, 6, "1/2"));
  EXPECT_NE(refusal({shard("a.db", 0, 2, 6), twice}).find("b.db holds the sweep's run 3 twice"),
            std::string::npos);
  auto stray = shard("b.db", 1, 2, 6);
  stray.runs.push_back(shard_run(9, 2, 6, "1/2"));
  EXPECT_NE(refusal({shard("a.db", 0, 2, 6), stray}).find("not of shard 1/2"), std::string::npos);
}

TEST(SweepPlanDigest, DiffersWithAnyLabelOrDocument) {
  const auto a = sweep_plan_digest({{"x=1 seed=1", "{}"}, {"x=2 seed=1", "{}"}});
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, sweep_plan_digest({{"x=1 seed=1", "{}"}, {"x=2 seed=1", "{}"}}));
  EXPECT_NE(a, sweep_plan_digest({{"x=1 seed=1", "{}"}, {"x=2 seed=1", "{\"a\":1}"}}));
  EXPECT_NE(a, sweep_plan_digest({{"x=2 seed=1", "{}"}, {"x=1 seed=1", "{}"}}));
  EXPECT_NE(a, sweep_plan_digest({{"x=1 seed=1", "{}"}}));
}

TEST(StampSweepRun, WritesTheSweepColumnsAndLeavesTheDigestAlone) {
  const auto path = testing::temp_report_path("stamped");
  {
    auto writer = ReportWriter::open(path).value();
    testing::write_sample_run(writer, 1);
    testing::write_sample_run(writer, 2);
  }
  const auto before = report_digest(path).value();
  RunRow stamp = shard_run(0, 3, 4, "1/2", "plan");
  ASSERT_TRUE(stamp_sweep_run(path, 2, stamp));
  auto runs = ReportReader::open(path).value().list_runs().value();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].sweep_plan, "");
  EXPECT_FALSE(runs[0].sweep_index.has_value());
  EXPECT_EQ(runs[1].sweep_plan, "plan");
  EXPECT_EQ(runs[1].sweep_index, 3);
  EXPECT_EQ(runs[1].sweep_runs, 4);
  EXPECT_EQ(runs[1].sweep_shard, "1/2");
  ASSERT_TRUE(stamp_sweep_run(path, std::nullopt, stamp));  // every run
  EXPECT_EQ(ReportReader::open(path).value().list_runs().value()[0].sweep_shard, "1/2");
  // Which sweep and shard a run belongs to is not part of what it computed.
  EXPECT_EQ(report_digest(path).value(), before);
}

}  // namespace
}  // namespace ptplab::reports
