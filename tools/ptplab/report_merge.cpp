// `ptplab report merge` (see report_merge.hpp). Each shard's runs say which sweep and shard they
// are of, and which run of the sweep (run.sweep_plan, sweep_shard, sweep_index): the runs are put
// in sweep order by those, and a set of files that is not every shard of one sweep once is refused
// (reports/sweep_shards.hpp, order_shards).
#include "tools/ptplab/report_merge.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "reports/merge.hpp"
#include "reports/reader.hpp"
#include "reports/sweep_shards.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/merge_into_place.hpp"
#include "tools/ptplab/mpi_launch.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// The runs of each input, read before anything is written; nullopt (said on stderr) when an input
// is OUT itself or cannot be read as a report.
std::optional<std::vector<reports::ShardInput>> read_inputs(const std::string& out,
                                                            const std::vector<std::string>& inputs) {
  std::vector<reports::ShardInput> read;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (std::filesystem::exists(out) && std::filesystem::equivalent(out, in, ec)) {
      std::fprintf(stderr, "ptplab report merge: %s is both OUT and an IN\n", in.c_str());
      return std::nullopt;
    }
    auto reader = reports::ReportReader::open(in);
    auto listed = reader ? reader->list_runs() : Unexpected(reader.error());
    if (!listed) {
      std::fprintf(stderr, "ptplab report merge: %s\n", listed.error().c_str());
      return std::nullopt;
    }
    read.push_back({in, std::move(*listed)});
  }
  return read;
}

// --append: every run of each input, in the order given, appended to `out` (each input's runs in
// one transaction). Exit status as report_merge's.
int append_reports(const std::string& out, const std::vector<std::string>& inputs) {
  const auto read = read_inputs(out, inputs);
  if (!read) return 2;
  // The runs OUT has before: an id among them in the result is a run joined with its other part.
  std::vector<reports::RunRow> before;
  std::error_code size_error;
  // An empty file is a new report (ReportWriter takes it as one; `sqlite3 R.db` leaves one).
  if (std::filesystem::exists(out) && std::filesystem::file_size(out, size_error) != 0) {
    auto reader = reports::ReportReader::open(out);
    auto listed = reader ? reader->list_runs() : Unexpected(reader.error());
    if (!listed) {
      std::fprintf(stderr, "ptplab report merge: %s\n", listed.error().c_str());
      return 2;
    }
    before = std::move(*listed);
  }
  // A report given twice, or a run OUT already holds (a pending report joined before, the printed
  // command pasted twice), would be counted twice: refused, nothing written (review 12 S3).
  const auto same_run = [](const reports::RunRow& a, const reports::RunRow& b) {
    return a.status != "running" && a.scenario == b.scenario && a.scenario_text == b.scenario_text &&
           a.seed == b.seed && a.version == b.version && a.started == b.started && a.finished == b.finished &&
           a.status == b.status && a.events == b.events && a.sweep_point == b.sweep_point &&
           a.wall_seconds == b.wall_seconds;
  };
  std::vector<reports::RunOf> runs;
  std::vector<std::pair<const reports::RunRow*, const std::string*>> given;  // the inputs' runs so far
  for (std::size_t i = 0; i < read->size(); ++i) {
    const auto& in = (*read)[i];
    for (std::size_t j = 0; j < i; ++j) {
      std::error_code ec;
      if (std::filesystem::equivalent((*read)[j].file, in.file, ec)) {
        std::fprintf(stderr, "ptplab report merge: %s is given twice: nothing appended\n", in.file.c_str());
        return 2;
      }
    }
    for (const auto& r : in.runs) {
      for (const auto& o : before) {
        if (!same_run(r, o)) continue;
        std::fprintf(stderr,
                     "ptplab report merge: run %lld of %s is already in %s as run %lld (appended or joined "
                     "before): nothing appended\n",
                     static_cast<long long>(r.run_id), in.file.c_str(), out.c_str(),
                     static_cast<long long>(o.run_id));
        return 2;
      }
      for (const auto& [o, file] : given) {
        if (!same_run(r, *o)) continue;
        std::fprintf(stderr,
                     "ptplab report merge: run %lld of %s is run %lld of %s too (a copy of it?): nothing "
                     "appended\n",
                     static_cast<long long>(r.run_id), in.file.c_str(), static_cast<long long>(o->run_id),
                     file->c_str());
        return 2;
      }
      given.emplace_back(&r, &in.file);
      runs.push_back({in.file, r.run_id});
    }
  }
  // The check against OUT above is said before anything is written; copy_runs checks again inside
  // its write transaction (another merge may have appended the same runs since).
  std::vector<std::string> notes;
  const auto ids = reports::copy_runs(out, runs, /*join_continued=*/true, &notes);
  for (const auto& note : notes) std::fprintf(stderr, "ptplab report merge: %s\n", note.c_str());
  if (!ids) {
    std::fprintf(stderr, "ptplab report merge: %s\n", ids.error().c_str());
    return 2;
  }
  std::string joined;  // "4, 7": the runs whose two parts were joined
  std::size_t appended = 0;
  std::vector<reports::RunId> seen;  // OUT's runs: before, and appended so far
  for (const auto& r : before) seen.push_back(r.run_id);
  for (const auto id : *ids) {
    if (std::find(seen.begin(), seen.end(), id) == seen.end()) {
      ++appended;
      seen.push_back(id);
    } else {
      joined += (joined.empty() ? "" : ", ") + std::to_string(id);
    }
  }
  std::printf("%s: %zu %s appended from %zu %s", out.c_str(), appended, appended == 1 ? "run" : "runs",
              inputs.size(), inputs.size() == 1 ? "report" : "reports");
  if (!joined.empty()) std::printf("; run %s of %s joined with its other part", joined.c_str(), out.c_str());
  std::printf("\n");
  return 0;
}

}  // namespace

int report_merge(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab report merge OUT SHARD... [--replace]\n"
      "       ptplab report merge --append OUT REPORT...\n\n"
      "Joins the reports of the shards of one sweep (ptplab sweep --shard I/N, for I = 0 to N-1)\n"
      "into OUT, every run with all its rows, in sweep order: OUT is the report of the whole sweep,\n"
      "with the digest (ptplab report --digest) of `ptplab sweep -j 1`'s. The shards may be given\n"
      "in any order (each report records its sweep, its shard and each run's place in the sweep).\n"
      "Refused (exit 2, nothing written): a shard missing or given twice, a shard missing a run\n"
      "or holding a run that was interrupted or never ended (complete it with --resume), shards of\n"
      "different sweeps (scenario, --set, seeds), a report that is not a shard of a sweep, and\n"
      "an OUT that exists (without --replace), and with --replace an OUT that is not a ptplab\n"
      "report. OUT is written beside itself and renamed into place: it is never left half-merged.\n"
      "An OUT that another process creates meanwhile is not replaced, nor with --replace one that\n"
      "holds a run still running: exit 2, the merged report kept as OUT.<pid>.merged.db.\n"
      "With --append: every run of each REPORT, with all its rows, is appended to OUT (created if\n"
      "missing) in the order given, as it is, with no shard checks: to join the report a run wrote\n"
      "beside a locked one (R.db.<pid>.pending.db), or the reports of separate runs. A run that\n"
      "lost the lock part-way left its first rows in OUT (status running) and the rest in the\n"
      "pending report: the two parts are joined into that one run. A REPORT given twice, or holding\n"
      "a run OUT already has (joined before, or by another merge at the same time), is refused;\n"
      "a part that shares rows with the run it would join is another run, appended as its own.\n"
      "Exit status: 0 merged, 2 a usage error or a report that cannot be read or written.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "replace", "OUT may exist: a ptplab report, replaced by the merged one (never appended to)")(
      "append", "append every run of the REPORTs to OUT as they are, in the order given (no shard checks)");
  po::options_description all;
  all.add(visible).add_options()("files", po::value<std::vector<std::string>>(), "OUT and the INs");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  if (const auto stop = parse_command_line("report merge", argc, argv, visible, all, positional, vm))
    return *stop;
  // Under several ranks each would merge into OUT again (every run once per rank).
  if (const auto refused = refuse_ranks("report merge")) {
    if (first_rank()) std::fprintf(stderr, "%s\n", refused->c_str());
    return 2;
  }
  const auto files =
      vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() < 2) {
    std::fprintf(stderr,
                 "ptplab report merge: expected OUT and at least one IN (see ptplab report merge --help)\n");
    return 2;
  }
  const std::string& out = files.front();
  const std::vector<std::string> inputs(files.begin() + 1, files.end());
  if (std::filesystem::exists(out) && !std::filesystem::is_regular_file(out)) {
    std::fprintf(stderr, "ptplab report merge: cannot use %s as a report: not a regular file\n", out.c_str());
    return 2;
  }
  if (vm.count("append")) {
    if (vm.count("replace")) {
      std::fprintf(stderr, "ptplab report merge: --append and --replace exclude each other\n");
      return 2;
    }
    return append_reports(out, inputs);
  }
  std::error_code there_error;
  const bool there = std::filesystem::exists(std::filesystem::symlink_status(out, there_error));
  if (there && !vm.count("replace")) {
    std::fprintf(stderr,
                 "ptplab report merge: %s already exists: the merge writes a new report, it does not append "
                 "to one (which would mix its runs with the sweep's); give a new OUT, or --replace to "
                 "replace it\n",
                 out.c_str());
    return 2;
  }
  // --replace replaces a report, nothing else (review 14 M3): checked again when it is replaced.
  if (const auto refused = there ? replace_refusal(out) : std::nullopt) {
    std::fprintf(stderr, "ptplab report merge: %s\n", refused->c_str());
    return 2;
  }
  const auto read = read_inputs(out, inputs);
  if (!read) return 2;
  const std::vector<reports::ShardInput>& shards = *read;
  const auto order = reports::order_shards(shards);
  if (!order) {
    std::fprintf(stderr, "ptplab report merge: %s\n", order.error().c_str());
    return 2;
  }
  // Written beside OUT, then renamed over it: a failed merge leaves no half-merged OUT.
  // One name per process: two merges into one new OUT at once must not share (and wreck) it.
  const std::string partial = out + "." + std::to_string(getpid()) + ".merging";
  std::error_code ignored;
  std::filesystem::remove(partial, ignored);
  const auto failed = [&](const std::string& what) {
    std::fprintf(stderr, "ptplab report merge: %s\n", what.c_str());
    std::filesystem::remove(partial, ignored);
    return 2;
  };
  const auto ids = reports::copy_runs(partial, *order);
  if (!ids) return failed(ids.error());
  // OUT is the whole sweep: its runs are shard 0/1, as `ptplab sweep` without --shard makes them.
  reports::RunRow whole = shards.front().runs.front();
  whole.sweep_shard = "0/1";
  for (std::size_t k = 0; k < ids->size(); ++k) {
    whole.sweep_index = static_cast<std::int64_t>(k);
    if (auto s = reports::stamp_sweep_run(partial, (*ids)[k], whole); !s)
      return failed(out + ": " + s.error());
  }
  // Into place without losing a run another process writes to OUT meanwhile (review 14 S1).
  if (auto placed = put_in_place(partial, out, vm.count("replace") != 0); !placed) {
    std::fprintf(stderr, "ptplab report merge: %s\n", placed.error().c_str());
    return 2;
  }
  std::printf("%s: %zu %s of %zu %s of a sweep of %s, in sweep order\n", out.c_str(), ids->size(),
              ids->size() == 1 ? "run" : "runs", inputs.size(), inputs.size() == 1 ? "shard" : "shards",
              shards.front().runs.front().scenario.c_str());
  return 0;
}

}  // namespace ptplab::cli
