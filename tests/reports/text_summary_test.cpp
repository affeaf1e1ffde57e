// The text report of the sample run: each section present with its figures.
#include "reports/text_summary.hpp"

#include <gtest/gtest.h>

#include "reports/text_table.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

using testing::temp_report_path;
using testing::write_sample_run;

TEST(TextSummary, ShowsEverySection) {
  const auto path = temp_report_path("text");
  {
    auto writer = ReportWriter::open(path).value();
    write_sample_run(writer);
  }
  auto reader = ReportReader::open(path).value();
  const std::string text = format_summary(reader.load_summary(1).value());
  for (const char* expected :
       {"run 1  line3  seed 1  status complete", "parameters", "/network/latency/delay",
        "delivery and latency", "0.75", "traffic per verb", "MESSAGE", "drops by reason", "queue_overflow",
        "collisions", "NAT traversal", "symmetric", "2/2", "0/1", "expectations", "FAIL",
        "1 of 2 expectations pass"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in:\n" << text;
  }
  EXPECT_NE(format_run_list(reader.list_runs().value()).find("line3"), std::string::npos);
}

// One group says nothing the totals do not; two get a row each, absent figures as "-".
TEST(TextSummary, GroupTableOnlyWithSeveralGroups) {
  GroupTotals servers{"servers", 2, 0, 0, 0, std::nullopt, std::nullopt, std::nullopt};
  GroupTotals clients{"clients", 12, 11, 176, 160, 160.0 / 176, 20.0, 40.0};
  EXPECT_EQ(format_group_table({clients}), "");
  EXPECT_EQ(format_group_table({servers, clients}),
            "  group   nodes joined intended delivered ratio  p50 ms p99 ms\n"
            "  servers     2      0        0         0      -      -      -\n"
            "  clients    12     11      176       160 0.9091     20     40\n");
}

TEST(TextTable, AlignsColumnsAndRightAlignsNumbers) {
  TextTable t({"name", "value"});
  t.row({"a", "1"});
  t.row({"longer", "100"});
  EXPECT_EQ(t.render(), "  name   value\n  a          1\n  longer   100\n");
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(3), "3");
  EXPECT_EQ(format_number(2.0 / 3), "0.6667");
  EXPECT_EQ(format_number(167801.6), "167802");  // bytes per delivery: no "1.678e+05"
  EXPECT_EQ(format_number(-12345.4), "-12345");
  EXPECT_EQ(format_number(9999.5), "10000");
  EXPECT_EQ(format_number(9999.4), "9999");
}

// Issue 17 item 8: plain units. Bytes in SI units, ratios with 4 decimals as `ptplab run`
// prints them, seconds with their unit.
TEST(TextTable, UnitsAreReadable) {
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_EQ(format_bytes(167801.6), "167.8 kB");
  EXPECT_EQ(format_bytes(433106777), "433.1 MB");
  EXPECT_EQ(format_bytes(999960), "1.0 MB");
  EXPECT_EQ(format_ratio(1), "1.0000");
  EXPECT_EQ(format_ratio(160.0 / 176), "0.9091");
  EXPECT_EQ(format_seconds(400), "400 s");
  EXPECT_EQ(format_seconds(10.1084), "10.11 s");
  EXPECT_EQ(format_in_unit(1, "ratio"), "1.0000");
  EXPECT_EQ(format_in_unit(2048, "bytes"), "2.0 kB");
  EXPECT_EQ(format_in_unit(3, "count"), "3");
}

// A cell longer than kCellWidthMax (a 400-character description) sticks out of its column
// instead of pushing every other value of that column to its width.
TEST(TextTable, ALongCellDoesNotWidenItsColumn) {
  TextTable t({"parameter", "value"});
  t.row({"/description", std::string(400, 'x')});
  t.row({"/expect/0/value", "0.99"});
  const std::string out = t.render();
  EXPECT_NE(out.find("  /expect/0/value  0.99\n"), std::string::npos) << out;
}

// A widened key column stays aligned however long its cells are (a sweep point of two
// parameters is longer than kCellWidthMax; its rows were misaligned, review M12).
TEST(TextTable, AWidenedColumnAlignsLongCells) {
  const std::string a = "/network/loss/rate=0 /nodes/1/params/gossip_fanout=2";
  const std::string b = "/network/loss/rate=0.05 /nodes/1/params/gossip_fanout=4";
  TextTable t({"point", "runs"});
  t.widen(0);
  t.row({a, "2"});
  t.row({b, "2"});
  const std::string out = t.render();
  // Columns are one space apart; "runs" is right-aligned in its 4 characters.
  EXPECT_NE(out.find("  " + a + std::string(b.size() - a.size(), ' ') + "    2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  " + b + "    2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  point" + std::string(b.size() - 5, ' ') + " runs\n"), std::string::npos) << out;
}

// The metrics table has a unit column from the metric table (and the run value table).
TEST(TextSummary, MetricsTableHasUnits) {
  RunSummary s;
  s.scalars = {{"metrics", "delivery_ratio", 1.0},
               {"metrics", "bytes_sent", 433106777},
               {"sim", "retransmissions", 4},
               {"sim", "simulated_ns", 4e11}};
  const std::string text = format_summary(s);
  for (const char* expected :
       {"  module  name            value        unit\n", "  metrics delivery_ratio        1.0000 ratio\n",
        "  metrics bytes_sent          433.1 MB bytes\n", "  sim     retransmissions            4 count\n",
        "  sim     simulated_ns    400000000000 ns\n"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in:\n" << text;
  }
}

}  // namespace
}  // namespace ptplab::reports
