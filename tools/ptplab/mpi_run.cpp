// A run partitioned over MPI ranks (see mpi_run.hpp).
#include "tools/ptplab/mpi_run.hpp"

#include <sys/resource.h>

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
namespace {

// "U s user CPU, peak RSS M MiB, N collectives (S s in them)": this process so far.
std::string rank_costs(const MpiPartComm& comm) {
  rusage usage{};
  (void)getrusage(RUSAGE_SELF, &usage);
  const double user =
      static_cast<double>(usage.ru_utime.tv_sec) + static_cast<double>(usage.ru_utime.tv_usec) / 1e6;
  char text[160];
  std::snprintf(text, sizeof text, "%.1f s user CPU, peak RSS %ld MiB, %llu collectives (%.1f s in them)",
                user, usage.ru_maxrss / 1024, static_cast<unsigned long long>(comm.collectives()),
                comm.seconds_in_collectives());
  return text;
}

// The run of run_over_ranks; a PartCommBroken (a rank died) ends it with status 2 and no further
// collective.
int run_on_rank(const MpiWorld& world, MpiPartComm& comm, const std::vector<scenarios::Scenario>& loaded,
                const PartitionedRunOptions& o) {
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
  try {
    for (const auto& ok : comm.all_gather(error.empty() ? "1" : "0"))
      opened_everywhere = opened_everywhere && ok == "1";
  } catch (const scenarios::PartCommBroken& e) {
    return refuse(e.what());
  }
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
  // Every rank exits with rank 0's status (the others have no metrics to judge); after a rank
  // died (the run's error said so) there is no one to agree with.
  if (comm.broken()) return status;
  try {
    // With the status, what each rank cost (the figures of BENCHMARKS.md's model), for rank 0 to print.
    const std::string mine = std::to_string(status) + " " + rank_costs(comm);
    const auto all = comm.all_gather(mine);
    if (first && !o.quiet) {
      std::string line;
      for (std::size_t r = 0; r < all.size(); ++r) {
        line.append(r == 0 ? "" : "; ");
        line.append("rank " + std::to_string(r) + ": " + all[r].substr(all[r].find(' ') + 1));
      }
      std::fprintf(stderr, "%s: %s: %s\n", who.c_str(), s.name.c_str(), line.c_str());
    }
    return std::stoi(all.front());
  } catch (const scenarios::PartCommBroken&) {
    return status;
  }
}

}  // namespace

int run_over_ranks(const std::vector<scenarios::Scenario>& loaded, const PartitionedRunOptions& o) {
  MpiWorld world;
  MpiPartComm comm(&stop_requested());
  const int status = run_on_rank(world, comm, loaded, o);
  if (comm.broken()) world.abandon();
  return status;
}

}  // namespace ptplab::cli
