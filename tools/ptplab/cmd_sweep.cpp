// `ptplab sweep SCENARIO`: expands the scenario's `sweep` matrix times its seeds, runs every point
// in parallel child processes (`ptplab run` each), and merges each run, as it finishes, into one
// report whose run.sweep_point and run_param rows let SQL group them. Exit 0 when every point passed.
// SIGINT/SIGTERM is passed on to the running points, which are merged as `interrupted` runs.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>

#include "reports/records/metrics.hpp"
#include "reports/writer.hpp"
#include "scenarios/format/loader.hpp"
#include "scenarios/format/sweep.hpp"
#include "tools/ptplab/child_batch.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/mpi_launch.hpp"
#include "tools/ptplab/resume_lock.hpp"
#include "tools/ptplab/run_progress.hpp"
#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"
#include "tools/ptplab/sweep_plan.hpp"
#include "tools/ptplab/sweep_tables.hpp"
#ifdef PTPLAB_WITH_MPI
#include "tools/ptplab/mpi_jobs.hpp"
#endif

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

std::optional<double> metric_value(const reports::RunSummary& run, reports::Metric metric) {
  for (const auto& s : run.scalars) {
    if (s.module == reports::kMetricModule && s.name == reports::metric_name(metric)) return s.value;
  }
  return std::nullopt;
}

int sweep(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab sweep SCENARIO [-j N] [--report FILE] [--set PATH=VALUE ...] [--quiet]\n"
      "                            [--timeout DURATION] [--shard I/N] [--resume] [--mpi]\n"
      "       mpirun -np K ptplab sweep SCENARIO ...\n\n"
      "Runs every point of the scenario's sweep matrix x seeds in parallel processes and merges\n"
      "them into one report (default <name>.db); run.sweep_point labels each run. Prints a line\n"
      "per run as it finishes ([done/total], status, ETA). Under mpirun the runs are spread over\n"
      "the MPI ranks (--mpi); the report is the same as with -j 1 (ptplab report --digest).\n"
      "Exit status: 0 every point passed, 1 one failed, 2 invalid input, 130 (SIGINT), 143\n"
      "(SIGTERM) or 129 (SIGHUP) interrupted, 141 stdout closed: running points are stopped and\n"
      "merged as `interrupted` runs.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "report", po::value<std::string>(),
      "report file (SQLite; default ./<scenario name>.db), appended to if it exists")(
      "jobs,j", po::value<std::string>(),
      "points run at once, each in its own process (default: the number of CPUs)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override PATH=VALUE (JSON pointer) before expansion, repeatable; a path given twice, or one "
      "the sweep sets (/sweep/parameters), is an error")(
      "shard", po::value<std::string>(),
      "I/N: only the runs whose index (from 0, in sweep order: the tables' order) is I mod N, I from 0 "
      "to N-1, for batch schedulers' job arrays; join the N shards' reports with `ptplab report merge "
      "OUT SHARD0 ... SHARDN-1`")(
      "resume",
      "keep the runs the report already holds complete (same point, seed and document) and run the "
      "others; the report then holds one run per sweep run in sweep order (a rerun replaces an "
      "interrupted run), as an uninterrupted sweep's (the runs it drops are named on stderr); a report of "
      "another scenario or sweep "
      "(another --set, matrix or seed count) is refused")(
      "mpi",
      "run over MPI ranks (implied when mpirun started this process): rank 0 hands the runs out to "
      "the ranks, itself included, as they become free, one run at a time per rank (so no -j), and "
      "merges them into the report; the other ranks print nothing but errors")(
      "quiet,q",
      "no progress: no header line and no line per finished run (the tables, the warnings and the report's "
      "name are the results, and are printed)");

  add_progress_option(visible,
                      "while runs go on, print a line naming the running ones this often (DURATION of "
                      "wall time; 0: never), besides the line per finished run");
  add_timeout_option(visible,
                     "a run still going then stops (`ptplab run --timeout`): its line says timed out, the "
                     "merged report keeps it as timed_out, and it counts as failed (exit 1)");
  po::options_description all;
  all.add(visible).add_options()("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (const auto stop = parse_command_line("sweep", argc, argv, visible, all, positional, vm)) return *stop;
  if (!vm.count("scenario")) {
    std::fprintf(stderr, "ptplab sweep: no scenario given (see ptplab sweep --help)\n");
    return 2;
  }
  const auto options = batch_options("sweep", vm);
  if (!options) return 2;
  Shard shard;
  if (vm.count("shard")) {
    const auto parsed = parse_shard(vm["shard"].as<std::string>());
    if (!parsed) {
      std::fprintf(stderr, "ptplab sweep: %s\n", parsed.error().c_str());
      return 2;
    }
    shard = *parsed;
  }
  const bool resume = vm.count("resume") != 0;
  const auto mpi = use_mpi("sweep", vm.count("mpi") != 0);
  if (!mpi) {
    std::fprintf(stderr, "%s\n", mpi.error().c_str());
    return 2;
  }
#ifdef PTPLAB_WITH_MPI
  // Every rank parsed the same command line; the ranks but 0 run what rank 0 hands out.
  std::optional<MpiWorld> world;
  if (*mpi) world.emplace();
  // Under several ranks rank 0 hands out every run of the sweep and the others ignore their own
  // arguments: a --shard would be lost silently, so every rank refuses it.
  if (world && world->size() > 1 && vm.count("shard")) {
    if (world->rank() == 0) {
      std::fprintf(stderr,
                   "ptplab sweep: --shard does not apply over MPI: the %d ranks share the whole sweep (rank "
                   "0 hands out every run); run a shard without mpirun (one job array task each), or the "
                   "whole sweep with mpirun and no --shard\n",
                   world->size());
    }
    return 2;
  }
  if (world && world->rank() != 0) return serve_mpi_jobs(*world, *options);
  std::optional<MpiJobs> ranks;
  if (world && world->size() > 1) {
    ranks.emplace(*world);
    if (vm.count("jobs")) {
      std::fprintf(stderr,
                   "ptplab sweep: -j does not apply over MPI: each of the %d ranks runs one run at a time "
                   "(choose the ranks with mpirun -np)\n",
                   world->size());
      return 2;
    }
  }
#endif
  const auto file = vm["scenario"].as<std::string>();
  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  auto scenario = scenarios::load_scenario_file(file, overrides);
  if (!scenario) {
    for (const auto& e : scenario.error())
      std::fprintf(stderr, "%s: %s\n", file.c_str(), e.to_string().c_str());
    return 2;
  }
  const auto document = nlohmann::json::parse(scenario->document);
  // A --set on a swept path (or above or below one) would be replaced at every point.
  if (document.contains("sweep") && document["sweep"].contains("parameters")) {
    for (const auto& o : overrides) {
      const auto path = o.substr(0, o.find('='));
      for (const auto& [swept, values] : document["sweep"]["parameters"].items()) {
        if (path != swept && !swept.starts_with(path + "/") && !path.starts_with(swept + "/")) continue;
        std::fprintf(stderr,
                     "ptplab sweep: --set %s: the sweep sets %s at every point (/sweep/parameters), so "
                     "this value would be ignored; drop the --set or the swept parameter\n",
                     o.c_str(), swept.c_str());
        return 2;
      }
    }
  }
  auto points = scenarios::expand_sweep(document);
  if (!points) {
    for (const auto& e : points.error())
      std::fprintf(stderr, "%s: %s\n", file.c_str(), e.to_string().c_str());
    return 2;
  }
  // Every point is checked before any runs: a bad one (a seed beyond its bound after adding the
  // seed index, say) is named by its label, not by the temporary file its run would read.
  // The runs this command does: every one, or its shard's.
  std::vector<SweepRunSpec> specs;
  std::vector<std::pair<std::string, std::string>> plan;  // every run's label and document
  bool valid = true;
  for (std::size_t i = 0; i < points->size(); ++i) {
    const auto& p = (*points)[i];
    const auto checked = scenarios::load_scenario(p.document.dump());
    if (checked) {
      plan.emplace_back(p.label, checked->document);
      if (i % shard.count == shard.index) specs.push_back({i, p.label, checked->document});
      continue;
    }
    valid = false;
    for (const auto& e : checked.error())
      std::fprintf(stderr, "%s: point %s: %s\n", file.c_str(), p.label.c_str(), e.to_string().c_str());
  }
  if (!valid) return 2;
  // A shard with no run would write no report saying which sweep it is of, so `report merge`
  // could never join it (review2 M1): N above the sweep's runs is refused.
  if (shard.count > points->size()) {
    const std::string idle = shard.count - 1 == points->size() ? "shard " + std::to_string(points->size())
                                                               : "shards " + std::to_string(points->size()) +
                                                                     " to " + std::to_string(shard.count - 1);
    std::fprintf(
        stderr,
        "ptplab sweep: --shard %zu/%zu: the sweep has %zu run%s, so %s would run nothing; give at most "
        "%zu shards\n",
        shard.index, shard.count, points->size(), points->size() == 1 ? "" : "s", idle.c_str(),
        points->size());
    return 2;
  }
  // Which sweep and shard the report's runs belong to (`ptplab report merge` checks it).
  const reports::RunRow stamp = sweep_stamp(plan, shard);
  const std::string report = vm.count("report") ? vm["report"].as<std::string>() : scenario->name + ".db";
  // --resume: the runs the report holds complete are kept; a report of something else is refused.
  std::vector<std::optional<reports::RunSummary>> kept(specs.size());
  std::optional<ResumeLock> resume_lock;  // held until the report is rewritten in sweep order
  if (resume) {
    if (auto writer = reports::ReportWriter::open(report); !writer) {  // creates a missing report
      std::fprintf(stderr, "ptplab sweep: %s\n", writer.error().c_str());
      return 2;
    }
    auto lock = ResumeLock::acquire(report);
    if (!lock) {
      std::fprintf(stderr, "ptplab sweep: --resume: %s\n", lock.error().c_str());
      return 2;
    }
    resume_lock.emplace(std::move(*lock));
    const auto matched = match_sweep_runs(report, scenario->name, stamp.sweep_plan, specs);
    if (!matched) {
      std::fprintf(stderr, "ptplab sweep: --resume: %s\n", matched.error().c_str());
      return 2;
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const auto id = complete_run((*matched)[i]);
      if (!id) continue;
      auto reader = reports::ReportReader::open(report);
      auto summary = reader ? reader->load_summary(*id) : Unexpected(reader.error());
      if (!summary) {
        std::fprintf(stderr, "ptplab sweep: --resume: %s: %s\n", report.c_str(), summary.error().c_str());
        return 2;
      }
      kept[i] = std::move(*summary);
    }
  }
  // The report is opened (created with its schema) before any point runs: a path that cannot
  // hold one fails now, not after the whole sweep.
  if (auto writer = reports::ReportWriter::open(report); !writer) {
    std::fprintf(stderr, "ptplab sweep: %s\n", writer.error().c_str());
    return 2;
  }
  ChildBatch batch("ptplab-sweep-", *options);
  if (batch.temp_dir().empty()) {
    std::fprintf(stderr, "ptplab sweep: cannot create a temporary directory\n");
    return 2;
  }
  std::vector<std::string> labels;
  std::vector<std::size_t> job_of(specs.size(), 0);  // the batch job of each spec not kept
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (kept[i]) continue;
    const auto& p = (*points)[specs[i].index];
    job_of[i] = batch.size();
    std::ofstream(batch.base(job_of[i]) + ".json") << p.document.dump();
    batch.add(batch.base(job_of[i]) + ".json", {"--sweep-point", p.label});
    reports::RunRow run_stamp = stamp;
    run_stamp.sweep_index = static_cast<std::int64_t>(specs[i].index);
    batch.stamp(job_of[i], std::move(run_stamp));
    labels.push_back(p.label);
  }
  BatchRunner runner;
  unsigned at_once = options->jobs_at_once;
#ifdef PTPLAB_WITH_MPI
  if (ranks) {
    runner = std::ref(*ranks);
    at_once = static_cast<unsigned>(world->size());
  }
#endif
  if (!vm.count("quiet")) {
    std::string which = std::to_string(batch.size()) + (batch.size() == 1 ? " run" : " runs");
    if (shard.count > 1 || batch.size() != points->size()) {
      which += " of " + std::to_string(points->size()) + " (";
      if (shard.count > 1)
        which += "shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count);
      if (batch.size() != specs.size()) {
        which += std::string(shard.count > 1 ? ", " : "") + std::to_string(specs.size() - batch.size()) +
                 " complete in " + report;
      }
      which += ")";
    }
    std::printf("%s: %s, %u at a time%s\n", scenario->name.c_str(), which.c_str(), at_once,
                runner ? " (one per MPI rank)" : "");
  }
  bool merged = batch.run(labels, report, vm.count("quiet") != 0, runner);
  if (resume) {
    if (auto ordered = put_in_sweep_order(report, scenario->name, specs, stamp); !ordered) {
      // The runs just run are in the report already (merged as they ended): only their order is not
      // the sweep's (review 14 m3: "refused" read as if the report had not changed).
      std::fprintf(stderr,
                   "ptplab sweep: --resume: the %zu runs just run were added to %s but not put in sweep "
                   "order: %s\n",
                   batch.size(), report.c_str(), ordered.error().c_str());
      merged = false;
    } else {
      for (const auto& d : *ordered)
        std::fprintf(stderr, "ptplab sweep: --resume: %s: %s\n", report.c_str(), d.c_str());
    }
  }
  int verdict = 0;
  std::vector<SweepRun> rows;
  std::string logs;      // what runs that ended with an error or timed out said, after the tables
  std::string warnings;  // the runs' warning lines, after the tables
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const std::string& label = specs[i].label;
    const std::size_t job = job_of[i];
    // A kept run counts as the run it was: exit 1 when one of its expectations failed.
    const auto kept_status = [&] {
      for (const auto& e : kept[i]->expectations) {
        if (!e.passed) return 1;
      }
      return 0;
    };
    const int status = kept[i] ? kept_status() : batch.status(job);
    SweepRun row{child_status_word(status), label, std::nullopt, std::nullopt, 0, 0,
                 status == 0 || status == 1};
    const auto& runs = kept[i] ? std::vector<reports::RunSummary>{*kept[i]} : batch.runs_of(job);
    for (const auto& r : runs) {
      row.delivery_ratio = metric_value(r, reports::Metric::kDeliveryRatio);
      row.latency_p50_ms = metric_value(r, reports::Metric::kLatencyP50Ms);
      for (const auto& e : r.expectations) {
        ++row.expectations;
        row.expectations_passed += e.passed ? 1 : 0;
      }
    }
    rows.push_back(std::move(row));
    if (kept[i]) {
      if (status != 0 && verdict == 0) verdict = 1;
      continue;
    }
    // The run's warning lines (its log holds them, ptplab run --sweep-point --quiet), by point.
    std::istringstream log(batch.log(job));
    for (std::string line; std::getline(log, line);) {
      if (line.rfind("warning: ", 0) == 0) warnings += "warning: " + label + ": " + line.substr(9) + "\n";
    }
    if (status == 2 || status == kTimedOutExitStatus) logs += label + ":\n" + batch.output(job);
    if (status == kChildLost) {
      logs += label +
              ": lost with the MPI rank that ran it (the rank died, or did not answer after the stop): "
              "not in the report; --resume runs it again\n";
    }
    if (const auto reason = child_end_reason(status); !reason.empty()) {
      logs += label + ": ptplab run was " + reason +
              (batch.runs_of(job).empty() ? " before it wrote its run\n"
                                          : "; the report keeps its run as failed\n");
    }
    if (status == 2) {
      verdict = 2;
    } else if (status != 0 && status != kChildNotRun && verdict == 0) {
      verdict = 1;
    }
  }
  std::printf("runs\n%sper point\n%s%s%s", format_sweep_runs(rows).c_str(), format_sweep_points(rows).c_str(),
              warnings.c_str(), logs.c_str());
  if (!merged) verdict = 2;
  if (batch.diverted_from() < batch.size()) {
    std::printf("report: %s (the runs from [%zu/%zu] on are in %s: its lock could not be had)\n",
                report.c_str(), batch.diverted_from() + 1, batch.size(), batch.pending().c_str());
  } else {
    std::printf("report: %s\n", report.c_str());
  }
  return stop_requested().load() ? interrupted_exit_status() : verdict;
}

}  // namespace

PTPLAB_STOPPABLE_COMMAND("sweep",
                         "run a scenario's parameter sweep x seeds in parallel processes into one report",
                         sweep);

}  // namespace ptplab::cli
