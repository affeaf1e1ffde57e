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
#include <thread>

#include "reports/writer.hpp"
#include "scenarios/format/loader.hpp"
#include "tools/ptplab/child_reports.hpp"
#include "tools/ptplab/children.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/junit.hpp"
#include "tools/ptplab/run_progress.hpp"
#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"

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
      "Exit status: 0 every scenario passed, 1 one failed, 2 invalid input, 130 (SIGINT) or 143\n"
      "(SIGTERM) interrupted: running scenarios are stopped and their runs so far merged.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "junit", po::value<std::string>(),
      "write JUnit XML here (default: none): a test case per scenario and per expectation")(
      "report", po::value<std::string>(),
      "merge every scenario's run into this SQLite report, appended to if it exists (default: none)")(
      "jobs,j", po::value<unsigned>(),
      "scenarios run at once, each in its own process (default: the number of CPUs)")(
      "quiet,q", "no line per finished scenario");
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
  if (!vm.count("input")) {
    std::fprintf(stderr, "ptplab suite: no scenario given (see ptplab suite --help)\n");
    return 2;
  }
  const unsigned jobs_at_once =
      vm.count("jobs") ? vm["jobs"].as<unsigned>() : std::max(1u, std::thread::hardware_concurrency());
  const auto progress_every = progress_every_option(vm);
  if (!progress_every) {
    std::fprintf(stderr, "ptplab %s: %s\n", "suite", progress_every.error().c_str());
    return 2;
  }
  const auto timeout = timeout_option(vm);
  if (!timeout) {
    std::fprintf(stderr, "ptplab suite: %s\n", timeout.error().c_str());
    return 2;
  }
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
  const std::string tmp = make_temp_dir("ptplab-suite-");
  if (tmp.empty()) {
    std::fprintf(stderr, "ptplab suite: cannot create a temporary directory\n");
    return 2;
  }
  install_stop_signals();
  std::vector<ChildJob> jobs;
  std::vector<std::string> reports_of;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string base = tmp + "/" + std::to_string(i);
    reports_of.push_back(base + ".db");
    jobs.push_back(
        {{"run", files[i], "--report", base + ".db", "--quiet", "--temp-of-parent", tmp}, base + ".log"});
    if (*timeout)
      jobs.back().args.insert(jobs.back().args.end(), {"--timeout", vm["timeout"].as<std::string>()});
  }
  if (!vm.count("quiet"))
    std::printf("suite: %zu scenario%s, %u at a time\n", files.size(), files.size() == 1 ? "" : "s",
                jobs_at_once);
  RunProgress progress(files, vm.count("quiet") != 0);
  const std::string report = vm.count("report") ? vm["report"].as<std::string>() : "";
  ChildReportMerger merger(report, reports_of);
  const auto status = run_children(
      jobs, jobs_at_once,

      ChildWatch{[&](std::size_t job, int code) {
                   merger.finished(job);
                   progress.finished(job, code);
                 },
                 [&](const std::vector<std::size_t>& running) { progress.still_running(running); },
                 *progress_every});
  // Merged before the children's words are shown, so that those name the merged report.
  const bool merged = merger.finish();
  int verdict = 0;
  std::vector<SuiteCase> cases;
  for (std::size_t i = 0; i < files.size(); ++i) {
    SuiteCase c;
    c.file = files[i];
    c.exit_code = status[i];
    c.output = name_merged_report(read_text(jobs[i].log_path), reports_of[i], merged ? report : "",
                                  merged ? merger.ids_of(i) : std::vector<reports::RunId>{});
    for (const auto& run : merger.runs_of(i)) {
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
  remove_temp_dir(tmp);
  std::size_t ok = 0;
  for (const int s : status) ok += s == 0 ? 1 : 0;
  std::printf("%zu/%zu scenarios passed\n", ok, files.size());
  return stop_requested().load() ? interrupted_exit_status() : verdict;
}

}  // namespace

PTPLAB_COMMAND("suite", "run many scenarios in parallel processes; one report, JUnit XML", suite);

}  // namespace ptplab::cli
