// A small, fully hand-computable report shared by the reports tests (and written to
// $PTPLAB_REPORT_FIXTURE for tests/e2e/report.sh): 3 nodes in a line, 2 messages.
#pragma once

#include <filesystem>
#include <string>

#include "reports/writer.hpp"

namespace ptplab::reports::testing {

// A fresh path under the temp directory, unique per test and process; the file, and any file
// whose name starts with its name (journal, fallback report), is removed when the test ends.
std::string temp_report_path(const std::string& tag);

// Writes one complete run of the sample into the writer; returns its run id. `seed` changes
// one delivery's latency so content differs between seeds.
RunId write_sample_run(ReportWriter& writer, std::uint64_t seed = 1,
                       const std::string& started = "2026-11-25T17:00:00Z");

}  // namespace ptplab::reports::testing
