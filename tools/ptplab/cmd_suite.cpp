// `ptplab suite DIR|FILES...`: runs many scenarios in parallel child processes (each `ptplab run`
// into its own report), then merges their reports into one and writes JUnit XML with one test
// case per scenario and per expectation. Exit 0 only when every scenario passed. SIGINT/SIGTERM
// is passed on to the running children; what they wrote (interrupted runs included) is merged.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "reports/writer.hpp"
#include "scenarios/format/loader.hpp"
#include "tools/ptplab/child_batch.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/junit.hpp"
#include "tools/ptplab/run_progress.hpp"
#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"
#include "tools/ptplab/mpi_launch.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// DIR -> its *.json files, sorted; files stay as given.
std::vector<std::string> scenario_files(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    if (!std::filesystem::is_directory(in)) {
      files.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator(in)) {
      if (e.is_regular_file() && e.path().extension() == ".json") found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

// The expectations of a run that did not complete, which it did not judge: the `expect` list
// of its effective scenario document (run.scenario_text).
std::vector<reports::ExpectationRecord> not_judged(const std::string& document) {
  std::vector<reports::ExpectationRecord> out;
  const auto s = scenarios::load_scenario(document);
  if (!s) return out;
  for (const auto& e : s->expect) {
    out.push_back({e.metric, std::string(name_of(scenarios::kCompareOps, e.op)), e.value, e.tolerance,
                   std::nullopt, false});
  }
  return out;
}

int suite(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab suite DIR|FILES... [--junit FILE] [--report FILE] [-j N] [--quiet]\n"
      "                                [--timeout DURATION]\n\n"
      "Runs every scenario (a DIR means its *.json files) in parallel processes, merges their\n"
      "reports and writes JUnit XML (one test case per scenario and per expectation). Prints a line\n"
      "per scenario as it finishes ([done/total], status, ETA).\n"
      "Exit status: 0 every scenario passed, 1 one failed, 2 invalid input, 130 (SIGINT), 143\n"
      "(SIGTERM) or 129 (SIGHUP) interrupted, 141 stdout closed: running scenarios are stopped and\n"
      "their runs so far merged.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "junit", po::value<std::string>(),
      "write JUnit XML here (default: none): a test case per scenario and per expectation")(
      "report", po::value<std::string>(),
      "merge every scenario's run into this SQLite report, appended to if it exists (default: none)")(
      "jobs,j", po::value<std::string>(),
      "scenarios run at once, each in its own process (default: the number of CPUs)")(
      "quiet,q", "no progress: no header line and no line per finished scenario (the results are printed)");
  add_progress_option(visible,
                      "while runs go on, print a line naming the running ones this often (DURATION of "
                      "wall time; 0: never), besides the line per finished run");
  add_timeout_option(visible,
                     "a scenario still running then stops (`ptplab run --timeout`): its line says timed out, "
                     "its JUnit case fails as timed out (its expectations skipped, not judged), the merged "
                     "report keeps its run as timed_out, and it counts as failed (exit 1)");
  po::options_description all;
  all.add(visible).add_options()("input", po::value<std::vector<std::string>>(), "scenario files or folders");
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  if (const auto stop = parse_command_line("suite", argc, argv, visible, all, positional, vm)) return *stop;
  if (const auto refused = refuse_ranks("suite")) {
    if (first_rank()) std::fprintf(stderr, "%s\n", refused->c_str());
    return 2;
  }
  if (!vm.count("input")) {
    std::fprintf(stderr, "ptplab suite: no scenario given (see ptplab suite --help)\n");
    return 2;
  }
  const auto options = batch_options("suite", vm);
  if (!options) return 2;
  const auto files = scenario_files(vm["input"].as<std::vector<std::string>>());
  if (files.empty()) {
    std::fprintf(stderr, "ptplab suite: no *.json scenario found\n");
    return 2;
  }
  // The report is opened (created with its schema) before any scenario runs: a path that cannot
  // hold one fails now, not after the whole suite.
  if (vm.count("report")) {
    if (auto writer = reports::ReportWriter::open(vm["report"].as<std::string>()); !writer) {
      std::fprintf(stderr, "ptplab suite: %s\n", writer.error().c_str());
      return 2;
    }
  }
  ChildBatch batch("ptplab-suite-", *options);
  if (batch.temp_dir().empty()) {
    std::fprintf(stderr, "ptplab suite: cannot create a temporary directory\n");
    return 2;
  }
  for (const auto& f : files) batch.add(f);
  if (!vm.count("quiet"))
    std::printf("suite: %zu scenario%s, %u at a time\n", files.size(), files.size() == 1 ? "" : "s",
                options->jobs_at_once);
  const bool merged =
      batch.run(files, vm.count("report") ? vm["report"].as<std::string>() : "", vm.count("quiet") != 0);
  int verdict = 0;
  std::vector<SuiteCase> cases;
  for (std::size_t i = 0; i < files.size(); ++i) {
    SuiteCase c;
    c.file = files[i];
    c.exit_code = batch.status(i);
    c.output = batch.output(i);
    for (const auto& run : batch.runs_of(i)) {
      c.name = run.run.scenario;
      c.wall_seconds += run.run.wall_seconds;
      c.expectations.insert(c.expectations.end(), run.expectations.begin(), run.expectations.end());
      if (run.run.status != reports::run_status_name(reports::RunStatus::kComplete)) {
        const auto skipped = not_judged(run.run.scenario_text);
        c.not_judged.insert(c.not_judged.end(), skipped.begin(), skipped.end());
      }
    }
    std::size_t passed = 0;
    for (const auto& e : c.expectations) passed += e.passed ? 1 : 0;
    const bool ran = c.exit_code != kChildNotRun;
    const std::string judged =
        c.not_judged.empty()
            ? std::to_string(passed) + "/" + std::to_string(c.expectations.size()) + " expectations"
            : std::to_string(c.not_judged.size()) +
                  (c.not_judged.size() == 1 ? " expectation" : " expectations") + " not judged";
    std::printf("%-11s %-40s %s%s\n", child_status_word(c.exit_code), c.file.c_str(), judged.c_str(),
                c.exit_code == 0 || !ran ? "" : (" (exit " + std::to_string(c.exit_code) + ")").c_str());
    if (c.exit_code != 0 && ran) {
      if (verdict != 2) verdict = c.exit_code == 2 ? 2 : 1;
      if (!c.output.empty() && !is_interrupted_exit_status(c.exit_code)) std::printf("%s", c.output.c_str());
    }
    cases.push_back(std::move(c));
  }
  if (vm.count("junit")) {
    std::ofstream out(vm["junit"].as<std::string>());
    out << junit_xml("ptplab suite", cases);
    if (!out) {
      std::fprintf(stderr, "ptplab suite: cannot write %s\n", vm["junit"].as<std::string>().c_str());
      verdict = 2;
    }
  }
  if (!merged) verdict = 2;
  std::size_t ok = 0;
  for (const int s : batch.statuses()) ok += s == 0 ? 1 : 0;
  std::printf("%zu/%zu scenarios passed\n", ok, files.size());
  return stop_requested().load() ? interrupted_exit_status() : verdict;
}

}  // namespace

PTPLAB_STOPPABLE_COMMAND("suite", "run many scenarios in parallel processes; one report, JUnit XML", suite);

}  // namespace ptplab::cli
