// `ptplab conform`: the conformance harness. Runs the registered cases against a running node
// (--target), a node it starts (--exec), or the engine in-process (--in-process), and writes the
// per-section tree, JUnit, JSON and the SQLite report. Exit: 0 all MUSTs pass, 1 a MUST failed
// (or an expected failure passed), 2 usage error, unreachable target or harness error, 3 a MUST
// case could not run (unsupported, blocked) without --allow-unsupported (conformance/README.md).
#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "conformance/engine_target.hpp"
#include "conformance/exec_process.hpp"
#include "conformance/registry.hpp"
#include "conformance/requirements.hpp"
#include "conformance/runner.hpp"
#include "conformance/target.hpp"
#include "conformance/writers.hpp"
#include "engine/io/udp_host.hpp"
#include "engine/node/ids.hpp"
#include "reports/writer.hpp"
#include "scenarios/runner/run.hpp"
#include "tools/ptplab/command.hpp"
#include "tools/ptplab/command_line.hpp"
#include "tools/ptplab/duration_option.hpp"
#include "tools/ptplab/run_timeout.hpp"
#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {
namespace {

namespace po = boost::program_options;
using namespace ptplab::conformance;

constexpr TimeNs kProbeRetryNs = 200 * kMillisecond;  // HELLO retry of the reachability probe
constexpr const char* kReadyDefault = "5s";           // the probe's wait: above a 2 s HELLO timer
constexpr const char* kExecReadyDefault = "10s";      // --exec: the process starts, then answers
constexpr std::uint64_t kProbeStream = 0x70726f6265;  // Rng stream of the probe's node id ("probe")
constexpr int kJobsMax = 64;

std::vector<std::string> split_globs(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& r : raw) {
    std::stringstream in(r);
    std::string g;
    while (std::getline(in, g, ',')) {
      if (!g.empty()) out.push_back(g);
    }
  }
  return out;
}

bool write_file(const std::string& path, const std::string& what,
                const std::function<void(std::ostream&)>& fn) {
  std::ofstream f(path);
  if (!f) {
    std::cerr << "ptplab conform: cannot write " << what << " to " << path << "\n";
    return false;
  }
  fn(f);
  return static_cast<bool>(f);
}

// The conform run as one run of the report (as `ptplab run` writes one): its own run_id, the
// invocation as the run's document and parameters, status complete or interrupted, then one
// conformance_result row per case. Two runs into one file read as two runs.
bool write_report(const std::string& path, const std::vector<CaseResult>& results, const std::string& suite,
                  const nlohmann::json& invocation, const std::string& started, double wall_seconds) {
  auto writer = reports::ReportWriter::open(path);
  if (!writer) {
    std::cerr << "ptplab conform: " << writer.error() << "\n";
    return false;
  }
  reports::RunInfo info;
  info.scenario_name = "conform " + suite;
  info.scenario_text = invocation.dump();
  info.seed = invocation.at("seed").get<std::uint64_t>();
  info.version = PTPLAB_VERSION;
  info.started = started;
  if (const auto begun = writer->begin_run(info); !begun) {
    std::cerr << "ptplab conform: " << begun.error() << "\n";
    return false;
  }
  for (const auto& p : scenarios::flatten_parameters(info.scenario_text)) writer->add(p);
  for (const auto& r : results) {
    std::string evidence = r.outcome.note;
    if (r.outcome.status == Status::kFail || r.outcome.status == Status::kWarn)
      evidence = failure_sentence(r.outcome) + "\n" + r.wire_log;
    if (r.outcome.status == Status::kBlocked)
      evidence = "blocked by " + r.outcome.blocked_by + ": " + evidence;
    const std::string result = report_result(r);
    if (r.unexpected_pass || r.expected_failure) evidence = verdict_label(r) + "\n" + evidence;
    writer->add(reports::ConformanceRecord{suite, r.c->id, std::string(section_of(*r.c)),
                                           std::string(level_name(r.c->level)), result, evidence,
                                           static_cast<double>(r.duration_ns) / kSecond});
  }
  reports::RunEnd end;
  end.status = stop_requested().load() ? reports::RunStatus::kInterrupted : reports::RunStatus::kComplete;
  end.finished = scenarios::wall_clock_iso();
  end.wall_seconds = wall_seconds;
  const auto finished = writer->finish_run(end);
  if (!finished) std::cerr << "ptplab conform: " << finished.error() << "\n";
  return finished.has_value();
}

int run_conform(int argc, char** argv) {
  po::options_description opts(
      "usage: ptplab conform (--target HOST:PORT | --exec COMMAND | --in-process) [--cases GLOB,...]\n"
      "                      [--junit FILE] [--json FILE] [--report FILE.db] [options]\n"
      "       ptplab conform --list [--markdown]\n\n"
      "Checks a ptpchat implementation against the spec, requirement by requirement (the cases and\n"
      "what they check: conformance/README.md). DURATION: \"2s\", \"500ms\".\n\n"
      "Exit status: 0 every MUST case passed; 1 a MUST case failed (or a case of --expect-fail\n"
      "passed); 2 a usage error, an unreachable target or a harness error; 3 a MUST case could not\n"
      "run (unsupported, blocked) and --allow-unsupported was not given.\n\noptions");
  std::string target, exec, timeout = "2s", ready_timeout, expect_fail, junit, json, report;
  std::vector<std::string> globs;
  int repeat = 1, jobs = 8;
  std::uint64_t seed = 1;
  opts.add_options()("help,h", "this help")(
      "target", po::value(&target),
      "HOST:PORT of a running implementation: an IPv4 address or a name with one (127.0.0.1:9001, "
      "localhost:9001); the harness's sockets are IPv4, so IPv6 is not taken")(
      "exec", po::value(&exec), "command starting the implementation; {port} is replaced by a free port")(
      "in-process", "run against the engine's Node in virtual time (with an open and a closed channel)")(
      "cases", po::value(&globs)->composing(),
      "case ids to run: globs, comma-separated or repeated (hello/*)")(
      "list", "list the cases instead of running them")(
      "markdown", "with --list: the traceability table (requirement -> cases) in Markdown")(
      "strict", "also run the checks stricter than the spec")(
      "timeout", po::value(&timeout), "how long to wait for each expected answer (DURATION, default 2s)")(
      "ready-timeout", po::value(&ready_timeout),
      "how long the readiness probe waits for the target's first datagram (DURATION, default 5s; 10s with "
      "--exec)")("repeat", po::value(&repeat), "run every case N times (flake detection; default 1)")(
      "seed", po::value(&seed),
      "seed of the harness's ids and payloads (default: fresh per run against a real target, 1 in-process)")(
      "jobs", po::value(&jobs), "cases run at once against a real target (default 8)")(
      "expect-fail", po::value(&expect_fail),
      "file of case ids known to fail (an unexpected pass fails the run)")(
      "fail-on-warn", "count broken SHOULDs as failures in the exit code (and JUnit <failure>s)")(
      "allow-unsupported", "MUST cases that could not run (unsupported, blocked) do not fail the run")(
      "junit", po::value(&junit), "write JUnit XML here")("json", po::value(&json),
                                                          "write the results as JSON here")(
      "report", po::value(&report), "append the results to this SQLite report (table conformance_result)")(
      "verbose,v", "print the wire log of every case");
  po::variables_map vm;
  if (const auto stop = parse_command_line("conform", argc, argv, opts, opts, {}, vm)) return *stop;
  RunOptions options;
  options.globs = split_globs(globs);
  std::vector<Case> chosen;
  for (const auto& c : all_cases()) {
    if (selected(c.id, options.globs)) chosen.push_back(c);
  }
  if (vm.count("list")) {
    if (vm.count("markdown"))
      write_traceability_markdown(std::cout, all_cases());
    else
      write_case_list(std::cout, chosen);
    return 0;
  }
  const int kinds = (target.empty() ? 0 : 1) + (exec.empty() ? 0 : 1) + (vm.count("in-process") ? 1 : 0);
  if (kinds != 1) {
    std::cerr << "ptplab conform: give exactly one of --target HOST:PORT, --exec CMD, --in-process\n";
    return 2;
  }
  const auto t = duration_option("--timeout", timeout, {kTimeoutMax, false, "2s"});
  if (!t) {
    std::cerr << "ptplab conform: " << t.error() << "\n";
    return 2;
  }
  const auto ready = duration_option("--ready-timeout",
                                     !ready_timeout.empty() ? ready_timeout
                                     : exec.empty()         ? kReadyDefault
                                                            : kExecReadyDefault,
                                     {kTimeoutMax, false, "5s"});
  if (!ready) {
    std::cerr << "ptplab conform: " << ready.error() << "\n";
    return 2;
  }
  if (repeat < 1 || jobs < 1 || jobs > kJobsMax) {
    std::cerr << "ptplab conform: --repeat wants N >= 1 and --jobs 1.." << kJobsMax << "\n";
    return 2;
  }
  if (chosen.empty()) {
    std::cerr << "ptplab conform: no case matches --cases\n";
    return 2;
  }
  options.settings.timeout_ns = *t;
  options.settings.strict = vm.count("strict") > 0;
  // Against a real target every run gets fresh node ids unless --seed is given: a target keeps
  // state per node id (peers, de-dup windows) longer than a run lasts.
  if (!vm.count("seed") && !vm.count("in-process"))
    seed = (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  options.settings.seed = seed;
  options.repeat = repeat;
  options.jobs = jobs;
  options.policy.fail_on_warn = vm.count("fail-on-warn") > 0;
  options.policy.allow_unsupported = vm.count("allow-unsupported") > 0;
  if (!expect_fail.empty()) {
    std::ifstream f(expect_fail);
    if (!f) {
      std::cerr << "ptplab conform: cannot read --expect-fail file " << expect_fail << "\n";
      return 2;
    }
    std::stringstream text;
    text << f.rdbuf();
    auto listed = parse_expect_fail(text.str(), all_cases());
    if (!listed) {
      std::cerr << "ptplab conform: --expect-fail " << expect_fail << ": " << listed.error()
                << " (ptplab conform --list names the cases)\n";
      return 2;
    }
    options.expect_fail = std::move(*listed);
  }

  // A stop signal (main installed the handlers): the running cases are cut short, none starts,
  // and what ran is written out (the rest marked not run); the --exec target is stopped as at
  // the end of a run.
  options.stop = &stop_requested();
  auto probe_rng = Rng::derive(seed, kProbeStream);
  const std::string probe_id = engine::make_uuid4(probe_rng);
  const ExitPolicy& policy = options.policy;
  const std::string started = scenarios::wall_clock_iso();
  const auto wall_start = std::chrono::steady_clock::now();
  // The JUnit, JSON and report outputs asked for; false when one could not be written.
  const auto write_outputs = [&](const std::vector<CaseResult>& results, const std::string& suite) {
    const TimeNs wall_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - wall_start)
            .count();
    bool written = true;
    if (!junit.empty())
      written &= write_file(junit, "JUnit XML",
                            [&](std::ostream& o) { write_junit(o, results, suite, policy, wall_ns); });
    if (!json.empty())
      written &= write_file(json, "JSON", [&](std::ostream& o) { write_json(o, results, suite, policy); });
    if (!report.empty()) {
      const nlohmann::json invocation = {{"conform",
                                          {{"target", suite},
                                           {"cases", options.globs},
                                           {"strict", options.settings.strict},
                                           {"timeout_ns", options.settings.timeout_ns},
                                           {"repeat", repeat},
                                           {"jobs", jobs},
                                           {"fail_on_warn", policy.fail_on_warn},
                                           {"allow_unsupported", policy.allow_unsupported},
                                           {"expect_fail", expect_fail}}},
                                         {"seed", seed}};
      written &=
          write_report(report, results, suite, invocation, started, static_cast<double>(wall_ns) / kSecond);
    }
    return written;
  };
  // A run that could not start: the message, and every case in the outputs as not run (exit 2).
  const auto cannot_start = [&](const std::string& suite, const std::string& why) {
    std::cerr << "ptplab conform: " << why << "\n";
    (void)write_outputs(not_run(all_cases(), options.globs, "not run: " + why), suite);
    return 2;
  };
  std::unique_ptr<ExecProcess> process;
  std::unique_ptr<Target> where;
  if (vm.count("in-process")) {
    where = std::make_unique<InProcessTarget>(
        engine_factory(reference_node_params(), default_target_channels()), "in-process engine");
  } else {
    Address address;
    if (!exec.empty()) {
      auto running = ExecProcess::start(exec, *ready, probe_id);
      if (!running) return cannot_start(exec, running.error());
      process = std::move(*running);
      address = process->address();
    } else {
      const auto parsed = engine::UdpHost::resolve_ipv4(target);  // the forms node's --peer takes
      if (!parsed) {
        std::cerr << "ptplab conform: --target: " << parsed.error() << "\n";
        return 2;
      }
      address = *parsed;
      ProbeOptions probe;
      probe.wait_ns = *ready;
      probe.retry_ns = kProbeRetryNs;
      const auto reachable = probe_reachable(address, probe_id, probe);
      if (!reachable) return cannot_start(target, "target unreachable: " + reachable.error());
    }
    options.settings.stop = &stop_requested();
    where = std::make_unique<UdpTarget>(address);
    options.settings.address_translation = detect_address_translation(options.settings, *where);
    if (!options.settings.address_translation.empty())
      std::cout << "address translation: " << options.settings.address_translation
                << "; cases about addresses are unsupported\n";
  }

  const auto results = run_cases(all_cases(), options, *where);
  if (process) process->stop(2 * kSecond);
  write_console(std::cout, results, where->describe() + " (seed " + std::to_string(seed) + ")", policy,
                vm.count("verbose") > 0);
  const bool written = write_outputs(results, where->describe());
  std::cout << std::flush;
  if (!written) return 2;
  if (stop_requested().load()) {
    std::cerr << "ptplab conform: " << stop_cause() << "; the cases not run are marked \"" << kInterruptedNote
              << "\"\n";
    return interrupted_exit_status();
  }
  return exit_code(results, policy);
}

}  // namespace

PTPLAB_STOPPABLE_COMMAND("conform", "check a ptpchat implementation against the spec, case by case",
                         run_conform);

}  // namespace ptplab::cli
