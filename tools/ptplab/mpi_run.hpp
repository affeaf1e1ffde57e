// `mpirun -np K ptplab run SCENARIO`: one simulation partitioned over the K ranks
// (scenarios/runner/simulation_parts.cpp), built with PTPLAB_MPI only. Rank 0 writes the report
// and prints; the others write nothing; every rank exits with rank 0's status.
#pragma once

#include <string>
#include <vector>

#include "scenarios/format/scenario.hpp"

namespace ptplab::cli {

// What `ptplab run` was asked, as far as a partitioned run uses it.
struct PartitionedRunOptions {
  std::string report;  // the report file
  bool quiet = false;
  bool capture = false;  // --pcap given: refused
  bool timeout = false;  // --timeout given: refused
  TimeNs progress_every_ns = 0;
  std::string sweep_point;
};

// Runs the one scenario of `loaded` over the MPI ranks (MPI initialised and finalised here);
// the exit status of `ptplab run` (2, with a sentence on rank 0's stderr, for a feature not
// partitioned yet, several scenarios, --pcap or --timeout).
[[nodiscard]] int run_over_ranks(const std::vector<scenarios::Scenario>& loaded,
                                 const PartitionedRunOptions& o);

}  // namespace ptplab::cli
