// A run partitioned over MPI ranks (see mpi_run.hpp).
#include "tools/ptplab/mpi_run.hpp"

#include <cstdio>
#include <optional>

#include "reports/writer.hpp"
#include "scenarios/runner/part_support.hpp"
#include "scenarios/runner/run.hpp"
#include "tools/ptplab/mpi_comm.hpp"
#include "tools/ptplab/mpi_world.hpp"
#include "tools/ptplab/pending_report.hpp"
#include "tools/ptplab/run_progress.hpp"
#include "tools/ptplab/run_support.hpp"
#include "tools/ptplab/stop_signals.hpp"

namespace ptplab::cli {

int run_over_ranks(const std::vector<scenarios::Scenario>& loaded, const PartitionedRunOptions& o) {
  const MpiWorld world;
  MpiPartComm comm;
  const bool first = world.rank() == 0;
  const std::string who = "mpirun -np " + std::to_string(world.size()) + " ptplab run";
  const auto refuse = [&](const std::string& why) {
    if (first) std::fprintf(stderr, "%s: %s\n", who.c_str(), why.c_str());
    return 2;
  };
  if (loaded.size() != 1) return refuse("one scenario at a time is partitioned; run them one by one");
  const scenarios::Scenario& s = loaded.front();
  if (o.capture) return refuse("capture (--pcap) is not partitioned yet; run it on one rank");
  if (o.timeout) return refuse("--timeout is not partitioned yet; run it on one rank");
  if (const auto why = scenarios::partition_refusal(s)) return refuse(s.name + ": " + *why);

  // Rank 0 alone opens the report; the ranks agree on whether it could before any runs.
  std::optional<reports::ReportWriter> writer;
  std::string error;
  if (first) {
    reports::WriterOptions options;
    options.fallback_path = pending_report_path(o.report);
    auto opened = reports::ReportWriter::open(o.report, options);
    if (opened) {
      writer.emplace(std::move(*opened));
    } else {
      error = o.report + ": " + opened.error();
    }
  }
  bool opened_everywhere = true;
  for (const auto& ok : comm.all_gather(error.empty() ? "1" : "0"))
    opened_everywhere = opened_everywhere && ok == "1";
  if (!opened_everywhere) return refuse(error);

  scenarios::RunRequest request;
  request.sink = first ? &*writer : nullptr;
  request.parts = &comm;
  request.version = PTPLAB_VERSION;
  request.sweep_point = o.sweep_point;
  request.stop = &stop_requested();
  const bool quiet = o.quiet || !first;
  request.setup = make_setup_progress(s.name, quiet);
  request.progress = make_progress(s.name, s.duration_ns, quiet, o.progress_every_ns);
  request.on_partitioned = [&](const std::string& plan) {
    if (!quiet) std::fprintf(stderr, "%s: %s: %s\n", who.c_str(), s.name.c_str(), plan.c_str());
  };
  auto outcome = scenarios::run_scenario(s, request);
  int status = 0;
  if (!outcome) {
    if (first) std::fprintf(stderr, "%s: %s: %s\n", who.c_str(), s.name.c_str(), outcome.error().c_str());
    status = 2;
  } else if (outcome->status == reports::RunStatus::kInterrupted) {
    if (first)
      std::fprintf(stderr, "%s: %s; %s holds the run so far (status interrupted)\n", who.c_str(),
                   stop_cause(), o.report.c_str());
    status = interrupted_exit_status();
  } else {
    if (first && !o.quiet) {
      std::printf("%s  report      %s (partitioned over %d ranks)\n", format_run_summary(s, *outcome).c_str(),
                  o.report.c_str(), world.size());
    }
    status = outcome->passed ? 0 : 1;
  }
  // Every rank exits with rank 0's status (the others have no metrics to judge).
  const auto all = comm.all_gather(std::to_string(status));
  return std::stoi(all.front());
}

}  // namespace ptplab::cli
