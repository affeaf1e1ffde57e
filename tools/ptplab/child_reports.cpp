// Child report reading and merging.
#include "tools/ptplab/child_reports.hpp"

#include <cstdio>
#include <filesystem>
#include <utility>

#include "reports/merge.hpp"
#include "reports/sweep_shards.hpp"

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

ChildReportMerger::ChildReportMerger(std::string destination, std::vector<std::string> child_reports,
                                     std::vector<std::optional<reports::RunRow>> stamps, std::string pending)
    : destination_(std::move(destination)),
      children_(std::move(child_reports)),
      stamps_(std::move(stamps)),
      done_(children_.size(), false),
      runs_(children_.size()),
      ids_(children_.size()),
      pending_(std::move(pending)) {}

void ChildReportMerger::merge(std::size_t job) {
  const auto& child = children_[job];
  runs_[job] = read_child_runs(child);
  if (destination_.empty() || !std::filesystem::exists(child)) return;
  // After a report that could not be merged anywhere the later ones stay beside it: kept in job
  // order, for the user to join in that order.
  if (kept_from_ != SIZE_MAX) return;
  const auto keep = [&] { kept_from_ = job; };
  // Stamped in the child's file, so that the merge carries the stamp and the file is removed
  // right after it (a parent killed in between leaves a merged report in the temporary folder).
  if (job < stamps_.size() && stamps_[job]) {
    if (auto s = reports::stamp_sweep_run(child, std::nullopt, *stamps_[job]); !s) {
      std::fprintf(stderr, "ptplab: marking the run of %s as a sweep's: %s\n", child.c_str(),
                   s.error().c_str());
      return keep();
    }
  }
  if (diverted_from_ == SIZE_MAX) {
    auto merged = reports::merge_report(destination_, child);
    if (merged) {
      ids_[job] = std::move(*merged);
      std::error_code ignored;
      std::filesystem::remove(child, ignored);
      return;
    }
    if (pending_.empty()) {
      std::fprintf(stderr, "ptplab: merging %s into %s: %s\n", child.c_str(), destination_.c_str(),
                   merged.error().c_str());
      return keep();
    }
    // Said once, by the batch's line naming the pending report (review 14 m6: SQLite's raw
    // "database is locked" came before it).
    if (!merged.error().ends_with("database is locked")) diverted_because_ = merged.error();
    diverted_from_ = job;
  }
  auto merged = reports::merge_report(pending_, child);
  if (!merged) {
    std::fprintf(stderr, "ptplab: merging %s into %s: %s\n", child.c_str(), pending_.c_str(),
                 merged.error().c_str());
    return keep();
  }
  ids_[job] = std::move(*merged);
  std::error_code ignored;
  std::filesystem::remove(child, ignored);
}

void ChildReportMerger::finished(std::size_t job) {
  done_[job] = true;
  for (; next_ < children_.size() && done_[next_]; ++next_) merge(next_);
}

bool ChildReportMerger::finish() {
  for (; next_ < children_.size(); ++next_) merge(next_);
  return kept_from_ == SIZE_MAX;  // every report merged somewhere
}

}  // namespace ptplab::cli
