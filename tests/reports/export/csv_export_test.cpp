// export_csv and export_json: RFC 4180 fields, the tidy runs.csv (a column per varying parameter, per metric
// and statistic), one file per table, and the --run filter.
#include "reports/export/csv_export.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/export/json_export.hpp"
#include "reports/sqlite_db.hpp"
#include "reports/writer.hpp"

namespace ptplab::reports {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("0.5"), "0.5");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

class CsvExport : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test and process: ctest runs each TEST_F as its own process, two at once, and a
    // shared directory let one test's TearDown delete the other's files mid-write (CI, CsvExport.OneRunOnly).
    dir_ =
        std::filesystem::temp_directory_path() /
        ("ptplab_csv_export_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
         "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto w = ReportWriter::open((dir_ / "r.db").string());
    ASSERT_TRUE(w) << w.error();
    for (int i = 0; i < 2; ++i) {
      RunInfo info;
      info.scenario_name = "s";
      info.scenario_text = R"({"a": 1, "b": "x"})";
      info.seed = 1;
      info.sweep_point = "/loss=" + std::to_string(i);
      ASSERT_TRUE(w->begin_run(info));
      w->add(ParamRecord{"/seed", "1"});
      w->add(ParamRecord{"/name", "\"s\""});
      w->add(ParamRecord{"/loss", i == 0 ? "0" : "0.1"});
      w->add(ScalarRecord{"metrics", "delivery_ratio", i == 0 ? 1.0 : 0.5});
      w->add(ScalarRecord{"sim", "events", 10.0 + i});
      StatisticRecord st;
      st.name = "latency_ms";
      st.count = 3;
      st.p50 = 20 + i;
      w->add(st);
      ASSERT_TRUE(w->finish_run(RunEnd{}));
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CsvExport, WritesTheTidyTableAndEveryTable) {
  auto files = export_csv((dir_ / "r.db").string(), (dir_ / "csv").string(), std::nullopt);
  ASSERT_TRUE(files) << files.error();
  EXPECT_EQ(files->front(), (dir_ / "csv" / kTidyCsvName).string());
  const auto tidy = read(dir_ / "csv" / kTidyCsvName);
  std::istringstream lines(tidy);
  std::string header, run1, run2, extra;
  std::getline(lines, header);
  std::getline(lines, run1);
  std::getline(lines, run2);
  EXPECT_FALSE(std::getline(lines, extra));
  // /loss varies: a column; /name and /seed do not (the seed has its own column).
  EXPECT_EQ(
      header,
      "run_id,scenario,seed,wall_seconds,simulated_seconds,events,status,sweep_point,/loss,delivery_ratio,"
      "sim.events,latency_ms.mean,latency_ms.p50,latency_ms.p90,latency_ms.p99,latency_ms.max\r");
  EXPECT_EQ(run1.substr(0, 4), "1,s,");
  EXPECT_NE(run1.find(",0,1.0,10.0,0.0,20.0,"), std::string::npos) << run1;
  EXPECT_NE(run2.find(",0.1,0.5,11.0,0.0,21.0,"), std::string::npos) << run2;
  for (const char* table : {"run", "run_param", "scalar", "statistic", "traffic", "message"}) {
    EXPECT_TRUE(std::filesystem::exists(dir_ / "csv" / (std::string(table) + ".csv"))) << table;
  }
  const auto run_csv = read(dir_ / "csv" / "run.csv");
  EXPECT_NE(run_csv.find(R"("{""a"": 1, ""b"": ""x""}")"), std::string::npos) << run_csv;
}

TEST_F(CsvExport, OneRunOnly) {
  auto files = export_csv((dir_ / "r.db").string(), (dir_ / "one").string(), RunId{2});
  ASSERT_TRUE(files) << files.error();
  const auto params = read(dir_ / "one" / "run_param.csv");
  EXPECT_EQ(params, "run_id,name,value\r\n2,/seed,1\r\n2,/name,\"\"\"s\"\"\"\r\n2,/loss,0.1\r\n");
  // The tidy table keeps the report's column set: /loss varies between the report's runs.
  ASSERT_TRUE(export_csv((dir_ / "r.db").string(), (dir_ / "all").string(), std::nullopt));
  const auto header = [](const std::string& text) { return text.substr(0, text.find('\n')); };
  const auto one = read(dir_ / "one" / kTidyCsvName);
  EXPECT_EQ(header(one), header(read(dir_ / "all" / kTidyCsvName)));
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 2) << one;  // the header and run 2
  EXPECT_NE(one.find("\n2,s,"), std::string::npos) << one;
}

TEST_F(CsvExport, JsonHoldsTheTidyRowsAndEveryTableTyped) {
  const auto out = (dir_ / "r.json").string();
  ASSERT_TRUE(export_json((dir_ / "r.db").string(), out, std::nullopt));
  const auto doc = nlohmann::json::parse(read(out));
  ASSERT_EQ(doc["runs"].size(), 2u);
  EXPECT_EQ(doc["runs"][1]["/loss"], 0.1);
  EXPECT_EQ(doc["runs"][1]["delivery_ratio"], 0.5);
  EXPECT_EQ(doc["runs"][0]["scenario"], "s");
  const auto& params = doc["tables"]["run_param"];
  ASSERT_EQ(params.size(), 6u);
  EXPECT_EQ(params[0]["run_id"], 1);       // an INTEGER column stays a number
  EXPECT_EQ(params[1]["value"], "\"s\"");  // a TEXT column stays a string
  EXPECT_TRUE(doc["tables"].contains("traffic"));
}

// Review S5: a text cell holding bytes that are not UTF-8 (a tampered report: sweep_point set to
// x'ff') aborted the JSON dump (nlohmann type_error.316, exit 134); each such byte is now U+FFFD.
TEST_F(CsvExport, JsonReplacesBytesThatAreNotUtf8) {
  const auto db_path = (dir_ / "r.db").string();
  {
    auto db = Database::open(db_path, true);
    ASSERT_TRUE(db) << db.error();
    ASSERT_TRUE(db->exec("UPDATE run SET sweep_point = x'ff', scenario = x'73fe' WHERE run_id = 2"));
    ASSERT_TRUE(db->exec("UPDATE run_param SET value = x'c3' WHERE run_id = 2 AND name = '/loss'"));
  }
  const auto out = (dir_ / "u.json").string();
  auto written = export_json(db_path, out, std::nullopt);
  ASSERT_TRUE(written) << written.error();
  const auto doc = nlohmann::json::parse(read(out));  // valid UTF-8 JSON: parse would throw otherwise
  const std::string fffd = "\xef\xbf\xbd";
  const auto& runs = doc.at("tables").at("run");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[1].at("sweep_point"), fffd);
  EXPECT_EQ(runs[1].at("scenario"), "s" + fffd);
  EXPECT_EQ(runs[0].at("sweep_point"), "/loss=0");  // valid text is untouched
  EXPECT_EQ(doc.at("tables").at("run_param")[5].at("value"), fffd);
}

TEST(CsvExportErrors, MissingReport) {
  auto files = export_csv("/nonexistent/r.db", "/tmp/ptplab-csv-never", std::nullopt);
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().find("no such file"), std::string::npos);
}

}  // namespace
}  // namespace ptplab::reports
