// `ptplab report` shows conformance rows per run (rows with no run, from older files, as run 0):
// counts per suite and the cases that did not pass, with the first line of their evidence.
#include "reports/conformance_text.hpp"

#include <gtest/gtest.h>

#include "reports/writer.hpp"
#include "tests/reports/sample_report.hpp"

namespace ptplab::reports {
namespace {

using testing::temp_report_path;

TEST(ConformanceText, CountsPerSuiteAndListsWhatDidNotPass) {
  const auto path = temp_report_path("conformance-text");
  {
    auto writer = ReportWriter::open(path).value();
    writer.add(ConformanceRecord{"127.0.0.1:9000", "hello/1", "HELLO", "MUST", "pass", "", 0.1});
    writer.add(ConformanceRecord{"127.0.0.1:9000", "ack/6", "ACK", "MUST", "blocked",
                                 "blocked by ack/3: no first ACK\nwire log", 0.2});
    writer.add(ConformanceRecord{"127.0.0.1:9000", "hello/3", "HELLO", "SHOULD", "warn", "gaps", 0.3});
    ASSERT_EQ(writer.flush().value(), 3u);
  }
  const auto text = format_conformance(path, 0);
  ASSERT_TRUE(text.has_value()) << text.error();
  EXPECT_NE(text->find("conformance of 127.0.0.1:9000: 3 cases, 1 blocked, 1 pass, 1 warn"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("blocked by ack/3: no first ACK"), std::string::npos) << *text;
  EXPECT_EQ(text->find("wire log"), std::string::npos) << *text;
  EXPECT_EQ(text->find("hello/1"), std::string::npos) << *text;
}

TEST(ConformanceText, EmptyWithoutConformanceRows) {
  const auto path = temp_report_path("conformance-none");
  { auto writer = ReportWriter::open(path).value(); }
  EXPECT_EQ(format_conformance(path, 0).value(), "");
}

TEST(ConformanceText, EachConformRunApart) {
  const auto path = temp_report_path("conformance-runs");
  {
    auto writer = ReportWriter::open(path).value();
    for (const char* result : {"pass", "fail"}) {
      ASSERT_TRUE(writer.begin_run(RunInfo{"conform 127.0.0.1:9000", "{}", 1, "test", "", ""}).has_value());
      writer.add(ConformanceRecord{"127.0.0.1:9000", "hello/1", "HELLO", "MUST", result, "why", 0.1});
      ASSERT_TRUE(writer.finish_run(RunEnd{}).has_value());
    }
  }
  EXPECT_EQ(format_conformance(path, 1).value(), "conformance of 127.0.0.1:9000 (run 1): 1 cases, 1 pass\n");
  const auto second = format_conformance(path, 2).value();
  EXPECT_NE(second.find("conformance of 127.0.0.1:9000 (run 2): 1 cases, 1 fail\n"), std::string::npos)
      << second;
  EXPECT_EQ(format_conformance(path, 0).value(), "");
}

}  // namespace
}  // namespace ptplab::reports
