// Whether a command runs over MPI: started by an MPI launcher (mpirun sets OMPI_COMM_WORLD_SIZE,
// a PMIx launcher such as srun PMIX_RANK) or asked with --mpi; and what a build without MPI
// (cmake -DPTPLAB_MPI=OFF) says instead. Compiled in every build; MPI itself is in mpi_world.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/core/expected.hpp"

namespace ptplab::cli {

// True when this binary was built with MPI (PTPLAB_MPI=ON).
[[nodiscard]] bool built_with_mpi();

// True when the environment says an MPI launcher started this process as a rank.
[[nodiscard]] bool launched_by_mpi();

// Whether `ptplab COMMAND` runs over MPI: when launched_by_mpi(), or when `asked` (--mpi). The
// error (a usage error: exit 2) for --mpi without an MPI launch, and for an MPI launch or --mpi
// on a build without MPI (every rank would otherwise run the whole command on its own).
[[nodiscard]] Expected<bool, std::string> use_mpi(std::string_view command, bool asked);

// The error (a usage error: exit 2) for a command that has no MPI mode started as one of several
// MPI ranks: each rank would otherwise run the whole command into the same report (`ptplab run`
// under `mpirun -np 2` wrote the run twice). One rank (mpirun -np 1) is no error. `ptplab run`
// asks it only on a build without MPI: with MPI it partitions the run over the ranks (mpi_run.hpp).
[[nodiscard]] std::optional<std::string> refuse_ranks(std::string_view command);

// True for this process unless it is an MPI rank other than 0: which rank prints.
[[nodiscard]] bool first_rank();

// True for an environment entry ("NAME=VALUE") an MPI launcher gives its ranks (OMPI_*, PMIX_*,
// PMI_*): the child runs a rank starts are not ranks, so they do not get them (children.cpp).
[[nodiscard]] bool is_mpi_launch_variable(std::string_view entry);

}  // namespace ptplab::cli
