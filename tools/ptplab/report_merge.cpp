// `ptplab report merge` (see report_merge.hpp). Shards are recognised by their runs (every one a
// sweep run of one scenario, shard sizes as --shard I/N gives them); their runs are interleaved
// back: the sweep's run k*N + I is run k of shard I.
#include "tools/ptplab/report_merge.hpp"

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "reports/merge.hpp"
#include "reports/reader.hpp"
#include "tools/ptplab/command_line.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// True when `inputs` (each one's runs, by run_id) are shards 0..N-1 of one sweep, in that order:
// two or more, every run a sweep run (sweep_point set) of one scenario, and run counts as
// --shard I/N gives them (shard I has one run more than shard J > I, or as many).
bool are_shards(const std::vector<std::vector<reports::RunRow>>& inputs) {
  if (inputs.size() < 2 || inputs.front().empty()) return false;
  const std::string& scenario = inputs.front().front().scenario;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].size() > inputs.front().size() || inputs[i].size() + 1 < inputs.front().size())
      return false;
    if (i > 0 && inputs[i].size() > inputs[i - 1].size()) return false;
    for (const auto& r : inputs[i]) {
      if (r.sweep_point.empty() || r.scenario != scenario) return false;
    }
  }
  return true;
}

}  // namespace

int report_merge(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab report merge OUT IN...\n\n"
      "Appends every run of each report IN, with all its rows, to OUT (created when missing).\n"
      "When the INs are the shards of one sweep given in shard order (ptplab sweep --shard 0/N,\n"
      "1/N, ..., N-1/N: two or more reports, every run a sweep run of one scenario, shard sizes as\n"
      "--shard gives them), their runs are put back in sweep order instead (run k of shard I is\n"
      "the sweep's run k*N+I), so that OUT is the report of the whole sweep: the same digest\n"
      "(ptplab report --digest) as `ptplab sweep -j 1`'s.\n"
      "Exit status: 0 merged, 2 a usage error or a report that cannot be read or written.\n\noptions");
  visible.add_options()("help,h", "show this help");
  po::options_description all;
  all.add(visible).add_options()("files", po::value<std::vector<std::string>>(), "OUT and the INs");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  if (const auto stop = parse_command_line("report merge", argc, argv, visible, all, positional, vm))
    return *stop;
  const auto files =
      vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() < 2) {
    std::fprintf(stderr,
                 "ptplab report merge: expected OUT and at least one IN (see ptplab report merge --help)\n");
    return 2;
  }
  const std::string& out = files.front();
  const std::vector<std::string> inputs(files.begin() + 1, files.end());
  std::vector<std::vector<reports::RunRow>> runs;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (std::filesystem::exists(out) && std::filesystem::equivalent(out, in, ec)) {
      std::fprintf(stderr, "ptplab report merge: %s is both OUT and an IN\n", in.c_str());
      return 2;
    }
    auto reader = reports::ReportReader::open(in);
    auto listed = reader ? reader->list_runs() : Unexpected(reader.error());
    if (!listed) {
      std::fprintf(stderr, "ptplab report merge: %s\n", listed.error().c_str());
      return 2;
    }
    runs.push_back(std::move(*listed));
  }
  std::size_t copied = 0;
  if (are_shards(runs)) {
    std::vector<reports::RunOf> order;
    for (std::size_t k = 0; k < runs.front().size(); ++k) {
      for (std::size_t i = 0; i < runs.size(); ++i) {
        if (k < runs[i].size()) order.push_back({inputs[i], runs[i][k].run_id});
      }
    }
    const auto ids = reports::copy_runs(out, order);
    if (!ids) {
      std::fprintf(stderr, "ptplab report merge: %s\n", ids.error().c_str());
      return 2;
    }
    std::printf("%s: %zu runs of %zu shards of a sweep of %s, in sweep order\n", out.c_str(), ids->size(),
                inputs.size(), runs.front().front().scenario.c_str());
    return 0;
  }
  for (const auto& in : inputs) {
    const auto ids = reports::merge_report(out, in);
    if (!ids) {
      std::fprintf(stderr, "ptplab report merge: %s\n", ids.error().c_str());
      return 2;
    }
    copied += ids->size();
  }
  std::printf("%s: %zu runs of %zu reports appended in the order given\n", out.c_str(), copied,
              inputs.size());
  return 0;
}

}  // namespace ptplab::cli
