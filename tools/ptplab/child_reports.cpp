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

std::optional<std::vector<std::vector<reports::RunId>>> merge_children(
    const std::string& destination, const std::vector<std::string>& child_reports) {
  std::vector<std::vector<reports::RunId>> out;
  for (const auto& child : child_reports) {
    auto& ids = out.emplace_back();
    if (!std::filesystem::exists(child)) continue;
    auto merged = reports::merge_report(destination, child);
    if (!merged) {
      std::fprintf(stderr, "ptplab: merging %s into %s: %s\n", child.c_str(), destination.c_str(),
                   merged.error().c_str());
      return std::nullopt;
    }
    ids = std::move(*merged);
  }
  return out;
}

std::string name_merged_report(std::string output, const std::string& child_report,
                               const std::string& destination, const std::vector<reports::RunId>& runs) {
  const std::string said = child_report + " holds the run so far";
  std::string kept;
  if (destination.empty() || runs.empty()) {
    kept = "the run so far was not kept (--report FILE keeps it)";
  } else {
    kept = destination + " holds the run so far as run " + std::to_string(runs.back());
  }
  for (auto at = output.find(said); at != std::string::npos; at = output.find(said, at + kept.size()))
    output.replace(at, said.size(), kept);
  return output;
}

}  // namespace ptplab::cli
