// Child report reading and merging.
#include "tools/ptplab/child_reports.hpp"

#include <cstdio>
#include <filesystem>

#include "reports/merge.hpp"

namespace ptplab::cli {

std::vector<reports::RunSummary> read_child_runs(const std::string& path) {
  std::vector<reports::RunSummary> out;
  if (!std::filesystem::exists(path)) return out;
  auto reader = reports::ReportReader::open(path);
  if (!reader) return out;
  auto runs = reader->list_runs();
  if (!runs) return out;
  for (const auto& r : *runs) {
    auto s = reader->load_summary(r.run_id);
    if (s) out.push_back(std::move(*s));
  }
  return out;
}

bool merge_children(const std::string& destination, const std::vector<std::string>& child_reports) {
  for (const auto& child : child_reports) {
    if (!std::filesystem::exists(child)) continue;
    auto merged = reports::merge_report(destination, child);
    if (!merged) {
      std::fprintf(stderr, "ptplab: merging %s into %s: %s\n", child.c_str(), destination.c_str(),
                   merged.error().c_str());
      return false;
    }
  }
  return true;
}

}  // namespace ptplab::cli
