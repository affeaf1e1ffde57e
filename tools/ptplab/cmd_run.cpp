// `ptplab run SCENARIO...`: runs scenarios, writes their report, prints a short summary each, and
// exits with the verdict of their expectations (0 all pass, 1 any fails, 2 invalid input,
// 124 a scenario reached its --timeout, 130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP, 141
// stdout closed; the report then holds the run so far as `timed_out` or `interrupted`).
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "reports/sqlite_db.hpp"
#include "reports/writer.hpp"
#include "scenarios/format/json_checker.hpp"
#include "scenarios/format/loader.hpp"
#include "scenarios/format/overrides.hpp"
#include "scenarios/metrics/run_warnings.hpp"
#include "scenarios/runner/run.hpp"
#include "tools/ptplab/capture_options.hpp"
#include "tools/ptplab/children.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/mpi_launch.hpp"
#include "tools/ptplab/mpi_run.hpp"
#include "tools/ptplab/pending_report.hpp"
#include "tools/ptplab/run_progress.hpp"
#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;

// A child run of a suite or sweep cleans its parent's temporary folder when it finds itself
// orphaned at exit (the parent was killed, e.g. by SIGKILL, and the child got its parent-death
// signal): nobody else is left to, but finished points not merged yet are kept
// (remove_orphaned_temp_dir).
class OrphanCleanup {
 public:
  // `parent`: the suite's or sweep's pid as it gave it (--parent-pid), else our parent now; the
  // former also tells a child whose parent died before this point (now the reaper's child).
  OrphanCleanup(std::string parent_temp, std::string own_report, pid_t parent)
      : dir_(std::move(parent_temp)),
        report_(std::move(own_report)),
        parent_(parent > 0 ? parent : getppid()) {}
  ~OrphanCleanup() {
    if (!dir_.empty() && getppid() != parent_) remove_orphaned_temp_dir(dir_, report_);
  }
  OrphanCleanup(const OrphanCleanup&) = delete;
  OrphanCleanup& operator=(const OrphanCleanup&) = delete;

 private:
  std::string dir_;
  std::string report_;
  pid_t parent_;
};

// "<name>.db" in the current directory: a '/' in the scenario's name becomes '_' and a leading '.'
// does too, so a name such as "../x" cannot put the report elsewhere (review 12 m3).
std::string default_report_name(std::string name) {
  std::replace(name.begin(), name.end(), '/', '_');
  if (!name.empty() && name.front() == '.') name.front() = '_';
  return name + ".db";
}

// Makes lock waits give up on `flag` (the watchdog's with --timeout: raised by the limit or a stop
// signal) while it lives, then on the stop signals' flag again (reports/sqlite_db.hpp).
// `bound` says so in the long-wait notice ("until --timeout (5s)"; "" for none).
class LockWaitsGiveUpOn {
 public:
  LockWaitsGiveUpOn(const std::atomic<bool>* flag, std::string bound) {
    reports::give_up_lock_waits_when(flag);
    set_lock_wait_bound(std::move(bound));
  }
  ~LockWaitsGiveUpOn() {
    reports::give_up_lock_waits_when(&stop_requested());
    set_lock_wait_bound("");
  }
  LockWaitsGiveUpOn(const LockWaitsGiveUpOn&) = delete;
  LockWaitsGiveUpOn& operator=(const LockWaitsGiveUpOn&) = delete;
};

// How long a run stopped by a signal goes on writing its per-node rows (a million take seconds):
// the rest are counted unwritten (sim.node_rows_unwritten), so the stop takes effect within a
// second (issue [R] item 1). A run that timed out writes them all: its limit was its own.
constexpr auto kNodeRowsAfterSignal = std::chrono::milliseconds(150);

// RunRequest::keep_writing_after_stop: true until kNodeRowsAfterSignal after it is first asked
// following a stop signal.
std::function<bool()> node_rows_budget() {
  return [since = std::optional<std::chrono::steady_clock::time_point>{}]() mutable {
    if (!stop_requested().load()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (!since) since = now;
    return now - *since < kNodeRowsAfterSignal;
  };
}

// What a run written to its pending report says: where it is and how to join it.
std::string diversion_note(const std::string& report, const reports::Diversion& d) {
  std::string note = "ptplab run: the lock of " + report +
                     " could not be had (another process held it), so the run went to " + d.path +
                     " instead, a report of its own: join it with `" + join_command(report, d.path) +
                     "`, then remove " + d.path;
  if (d.partial_run_in_file != 0) {
    note += "; until then run " + std::to_string(d.partial_run_in_file) + " of " + report +
            " holds only its first rows (status running), and the join adds the rest to it";
  }
  return note;
}

// --plan-partitions K,...: each scenario's plans (scenarios::preview_partitions); 0, or 2 with a
// sentence for a list that is not of integers in [1, 65536] or a scenario with no plan.
int print_partition_plans(const std::vector<scenarios::Scenario>& loaded, const std::string& list) {
  std::vector<std::uint32_t> parts;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    std::size_t used = 0;
    unsigned long k = 0;
    try {
      k = std::stoul(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || k < 1 || k > 65'536) {
      std::fprintf(stderr,
                   "ptplab run: --plan-partitions: expected rank counts in [1, 65536] separated by commas "
                   "(\"2,8,32\"), found \"%s\"\n",
                   item.c_str());
      return 2;
    }
    parts.push_back(static_cast<std::uint32_t>(k));
  }
  if (parts.empty()) {
    std::fprintf(stderr,
                 "ptplab run: --plan-partitions: expected rank counts such as \"2,8,32\", found none\n");
    return 2;
  }
  for (const auto& s : loaded) {
    const auto plans = scenarios::preview_partitions(s, parts);
    if (!plans) {
      std::fprintf(stderr, "ptplab run: %s: %s\n", s.name.c_str(), plans.error().c_str());
      return 2;
    }
    for (const auto& line : *plans) std::printf("%s: %s\n", s.name.c_str(), line.c_str());
  }
  return 0;
}

int run(int argc, char** argv) {
  po::options_description visible(
      "usage: ptplab run SCENARIO... [--report FILE] [--seed N] [--set PATH=VALUE ...] [--quiet]\n"
      "                  [--timeout DURATION] [--progress-every DURATION]\n"
      "                  [--pcap FILE [--pcap-hosts H,...] [--pcap-verbs V,...]]\n\n"
      "Runs each scenario on the simulator, appends its run to the report (default\n"
      "./<scenario name>.db), prints a summary and checks its expectations. Progress goes to\n"
      "stderr: a line as each set-up phase ends (hosts, topology, attackers, workload,\n"
      "timeline), then a redrawn line on a terminal, else a plain line every --progress-every.\n"
      "DURATION: \"90s\", \"250ms\", \"2m\", \"1h\".\n\n"
      "Exit status: 0 every expectation passed; 1 one failed; 2 invalid input (a scenario, an\n"
      "option, a report that cannot be written); 124 a scenario reached its --timeout (the report\n"
      "holds the run so far with status `timed_out`; later scenarios do not run); 130 (SIGINT),\n"
      "143 (SIGTERM) or 129 (SIGHUP) interrupted, 141 stdout closed (the report holds the run so\n"
      "far as `interrupted`; a second signal while it is written is ignored).\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "report", po::value<std::string>(),
      "report file (SQLite); without it ./<scenario name>.db in the current directory. An existing "
      "file is appended to, never replaced (the summary's report line says which): runs of one seed "
      "with different --set values in one file are refused by `ptplab compare`, so give each "
      "configuration its own file")("seed", po::value<std::string>(),
                                    "seed N (an integer in [0, 9223372036854775807], the scenario's bound) "
                                    "instead of the scenario's \"seed\"")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override PATH=VALUE: PATH a JSON pointer into the scenario, VALUE JSON or a bare string "
      "(e.g. /duration=30s, /nodes/0/params/gossip_fanout=8); repeatable, applied in order; the "
      "same path twice is an error")("quiet,q",
                                     "no progress line and no summary (errors still go to stderr)");
  add_progress_option(
      visible,
      "off a terminal, print a plain progress line on stderr this often (DURATION of wall time; "
      "0: never): simulated time, events/s, elapsed, ETA, peak RSS");
  add_timeout_option(visible,
                     "a run still going then stops, its report row is kept with status timed_out and the "
                     "command exits 124");
  add_capture_options(visible);
  visible.add_options()("plan-partitions", po::value<std::string>(),
                        "K,...: print the partition plan `mpirun -np K ptplab run` would use for each K "
                        "(hosts per part, overlay edges cut, lookahead), then exit without running (builds "
                        "the hosts and the overlay only)");
  po::options_description all;
  all.add(visible).add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files")(
      "sweep-point", po::value<std::string>()->default_value(""), "label of a sweep point (ptplab sweep)")(
      "temp-of-parent", po::value<std::string>()->default_value(""),
      "the temporary folder of the suite or sweep running this (removed if that dies)")(
      "parent-pid", po::value<long>()->default_value(0),
      "the pid of that suite or sweep (a child orphaned before it started knows it was)");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (const auto stop = parse_command_line("run", argc, argv, visible, all, positional, vm)) return *stop;
  // Started as one of several MPI ranks: one simulation partitioned over them (mpi_run.hpp), on
  // a build with MPI; refused on one without.
  const bool over_ranks = refuse_ranks("run").has_value();
  if (over_ranks && !built_with_mpi()) {
    if (first_rank()) std::fprintf(stderr, "%s\n", refuse_ranks("run")->c_str());
    return 2;
  }
  if (!vm.count("scenario")) {
    std::fprintf(stderr, "ptplab run: no scenario given (see ptplab run --help)\n");
    return 2;
  }
  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  if (vm.count("seed")) {
    // Read here, not by program_options: its unsigned conversion wraps "-1" to 2^64 - 1, which
    // the scenario's /seed bound then refused in the file's name.
    // Read as the scenario's integer fields are ("1e3" is 1000: scenarios::integral_value).
    const std::string text = vm["seed"].as<std::string>();
    const auto seed = scenarios::integral_value(scenarios::parse_override_value(text));
    if (!seed || *seed > static_cast<std::uint64_t>(INT64_MAX)) {
      std::fprintf(
          stderr,
          "ptplab run: --seed: expected an integer in [0, 9223372036854775807], got \"%s\" (see ptplab "
          "run --help)\n",
          text.c_str());
      return 2;
    }
    overrides.push_back("/seed=" + std::to_string(*seed));
  }
  const bool quiet = vm.count("quiet") != 0;
  const auto timeout_given = timeout_option(vm);
  if (!timeout_given) {
    std::fprintf(stderr, "ptplab run: %s\n", timeout_given.error().c_str());
    return 2;
  }
  const std::optional<TimeNs> timeout = *timeout_given;
  const auto progress_every = progress_every_option(vm);
  if (!progress_every) {
    std::fprintf(stderr, "ptplab run: %s\n", progress_every.error().c_str());
    return 2;
  }
  // A stop signal only raises the flag (main installed the handlers): a run asked for and
  // stopped before it got going still leaves its row, `interrupted`.

  // Validate every file first: nothing runs when any input is invalid.
  const auto files = vm["scenario"].as<std::vector<std::string>>();
  std::vector<scenarios::Scenario> loaded;
  bool invalid = false;
  for (const auto& f : files) {
    auto s = scenarios::load_scenario_file(f, overrides, &stop_requested());
    if (stop_requested().load()) {  // a stop while loading (review 13 M3): no run began
      std::fprintf(stderr, "ptplab run: %s while loading %s; nothing was run or written\n", stop_cause(),
                   f.c_str());
      return interrupted_exit_status();
    }
    if (!s) {
      for (const auto& e : s.error()) std::fprintf(stderr, "%s: %s\n", f.c_str(), e.to_string().c_str());
      invalid = true;
      continue;
    }
    loaded.push_back(std::move(*s));
  }
  if (invalid) return 2;
  if (vm.count("plan-partitions"))
    return print_partition_plans(loaded, vm["plan-partitions"].as<std::string>());
  auto capture = open_capture(vm, loaded);
  if (!capture) {
    std::fprintf(stderr, "ptplab run: %s\n", capture.error().c_str());
    return 2;
  }

#ifdef PTPLAB_WITH_MPI
  if (over_ranks) {
    PartitionedRunOptions o;
    o.report = vm.count("report") ? vm["report"].as<std::string>() : default_report_name(loaded.front().name);
    o.quiet = quiet;
    o.capture = capture->request.sink != nullptr;
    o.timeout = timeout.has_value();
    o.progress_every_ns = progress_every->count() * 1'000'000;
    o.sweep_point = vm["sweep-point"].as<std::string>();
    return run_over_ranks(loaded, o);
  }
#endif
  const OrphanCleanup orphan_cleanup(vm["temp-of-parent"].as<std::string>(),
                                     vm.count("report") ? vm["report"].as<std::string>() : "",
                                     static_cast<pid_t>(vm["parent-pid"].as<long>()));
  int verdict = 0;
  bool skipped = false;       // a stop came between two scenarios
  std::size_t runs_done = 0;  // runs written whole before it
  for (const auto& s : loaded) {
    // A stop that came while the previous run was written (a wait for the report's lock) ends the
    // command here: the next scenario never runs, and has no row (review 12: it got an
    // `interrupted` row of 0 events).
    if (stop_requested().load()) {
      skipped = true;
      break;
    }
    const std::string path =
        vm.count("report") ? vm["report"].as<std::string>() : default_report_name(s.name);
    std::error_code ignored;
    const bool appended = std::filesystem::exists(path, ignored);
    // Started before the report is opened: --timeout bounds a wait for the report's lock too.
    std::optional<RunWatchdog> watchdog;  // with --timeout, the stop flag is the watchdog's
    if (timeout) watchdog.emplace(std::chrono::nanoseconds(*timeout));
    std::string bound;
    if (timeout) bound.append("until --timeout (").append(format_duration(*timeout)).append(") ends the run");
    const LockWaitsGiveUpOn lock_waits(watchdog ? &watchdog->stop() : &stop_requested(), std::move(bound));
    reports::WriterOptions options;
    options.fallback_path = pending_report_path(path);
    auto writer = reports::ReportWriter::open(path, options);
    if (!writer) {
      std::fprintf(stderr, "ptplab run: %s: %s\n", path.c_str(), writer.error().c_str());
      return 2;
    }
    scenarios::RunRequest request;
    request.sink = &*writer;
    request.version = PTPLAB_VERSION;
    request.sweep_point = vm["sweep-point"].as<std::string>();
    request.stop = &stop_requested();
    if (watchdog) {
      request.stop = &watchdog->stop();
      request.timed_out = &watchdog->timed_out();
    }
    request.exit_follows_stop = true;  // an interrupted or timed-out run ends the command
    request.keep_writing_after_stop = node_rows_budget();
    request.setup = make_setup_progress(s.name, quiet);
    request.progress = make_progress(s.name, s.duration_ns, quiet, progress_every->count() * 1'000'000);
    request.capture = capture->request;
    auto outcome = scenarios::run_scenario(s, request);
    if (!outcome) {
      std::fprintf(stderr, "ptplab run: %s: %s\n", s.name.c_str(), outcome.error().c_str());
      return 2;
    }
    const std::string& holder = writer->diverted() ? writer->diverted()->path : path;
    if (writer->diverted()) std::fprintf(stderr, "%s\n", diversion_note(path, *writer->diverted()).c_str());
    if (!quiet) {
      std::printf("%s  report      %s (%s)\n", format_run_summary(s, *outcome).c_str(), holder.c_str(),
                  writer->diverted() ? "not the report asked for: its lock could not be had"
                  : appended         ? "run appended to the existing file"
                                     : "new file");
    } else if (!request.sweep_point.empty()) {
      // A sweep's run: its warning lines go to the log `ptplab sweep` repeats them from.
      for (const auto& w : scenario_warnings(s)) std::printf("%s\n", w.c_str());
      for (const auto& w : outcome_warnings(*outcome)) std::printf("%s\n", w.c_str());
    }
    if (auto closed = capture->close(); !closed) {
      std::fprintf(stderr, "ptplab run: %s\n", closed.error().c_str());
      return 2;
    }
    if (outcome->status == reports::RunStatus::kTimedOut) {
      std::fprintf(
          stderr,
          "ptplab run: %s timed out after %s (--timeout); %s holds the run so far (status timed_out)\n",
          s.name.c_str(), format_duration(*timeout).c_str(), holder.c_str());
      return kTimedOutExitStatus;
    }
    if (outcome->status == reports::RunStatus::kInterrupted) {
      std::fprintf(stderr, "ptplab run: %s; %s holds the run so far (status interrupted)\n", stop_cause(),
                   holder.c_str());
      return interrupted_exit_status();
    }
    if (!outcome->passed) verdict = 1;
    ++runs_done;
  }
  if (skipped) {
    // The runs before ended as they are in the report; the scenarios after were not run. (When the
    // last run ends as the signal comes, nothing is skipped: the exit status is its verdict, as its
    // row says, which a suite or sweep reads.)
    if (runs_done == 0) {  // the stop came after loading, before the first run began
      std::fprintf(stderr, "ptplab run: %s before the first run began; nothing was run or written\n",
                   stop_cause());
    } else {
      std::fprintf(stderr, "ptplab run: %s while a run was written; the scenarios after it were not run\n",
                   stop_cause());
    }
    return interrupted_exit_status();
  }
  return verdict;
}

}  // namespace

PTPLAB_STOPPABLE_COMMAND(
    "run", "run scenarios on the simulator into a SQLite report; exit 1 if an expectation fails", run);

}  // namespace ptplab::cli
