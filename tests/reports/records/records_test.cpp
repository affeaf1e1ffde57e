// reports/records: the record buffer keeps per-table order and drains into any sink, the
// column table's binders round-trip every record field, and the metric table is well formed.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "reports/records/columns.hpp"
#include "reports/records/metrics.hpp"
#include "reports/records/sink.hpp"

namespace ptplab::reports {
namespace {

// A sink that logs what it is given, as "table:first column" (a ForwardingSink).
class LogSink final : public ForwardingSink<LogSink> {
 public:
  std::vector<std::string> log;
  Expected<RunId, std::string> begin_run(const RunInfo&) override { return RunId{1}; }
  Expected<RunId, std::string> finish_run(const RunEnd&) override { return RunId{1}; }
  template <class R>
  void add_row(const R& r) {
    const auto first = TableOf<R>::columns[0].get(r);
    const auto* text = std::get_if<std::string_view>(&first);
    log.push_back(std::string(TableOf<R>::name) + ":" + (text != nullptr ? std::string(*text) : "?"));
  }
};

TEST(RecordBuffer, DrainsEveryRowOnceInOrderPerTable) {
  RecordBuffer b;
  b.add(MessageRecord{"m1", 0, "c", 5, 10, 2});
  b.add(ScalarRecord{"metrics", "a", 1});
  b.add(MessageRecord{"m2", 1, "c", 6, 10, 2});
  b.add(DeliveryRecord{"m1", 1, 7, 2, 1, true});
  EXPECT_EQ(b.size(), 4u);
  LogSink sink;
  b.drain_into(sink);
  EXPECT_EQ(b.size(), 0u);
  // Tables in RunRecords order; rows of one table in the order they were added.
  EXPECT_EQ(sink.log,
            (std::vector<std::string>{"scalar:metrics", "message:m1", "message:m2", "delivery:m1"}));
  b.drain_into(sink);
  EXPECT_EQ(sink.log.size(), 4u);
}

// Cells of every column of `r`, as text (so they compare whatever the alternative).
template <class R>
std::vector<std::string> cells(const R& r) {
  std::vector<std::string> out;
  for (const auto& c : TableOf<R>::columns) {
    out.push_back(std::visit(
        [](const auto& v) -> std::string {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::monostate>)
            return "NULL";
          else if constexpr (std::is_same_v<V, std::string_view>)
            return "t:" + std::string(v);
          else
            return (std::is_same_v<V, double> ? "r:" : "i:") + std::to_string(v);
        },
        c.get(r)));
  }
  return out;
}

template <class R>
void expect_round_trip(const R& r) {
  R back{};
  for (const auto& c : TableOf<R>::columns) c.set(back, c.get(r));
  EXPECT_EQ(cells(back), cells(r)) << TableOf<R>::name;
}

TEST(ColumnTable, BindersRoundTripEveryField) {
  expect_round_trip(ParamRecord{"/seed", "3"});
  expect_round_trip(StatisticRecord{"latency_ms", 4, 1.5, 0.5, 1, 2, 1.5, 2, 2});
  expect_round_trip(DeliveryRecord{"m", 3, 100, 40, 2, false});
  expect_round_trip(NatAttemptRecord{"symmetric", "full_cone", 5, true, 9});
  expect_round_trip(NatAttemptRecord{"symmetric", "symmetric", 5, false, std::nullopt, "rate_limited"});
  expect_round_trip(MembershipRecord{"c", 4, 100, 600, std::nullopt});
  expect_round_trip(ExpectationRecord{"delivery_ratio", ">=", 0.9, 0.01, 0.95, true});
  expect_round_trip(ExpectationRecord{"latency_p50_ms", "<", 10, 0, std::nullopt, false});
  expect_round_trip(TrafficRecord{1'000'000'000, "HELLO", 3, 300, 1, 100, "loss"});
  expect_round_trip(ConformanceRecord{"127.0.0.1:9000", "hello/1", "4.1", "MUST", "pass", "ok", 0.25});
  // The types stored: integers as INTEGER, reals as REAL, NULL for an absent optional.
  EXPECT_EQ(cells(NatAttemptRecord{"a", "b", 5, false, std::nullopt, "timeout"}),
            (std::vector<std::string>{"t:a", "t:b", "i:5", "i:0", "NULL", "t:timeout"}));
  EXPECT_EQ(cells(NatAttemptRecord{"a", "b", 5, true, 7, std::nullopt}),
            (std::vector<std::string>{"t:a", "t:b", "i:5", "i:1", "i:7", "NULL"}));
}

TEST(ColumnTable, NamesAreUniqueAndTypesKnown) {
  std::set<std::string_view> tables;
  for_each_record_type([&]<class R>(R*) {
    EXPECT_TRUE(tables.insert(TableOf<R>::name).second) << TableOf<R>::name;
    std::set<std::string_view> names;
    for (const auto& c : TableOf<R>::columns) {
      EXPECT_TRUE(names.insert(c.name).second) << TableOf<R>::name << "." << c.name;
      EXPECT_TRUE(c.sql_type.starts_with("INTEGER") || c.sql_type.starts_with("REAL") ||
                  c.sql_type.starts_with("TEXT"))
          << c.sql_type;
    }
  });
  EXPECT_EQ(tables.size(), std::tuple_size_v<RunRecords>);
}

TEST(MetricTable, SortedFindableAndEachHasSqlOverTheRun) {
  const auto table = metric_table();
  ASSERT_FALSE(table.empty());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& m = table[i];
    if (i > 0) {
      EXPECT_LT(table[i - 1].name, m.name);
    }
    EXPECT_EQ(find_metric(m.name), &m);
    EXPECT_FALSE(m.unit.empty()) << m.name;
    EXPECT_FALSE(m.meaning.empty()) << m.name;
    EXPECT_TRUE(m.sql.starts_with("SELECT ") || m.sql.starts_with("WITH ")) << m.name;
    EXPECT_NE(m.sql.find(":run"), std::string_view::npos) << m.name;
  }
  EXPECT_EQ(find_metric("no_such_metric"), nullptr);
  EXPECT_EQ(find_metric("delivery_ratio")->better, Better::kHigher);
  EXPECT_EQ(find_metric("messages_sent")->better, Better::kNeither);
  EXPECT_EQ(better_name(Better::kLower), "lower");
}

}  // namespace
}  // namespace ptplab::reports
