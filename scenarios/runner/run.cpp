// run_scenario: the report around a simulation.
#include "scenarios/runner/run.hpp"

#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "scenarios/expectations/expectations.hpp"
#include "scenarios/runner/part_comm.hpp"

namespace ptplab::scenarios {
namespace {

// Steps of the run_param listing (parse events, leaves, rows written) between two looks at the
// stop flag.
constexpr std::size_t kListingStepsPerStopPoll = 4096;

// Thrown to end a listing when the stop flag is seen (caught in flatten_parameters).
struct ListingStopped {};

// Counts the steps of a listing and looks at the stop flag every kListingStepsPerStopPoll
// (review 13: SIGINT while the 6 M leaves of a 3 M-edge scenario were listed took 28 s).
struct StopPoll {
  const std::atomic<bool>* stop;
  std::size_t steps = 0;
  void step() {
    if (++steps % kListingStepsPerStopPoll == 0 && stop != nullptr && stop->load()) throw ListingStopped{};
  }
};

void flatten(const nlohmann::json& j, const std::string& pointer, std::vector<reports::ParamRecord>& out,
             StopPoll& poll) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [key, value] : j.items()) {
      std::string escaped;
      for (const char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      flatten(value, pointer + "/" + escaped, out, poll);
    }
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], pointer + "/" + std::to_string(i), out, poll);
  } else {
    poll.step();
    out.push_back({pointer, j.dump()});
  }
}

// A simulation left alive on purpose (RunRequest::exit_follows_stop): reachable, not a leak.
Simulation* g_abandoned = nullptr;

std::uint64_t peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;
}

}  // namespace

std::vector<reports::ParamRecord> flatten_parameters(const std::string& document,
                                                     const std::atomic<bool>* stop) {
  std::vector<reports::ParamRecord> out;
  StopPoll poll{stop};
  try {
    const auto j = nlohmann::json::parse(
        document, [&poll](int, nlohmann::json::parse_event_t, nlohmann::json&) { return poll.step(), true; },
        false, true);
    if (!j.is_discarded()) flatten(j, "", out, poll);
  } catch (const ListingStopped&) {
    // Stopped: the rows listed so far.
  }
  return out;
}

std::string wall_clock_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Expected<std::vector<std::string>, std::string> preview_partitions(const Scenario& scenario,
                                                                   const std::vector<std::uint32_t>& parts) {
  Simulation sim(scenario, nullptr);
  return sim.preview_partitions(parts);
}

Expected<RunOutcome, std::string> run_scenario(const Scenario& scenario, const RunRequest& request) {
  const auto wall_start = std::chrono::steady_clock::now();
  RunOutcome outcome;
  auto* w = request.sink;
  if (w != nullptr) {
    reports::RunInfo info;
    info.scenario_name = scenario.name;
    info.scenario_text = scenario.document;
    info.seed = scenario.seed;
    info.version = request.version;
    info.started = wall_clock_iso();
    info.sweep_point = request.sweep_point;
    auto id = w->begin_run(info);
    if (!id) return Unexpected("report: " + id.error());
    outcome.run_id = *id;
    // A scenario with millions of leaves (explicit edges) takes seconds to list: a stop ends the
    // listing (the run row keeps the whole scenario text; the run ends interrupted, unbuilt).
    const auto params = flatten_parameters(scenario.document, request.stop);
    for (std::size_t i = 0; i < params.size(); ++i) {
      // Written in batches as they are added: a stop ends the rows too (the run ends unbuilt).
      if (i % kListingStepsPerStopPoll == 0 && request.stop != nullptr && request.stop->load()) break;
      w->add(params[i]);
    }
  }
  auto end_run = [&](reports::RunStatus status) -> Expected<std::monostate, std::string> {
    outcome.status = status;
    outcome.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    if (w == nullptr) return std::monostate{};
    reports::RunEnd end;
    end.status = status;
    end.finished = wall_clock_iso();
    end.wall_seconds = outcome.wall_seconds;
    end.simulated_seconds = static_cast<double>(outcome.simulated_ns) / static_cast<double>(kSecond);
    end.events = outcome.events;
    end.peak_rss_bytes = peak_rss_bytes();
    if (auto r = w->finish_run(end); !r) return Unexpected("report: " + r.error());
    return std::monostate{};
  };

  // A run stopped early: by its wall-time limit, or else by a signal.
  const auto stopped_status = [&] {
    const bool timed_out = request.timed_out != nullptr && request.timed_out->load();
    return timed_out ? reports::RunStatus::kTimedOut : reports::RunStatus::kInterrupted;
  };
  auto sim = std::make_unique<Simulation>(scenario, w, request.stop, request.parts);
  // Tearing a large simulation down takes up to a second: skipped when the process exits anyway.
  const auto abandon_if_exiting = [&] {
    if (request.exit_follows_stop) g_abandoned = sim.release();
  };
  std::optional<CaptureTap> tap;  // set before build(): nodes started by it send at once
  if (request.capture.sink != nullptr) {
    auto made = CaptureTap::make(request.capture, scenario, sim->plan());
    if (!made) {
      (void)end_run(reports::RunStatus::kFailed);
      return Unexpected(made.error());
    }
    tap.emplace(std::move(*made));
    sim->set_tap(&*tap);
  }
  // A partitioned run whose ranks can no longer meet (a rank died: PartCommBroken) ends `failed`
  // with the sentence saying so; the metrics of the parts that are left are not written.
  try {
    if (auto built = sim->build(request.setup); !built) {
      (void)end_run(reports::RunStatus::kFailed);
      return Unexpected(built.error());
    }
    if (!sim->built()) {
      // Stopped while building: nothing was simulated, so there are no metrics to compute; what
      // the nodes started so far sent is still captured.
      if (tap) tap->flush();
      if (auto r = end_run(stopped_status()); !r) return Unexpected(r.error());
      abandon_if_exiting();
      return outcome;
    }
    if (request.on_partitioned && request.parts != nullptr) request.on_partitioned(sim->partition_summary());
    const bool complete = sim->run(request.progress);
    outcome.simulated_ns = sim->now();
    outcome.metrics = sim->finish(complete ? std::function<bool()>{} : request.keep_writing_after_stop);
    if (request.on_partitioned && request.parts != nullptr) request.on_partitioned(sim->partition_costs());
    outcome.events = sim->events();  // after finish(): a partitioned run counts every rank's there
    outcome.diagnostics = sim->diagnostics();
    outcome.groups = sim->group_totals();
    // A run stopped early (timed out, interrupted) is not judged: its metrics cover part of the
    // scenario, so it has no expectation rows (and fails by its status).
    if (complete) outcome.expectations = check_expectations(scenario.expect, outcome.metrics);
    sim->add_run_gaps(outcome.diagnostics);
    if (w != nullptr) {
      for (const auto& e : outcome.expectations) w->add(e);
    }
    outcome.passed = complete && all_passed(outcome.expectations);
    if (auto r = end_run(complete ? reports::RunStatus::kComplete : stopped_status()); !r) {
      return Unexpected(r.error());
    }
    if (!complete) abandon_if_exiting();
  } catch (const PartCommBroken& e) {
    outcome.simulated_ns = sim->now();
    if (auto r = end_run(reports::RunStatus::kFailed); !r)
      return Unexpected(std::string(e.what()) + "; " + r.error());
    return Unexpected(std::string(e.what()) + (w != nullptr ? " (the report's run ends `failed`)" : ""));
  }
  return outcome;
}

}  // namespace ptplab::scenarios
