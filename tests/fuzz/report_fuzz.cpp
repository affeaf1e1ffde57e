// libFuzzer target for the report reader: any bytes, written as a file, opened as a report
// (`ptplab report`, `compare`, the HTML page and the digest all start here). The reader must
// refuse what is not a report with an error, and read what it opens without crashing, however
// the tables were tampered with; a digest is computed or refused the same way. What opens is also
// exported (JSON, CSV) and rendered (HTML): each succeeds or says why, never aborts (review S5:
// a text cell that is not UTF-8 aborted the JSON export).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "reports/digest.hpp"
#include "reports/export/csv_export.hpp"
#include "reports/export/json_export.hpp"
#include "reports/html/report.hpp"
#include "reports/reader.hpp"

namespace {

// One file per process (libFuzzer and ctest may run several at once).
const std::string& scratch_path() {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("ptplab_report_fuzz_" + std::to_string(::getpid()) + ".db"))
          .string();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ptplab::reports;
  const std::string& path = scratch_path();
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  std::remove((path + "-journal").c_str());
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    if (size > 0) std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  if (auto reader = ReportReader::open(path)) {
    if (auto runs = reader->list_runs()) {
      for (std::size_t i = 0; i < runs->size() && i < 4; ++i) (void)reader->load_summary((*runs)[i].run_id);
    }
    if (auto json = export_json(path, path + ".json", std::nullopt); !json && json.error().empty())
      __builtin_trap();
    if (auto csv = export_csv(path, path + ".csv", std::nullopt); !csv && csv.error().empty())
      __builtin_trap();
    if (auto page = html::html_report(path, std::nullopt); !page && page.error().empty()) __builtin_trap();
    std::remove((path + ".json").c_str());
    std::filesystem::remove_all(path + ".csv");
  } else if (reader.error().empty()) {
    __builtin_trap();
  }
  if (auto digest = report_digest(path, {}); !digest && digest.error().empty()) __builtin_trap();
  std::remove(path.c_str());
  return 0;
}
