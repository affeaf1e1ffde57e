// `ptplab sweep SCENARIO`: expands the scenario's `sweep` matrix times its seeds, runs every point
// in parallel child processes (`ptplab run` each), and merges all runs into one report whose
// run.sweep_point and run_param rows let SQL group them. Exit 0 when every point passed.
// SIGINT/SIGTERM is passed on to the running points, which are merged as `interrupted` runs.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "scenarios/format/loader.hpp"
#include "scenarios/format/sweep.hpp"
#include "tools/ptplab/child_reports.hpp"
#include "tools/ptplab/children.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/run_progress.hpp"
#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"
#include "tools/ptplab/sweep_tables.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

std::optional<double> metric_value(const reports::RunSummary& run, const char* name) {
  for (const auto& s : run.scalars) {
    if (s.module == "metrics" && s.name == name) return s.value;
  }
  return std::nullopt;
}

int sweep(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab sweep SCENARIO [-j N] [--report FILE] [--set PATH=VALUE ...] [--quiet]\n"
      "                            [--timeout DURATION]\n\n"
      "Runs every point of the scenario's sweep matrix x seeds in parallel processes and merges\n"
      "them into one report (default <name>.db); run.sweep_point labels each run. Prints a line\n"
      "per run as it finishes ([done/total], status, ETA).\n"
      "Exit status: 0 every point passed, 1 one failed, 2 invalid input, 130 (SIGINT) or 143\n"
      "(SIGTERM) interrupted: running points are stopped and merged as `interrupted` runs.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "report", po::value<std::string>(),
      "report file (SQLite; default ./<scenario name>.db), appended to if it exists")(
      "jobs,j", po::value<unsigned>()->default_value(std::max(1u, std::thread::hardware_concurrency())),
      "points run at once, each in its own process (default: the number of CPUs)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override PATH=VALUE (JSON pointer) before expansion, repeatable")("quiet,q",
                                                                         "no line per finished run");
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
  const auto timeout = timeout_option(vm);
  if (!timeout) {
    std::fprintf(stderr, "ptplab sweep: %s\n", timeout.error().c_str());
    return 2;
  }
  const auto file = vm["scenario"].as<std::string>();
  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  auto scenario = scenarios::load_scenario_file(file, overrides);
  if (!scenario) {
    for (const auto& e : scenario.error())
      std::fprintf(stderr, "%s: %s\n", file.c_str(), e.to_string().c_str());
    return 2;
  }
  auto points = scenarios::expand_sweep(nlohmann::json::parse(scenario->document));
  if (!points) {
    for (const auto& e : points.error())
      std::fprintf(stderr, "%s: %s\n", file.c_str(), e.to_string().c_str());
    return 2;
  }
  const std::string tmp = make_temp_dir("ptplab-sweep-");
  if (tmp.empty()) {
    std::fprintf(stderr, "ptplab sweep: cannot create a temporary directory\n");
    return 2;
  }
  install_stop_signals();
  std::vector<ChildJob> jobs;
  std::vector<std::string> reports_of;
  for (std::size_t i = 0; i < points->size(); ++i) {
    const auto& p = (*points)[i];
    const std::string base = tmp + "/" + std::to_string(i);
    std::ofstream(base + ".json") << p.document.dump();
    reports_of.push_back(base + ".db");
    jobs.push_back({{"run", base + ".json", "--report", base + ".db", "--quiet", "--sweep-point", p.label,
                     "--temp-of-parent", tmp},
                    base + ".log"});
    if (*timeout)
      jobs.back().args.insert(jobs.back().args.end(), {"--timeout", vm["timeout"].as<std::string>()});
  }
  std::printf("%s: %zu runs, %u at a time\n", scenario->name.c_str(), points->size(),
              vm["jobs"].as<unsigned>());
  std::vector<std::string> labels;
  for (const auto& p : *points) labels.push_back(p.label);
  RunProgress progress(labels, vm.count("quiet") != 0);
  const auto status = run_children(jobs, vm["jobs"].as<unsigned>(),
                                   [&](std::size_t job, int code) { progress.finished(job, code); });

  int verdict = 0;
  std::vector<SweepRun> rows;
  std::string errors;    // the logs of runs that ended with an error, after the tables
  std::string warnings;  // the runs' warning lines, after the tables
  for (std::size_t i = 0; i < points->size(); ++i) {
    SweepRun row{child_status_word(status[i]), (*points)[i].label, std::nullopt, std::nullopt, 0, 0};
    for (const auto& r : read_child_runs(reports_of[i])) {
      row.delivery_ratio = metric_value(r, "delivery_ratio");
      row.latency_p50_ms = metric_value(r, "latency_p50_ms");
      for (const auto& e : r.expectations) {
        ++row.expectations;
        row.expectations_passed += e.passed ? 1 : 0;
      }
    }
    rows.push_back(std::move(row));
    // The run's warning lines (its log holds them, ptplab run --sweep-point --quiet), by point.
    std::istringstream log(read_text(jobs[i].log_path));
    for (std::string line; std::getline(log, line);) {
      if (line.rfind("warning: ", 0) == 0)
        warnings += "warning: " + (*points)[i].label + ": " + line.substr(9) + "\n";
    }
    if (status[i] == 2) {
      errors += (*points)[i].label + ":\n" + read_text(jobs[i].log_path);
      verdict = 2;
    } else if (status[i] != 0 && status[i] != kChildNotRun && verdict == 0) {
      verdict = 1;
    }
  }
  std::printf("runs\n%sper point\n%s%s%s", format_sweep_runs(rows).c_str(), format_sweep_points(rows).c_str(),
              warnings.c_str(), errors.c_str());
  const std::string report = vm.count("report") ? vm["report"].as<std::string>() : scenario->name + ".db";
  if (!merge_children(report, reports_of)) verdict = 2;
  remove_temp_dir(tmp);
  std::printf("report: %s\n", report.c_str());
  return stop_requested().load() ? interrupted_exit_status() : verdict;
}

}  // namespace

PTPLAB_COMMAND("sweep", "run a scenario's parameter sweep x seeds in parallel processes into one report",
               sweep);

}  // namespace ptplab::cli
