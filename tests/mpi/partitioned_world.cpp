// The partitioned world of tests/sim/partition_world.hpp over MPI ranks, one part per rank
// (sim/mpi/mpi_parts.hpp): rank 0 also runs the world sequentially, and the program fails (exit
// 1) unless the sum of the ranks' trace digests and record counts equals the sequential run's.
// tests/e2e/mpi_run.sh runs it with 2 and 3 ranks; with sizes it measures parallel efficiency:
//
//   mpirun -np 2 partitioned_world [PUBLICS NATTED SECONDS] [--no-check]   (partitioned, timed)
//   partitioned_world PUBLICS NATTED SECONDS --sequential                    (sequential, timed)
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "sim/lookahead.hpp"
#include "sim/mpi/mpi_parts.hpp"
#include "sim/partition_plan.hpp"
#include "sim/partitioned_run.hpp"
#include "tests/sim/partition_world.hpp"

namespace {

using namespace ptplab;
using namespace ptplab::sim;

struct Trace {
  std::uint64_t digest = 0;
  std::uint64_t records = 0;
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

Trace run_sequential(testing::WorldSize size, TimeNs end) {
  Simulator sim;
  testing::WorldTrace trace;
  Network net(sim, testing::world_config(), &trace);
  testing::build_world(net, size);
  sim.run_until(end);
  return {testing::trace_digest(trace.records), trace.records.size()};
}

}  // namespace

int main(int argc, char** argv) {
  testing::WorldSize size;
  TimeNs end = testing::kWorldEnd;
  bool check = true;
  bool sequential_only = false;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-check") == 0) {
      check = false;
    } else if (std::strcmp(argv[i], "--sequential") == 0) {
      sequential_only = true;
    } else if (positional == 0) {
      size.publics = static_cast<std::uint32_t>(std::atol(argv[i]));
      ++positional;
    } else if (positional == 1) {
      size.natted = static_cast<std::uint32_t>(std::atol(argv[i])) / 4 * 4;
      ++positional;
    } else {
      end = static_cast<TimeNs>(std::atof(argv[i]) * static_cast<double>(kSecond));
    }
  }
  if (sequential_only) {
    const auto t0 = std::chrono::steady_clock::now();
    const Trace t = run_sequential(size, end);
    std::printf("sequential hosts=%u records=%llu digest=%016llx wall_s=%.3f\n", size.hosts(),
                static_cast<unsigned long long>(t.records), static_cast<unsigned long long>(t.digest),
                seconds_since(t0));
    return 0;
  }
  mpi::MpiSession session(&argc, &argv);
  const std::uint32_t rank = session.rank();
  Trace expected;
  double sequential_s = 0;
  if (check && rank == 0) {
    const auto t0 = std::chrono::steady_clock::now();
    expected = run_sequential(size, end);
    sequential_s = seconds_since(t0);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  const auto t0 = std::chrono::steady_clock::now();
  PartitionPlan plan =
      plan_partition(session.size(), testing::world_nats(size), size.boxes(), testing::world_edges(size));
  plan.map.self = rank;
  Simulator sim;
  testing::WorldTrace trace;
  const NetworkConfig config = testing::world_config();
  Network net(sim, config, &trace);
  mpi::MpiParts parts(plan.map, net);
  net.set_partition(&plan.map, &parts);
  testing::build_world(net, size);
  const auto lookahead = cross_part_lookahead(config.latency, std::span(&config.link, 1));
  if (!lookahead) {
    std::fprintf(stderr, "%s\n", lookahead.error().c_str());
    return 2;
  }
  const WindowStats stats = run_windows(parts, *lookahead, end);
  MPI_Barrier(MPI_COMM_WORLD);
  const double partitioned_s = seconds_since(t0);
  std::uint64_t local[4] = {testing::trace_digest(trace.records), trace.records.size(), net.posted(),
                            parts.bytes_sent()};
  std::uint64_t total[4] = {};
  MPI_Reduce(local, total, 4, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank != 0) return 0;
  std::printf(
      "parts=%u hosts=%u cut_edges=%llu/%llu lookahead_ns=%lld windows=%llu crossing=%llu bytes=%llu "
      "records=%llu digest=%016llx wall_s=%.3f",
      session.size(), size.hosts(), static_cast<unsigned long long>(plan.edges_cut),
      static_cast<unsigned long long>(plan.edges), static_cast<long long>(*lookahead),
      static_cast<unsigned long long>(stats.windows), static_cast<unsigned long long>(total[2]),
      static_cast<unsigned long long>(total[3]), static_cast<unsigned long long>(total[1]),
      static_cast<unsigned long long>(total[0]), partitioned_s);
  if (!check) {
    std::printf("\n");
    return 0;
  }
  std::printf(" sequential_records=%llu sequential_digest=%016llx sequential_wall_s=%.3f\n",
              static_cast<unsigned long long>(expected.records),
              static_cast<unsigned long long>(expected.digest), sequential_s);
  if (total[0] != expected.digest || total[1] != expected.records) {
    std::fprintf(stderr, "partitioned run differs from the sequential run\n");
    return 1;
  }
  return 0;
}
