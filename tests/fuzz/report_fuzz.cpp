// libFuzzer target for the report reader: any bytes, written as a file, opened as a report
// (`ptplab report`, `compare`, the HTML page and the digest all start here). The reader must
// refuse what is not a report with an error, and read what it opens without crashing, however
// the tables were tampered with; a digest is computed or refused the same way.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "reports/digest.hpp"
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
  } else if (reader.error().empty()) {
    __builtin_trap();
  }
  if (auto digest = report_digest(path, {}); !digest && digest.error().empty()) __builtin_trap();
  std::remove(path.c_str());
  return 0;
}
